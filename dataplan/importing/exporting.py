"""Cells for exported CSV and xlsx files, safe to open in a spreadsheet."""

import re
from decimal import Decimal

# Text starting with one of these is run as a formula by spreadsheet programs.
_DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")
# A cell that is only a number cannot be a formula, even when it starts with a sign.
_PLAIN_NUMBER = re.compile(r"[+-]?\d[\d.,]*")


def csv_safe(value) -> str:
    """The cell's text, with a leading quote when a spreadsheet would read it as a formula."""
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return str(value)
    text = str(value)
    if text.startswith(_DANGEROUS_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text
