"""Test suite (a package, so that ``tests.fixtures`` resolves here even when a dependency
ships a top-level ``tests`` package)."""
