"""Numbers as people type and read them: "7,5", "7.5", "1.234,5", "1,234.5", "1 234,5".

The reading rules, the same in every number field (and close to the importer's, which also has a
whole column to look at):

- With both a comma and a point, the last one is the decimal mark ("1.234,5", "1,234.5").
- A mark that appears more than once groups thousands ("1.234.567"); so do spaces ("1 234,5").
- One mark, once, is the decimal mark ("7,5", "7.5", "0.125"), except the one ambiguous shape:
  1–3 digits that do not start with 0, the mark, exactly three digits ("1.234"). That shape
  follows the active language: the language's thousands separator groups ("1.234" is 1234 in
  Dutch, "1,234" is 1234 in English), the other mark is decimal.
- Thousands groups have exactly three digits; anything else (letters, "1e3", "NaN", other
  scripts' digits, "7,") is not a number.

Shown values have no trailing zeros ("7,5", never "7.5000"); only large ones (10 000 and up) get a
thousands separator, so a value in a form field reads back the same in either language.
"""

import re
from decimal import Decimal

from django.utils import formats

MAX_LENGTH = 40
GROUP_FROM = 10_000
# Spaces people (and spreadsheets) put between thousands groups.
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2212": "-"})
_SHAPE = re.compile(r"([+-]?)([0-9., ]*[0-9][0-9., ]*)")
_AMBIGUOUS_WHOLE = re.compile(r"[1-9][0-9]{0,2}")
_THREE = re.compile(r"[0-9]{3}")


class NotANumber(ValueError):
    """The text is not a number; `reason` is "invalid" or "grouping"."""

    def __init__(self, reason="invalid"):
        super().__init__(reason)
        self.reason = reason


def parse_decimal(text: str, *, thousands_separator: str = ".") -> Decimal:
    """The Decimal a person meant by text; NotANumber when it cannot be read."""
    text = str(text).translate(_SPACES).strip()
    match = _SHAPE.fullmatch(text) if len(text) <= MAX_LENGTH else None
    if match is None:
        raise NotANumber()
    sign, body = match.groups()
    decimal = _decimal_mark(body, thousands_separator)
    whole, _mark, fraction = body.rpartition(decimal) if decimal else (body, "", "")
    if decimal and not fraction.isdigit():
        raise NotANumber()  # "7," or a space or second mark after the decimal mark
    whole = _ungrouped(whole)
    return Decimal(f"{sign}{whole or '0'}.{fraction or '0'}")


def _decimal_mark(body, thousands_separator):
    commas, points = body.count(","), body.count(".")
    if commas and points:
        mark = "," if body.rfind(",") > body.rfind(".") else "."
        if body.count(mark) > 1:
            raise NotANumber("grouping")
        return mark
    if commas > 1 or points > 1 or not (commas or points):
        return None
    mark = "," if commas else "."
    whole, fraction = body.split(mark)
    ambiguous = _AMBIGUOUS_WHOLE.fullmatch(whole) and _THREE.fullmatch(fraction)
    return None if ambiguous and mark == thousands_separator else mark


def _ungrouped(whole):
    separators = set(whole) - set("0123456789")
    if not separators:
        return whole
    if len(separators) > 1:
        raise NotANumber("grouping")
    separator = re.escape(separators.pop())
    if not re.fullmatch(rf"[1-9][0-9]{{0,2}}(?:{separator}[0-9]{{3}})+", whole):
        raise NotANumber("grouping")
    return re.sub(separator, "", whole)


def plain(value) -> str:
    """7.5000 → "7.5", 70 → "70": the digits without trailing zeros or an exponent."""
    value = Decimal(value)
    if not value.is_finite():
        return str(value)
    text = format(value.normalize(), "f")
    return "0" if text in {"-0", "+0"} else text


def localized(value, *, grouping=True) -> str:
    """A number the active language's way without trailing zeros: "7,5" in Dutch, "7.5" in
    English; with grouping, 12345 reads "12.345" / "12,345"."""
    if value is None or value == "":
        return ""
    digits = plain(value)
    places = len(digits.partition(".")[2])
    group = grouping and abs(Decimal(digits)) >= GROUP_FROM
    return formats.number_format(
        Decimal(digits), decimal_pos=places, use_l10n=True, force_grouping=group
    )


def thousands_separator() -> str:
    """The active language's thousands separator ("." in Dutch, "," in English)."""
    return formats.get_format("THOUSAND_SEPARATOR")
