"""Pytest configuration: which files hold doctests."""

collect_ignore = ["quoteattr/__main__.py", "tools", "benchmarks", "build", "seeds"]
