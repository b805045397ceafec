"""Measurement import without the database: bytes in, a table, a mapping, checked rows out."""

# The caller loads the Context from the database, shows the Result's problems or saves its rows.

from .exporting import csv_safe
from .files import ENCODINGS, MAX_COLUMNS, FileProblem, Table, check_file, read_table
from .mapping import FIELDS, IGNORE, guess_mapping
from .specs import Context, IndicatorSpec, Problem, Result
from .validation import school_years, validate

__all__ = [
    "FIELDS",
    "IGNORE",
    "ENCODINGS",
    "MAX_COLUMNS",
    "Context",
    "FileProblem",
    "IndicatorSpec",
    "Problem",
    "Result",
    "Table",
    "check_file",
    "csv_safe",
    "guess_mapping",
    "read_table",
    "school_years",
    "validate",
]
