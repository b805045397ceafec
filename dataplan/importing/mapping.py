"""Which column holds which field: a first guess from the header names, and its checks."""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

FIELDS = ("indicator", "group", "date", "value", "note")
IGNORE = "ignore"

FIELD_LABELS = {
    "indicator": gettext_lazy("indicator"),
    "group": gettext_lazy("group"),
    "date": gettext_lazy("date"),
    "value": gettext_lazy("value"),
    "note": gettext_lazy("note"),
}

# Header names seen in Dutch and English exports, written without spaces, case folded; for
# each field the better names first: "Peildatum" beats "Periode" when a file has both.
_KNOWN = {
    "indicator": ("indicator", "indicatornaam", "indicatorname", "meting", "measure"),
    "group": (
        "groep",
        "group",
        "klas",
        "class",
        "groep/klas",
        "klas/groep",
        "group/class",
        "class/group",
        "groepsnaam",
        "groupname",
        "klasnaam",
        "classname",
        "jaargroep",
        "leerjaar",
        "yeargroup",
        "team",
        "opleiding",
    ),
    "date": (
        "datum",
        "date",
        "peildatum",
        "datumafname",
        "afnamedatum",
        "meetdatum",
        "testdatum",
        "testdate",
        "measuredon",
        "referencedate",
        "meetmoment",
        "moment",
        "periode",
        "period",
    ),
    "value": (
        "waarde",
        "value",
        "score",
        "gemiddelde",
        "gem",
        "mean",
        "average",
        "avg",
        "resultaat",
        "result",
        "percentage",
        "percent",
        "aantal",
        "count",
    ),
    "note": (
        "toelichting",
        "opmerking",
        "opmerkingen",
        "context",
        "note",
        "notes",
        "notitie",
        "contextnotitie",
        "comment",
        "comments",
        "remark",
        "remarks",
        "explanation",
    ),
}
_FIELD_BY_NAME = {name: field for field, names in _KNOWN.items() for name in names}
_RANK = {name: rank for names in _KNOWN.values() for rank, name in enumerate(names)}
# Columns our own export adds: recognised, and ignored, so an export imports again as it is.
_FIELD_BY_NAME.update(dict.fromkeys(("niveau", "level", "eenheid", "unit"), IGNORE))
# "Waarde (%)" or "Datum [dd-mm-jjjj]" still name the field: drop the unit and spacing.
_NOISE = re.compile(r"\(.*?\)|\[.*?\]|[\s_\-.:]")


def _normalise(header: str) -> str:
    return _NOISE.sub("", header.casefold())


def guess_mapping(headers: list[str], *, fixed_indicator: bool) -> dict[str, str]:
    """header → field, or "" when the name is unknown; the best-named column gets a field."""
    # An indicator column is recognised either way; with a fixed indicator it is just optional.
    del fixed_indicator
    names = [_normalise(header) for header in headers]
    best = {}  # field → (rank, position) of the column that gets it
    for position, name in enumerate(names):
        field = _FIELD_BY_NAME.get(name, "")
        if field and field != IGNORE:
            best[field] = min(best.get(field, (_RANK[name], position)), (_RANK[name], position))
    chosen = {position: field for field, (_rank, position) in best.items()}
    mapping = {}
    for position, (header, name) in enumerate(zip(headers, names, strict=True)):
        field = _FIELD_BY_NAME.get(name, "")
        mapping[header] = field if field == IGNORE else chosen.get(position, "")
    return mapping


def required_fields(*, fixed_indicator: bool) -> tuple[str, ...]:
    return ("date", "value") if fixed_indicator else ("indicator", "date", "value")


def mapping_problems(
    headers: list[str], filled: dict[str, bool], mapping: dict[str, str], *, fixed_indicator: bool
) -> tuple[list[tuple[str | None, str]], dict[str, str], bool]:
    """(column, message) per mapping mistake, field → header, and whether rows can be checked."""
    # Rows can be checked when every required field has a column and no field has two.
    problems = []
    columns_of = {}
    for header in headers:
        choice = mapping.get(header, "")
        if choice == IGNORE:
            continue
        if choice not in FIELDS:
            if filled[header]:
                problems.append((header, _("Choose what this column holds, or ignore it.")))
            continue
        columns_of.setdefault(choice, []).append(header)
    complete = True
    for field, columns in columns_of.items():
        if len(columns) > 1:
            complete = False
            names = ", ".join(f"“{column}”" for column in columns)
            message = _("“%(field)s” is chosen for more than one column: %(columns)s.")
            problems.append(
                (columns[1], message % {"field": FIELD_LABELS[field], "columns": names})
            )
    for field in required_fields(fixed_indicator=fixed_indicator):
        if field not in columns_of:
            complete = False
            message = _("The file needs a column with the %(field)s.")
            problems.append((None, message % {"field": FIELD_LABELS[field]}))
    return problems, {field: columns[0] for field, columns in columns_of.items()}, complete
