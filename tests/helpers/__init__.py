"""Plain helpers that test modules share. No tests and no fixtures live here: fixtures belong in
the nearest conftest.py, tests in test_*.py modules, and test modules never import each other."""
