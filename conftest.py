"""Pytest configuration: which files hold doctests."""

import importlib.util

collect_ignore = ["quoteattr/__main__.py", "tools", "benchmarks", "build", "seeds"]

# quoteattr.dask's examples need the dask extra; tests/test_dask.py says itself why it skips.
if importlib.util.find_spec("dask") is None or importlib.util.find_spec("distributed") is None:
    collect_ignore.append("quoteattr/dask.py")
