"""Measurement import without the database: bytes in, a table, a mapping, checked rows out."""

# The caller loads the Context from the database, shows the Result's problems or saves its rows.

from .exporting import csv_safe
from .files import FileProblem, Table, read_table
from .mapping import FIELDS, IGNORE, guess_mapping
from .specs import Context, IndicatorSpec, Problem, Result
from .validation import validate

__all__ = [
    "FIELDS",
    "IGNORE",
    "Context",
    "FileProblem",
    "IndicatorSpec",
    "Problem",
    "Result",
    "Table",
    "csv_safe",
    "guess_mapping",
    "read_table",
    "validate",
]
