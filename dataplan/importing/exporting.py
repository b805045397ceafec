"""Cells for exported CSV and xlsx files, safe to open in a spreadsheet."""

import re
from decimal import Decimal

# Text starting with one of these is run as a formula by spreadsheet programs.
_DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")
# A cell that is only a number cannot be a formula, even when it starts with a sign.
_PLAIN_NUMBER = re.compile(r"[+-]?\d[\d.,]*")
# What an import refuses as a formula: "=" always; "+", "-" or "@" when a function call, a cell
# reference, a link to another program (DDE, "cmd|") or a sum follows. A plain negative number
# ("-3,5") or a dash before words ("- goed gegaan") is text a spreadsheet does not run.
FORMULA_PATTERN = (
    r"^(?:=|[+\-@]\s*(?:"
    r"[A-Za-z_][\w.]*\s*\("  # +HYPERLINK(, @SUM(
    r"|[^|]*\|"  # -1+cmd|' /C calc'!A0
    r"|\$?[A-Za-z]{1,3}\$?[0-9]+\b"  # +A1, -$B$2
    r"|[0-9.,]+\s*[-+*/^&]\s*\S"  # -1+1, +2*3
    r"))"
)
_FORMULA = re.compile(FORMULA_PATTERN)


def looks_like_formula(text: str) -> bool:
    """True when a spreadsheet would run the text as a formula and an import refuses it."""
    return bool(_FORMULA.match(text))


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
