"""``python -m quoteattr``: see :mod:`quoteattr.cli`."""

from .cli import main

raise SystemExit(main())
