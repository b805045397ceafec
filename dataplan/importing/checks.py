"""Row checks that depend on the indicator: which one, its groups, and its kind of value."""

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from django.utils.translation import gettext as _

from . import parsing
from .report import Found, localized, shown
from .specs import Context, IndicatorSpec

MAX_GROUP_NAME = 100  # Group.name's max_length
# Words that systems put before a group's name: "Groep 5a" and "5A" are the same class.
_GROUP_PREFIX = re.compile(
    r"^(?:groep|group|klas|class|leerjaar|jaargroep|year|team|opleiding|programme)(?![a-z])"
    r"|[\W_]+"
)
_UNBOUNDED = parsing.MAX_SCALED  # beyond any value that passes the size check


@dataclass
class Indicators:
    """Per row: the indicator's attributes; known is False where the indicator is a problem."""

    specs: list[IndicatorSpec]
    codes: np.ndarray  # position in specs, len(specs) for unknown
    known: np.ndarray
    ids: np.ndarray = field(init=False)
    levels: np.ndarray = field(init=False)
    kinds: np.ndarray = field(init=False)

    def __post_init__(self):
        self.ids = self._per_row("id", 0).astype("int64")
        self.levels = self._per_row("level")
        self.kinds = self._per_row("kind")

    def _per_row(self, name: str, unknown=""):
        values = [getattr(spec, name) for spec in self.specs] + [unknown]
        return np.array(values, dtype=object)[self.codes]


def check_indicators(frame, header: str | None, context: Context, found: Found) -> Indicators:
    fixed = context.fixed_indicator
    specs = list({spec.id: spec for spec in context.indicators.values()}.values())
    if fixed is not None and fixed.id not in {spec.id for spec in specs}:
        specs.append(fixed)
    code_of = {spec.name.casefold(): code for code, spec in enumerate(specs)}
    code_of.update({key: code_of[spec.name.casefold()] for key, spec in context.indicators.items()})
    unknown = len(specs)
    fixed_code = code_of[fixed.name.casefold()] if fixed is not None else unknown
    if header is None:
        codes = np.full(len(frame), fixed_code, dtype="int64")
        return Indicators(specs, codes, codes != unknown)
    names = frame[header]
    text = names.to_numpy()
    codes = names.str.casefold().map(code_of).fillna(unknown).to_numpy(dtype="int64", copy=True)
    empty = (names == "").to_numpy()
    if fixed is not None:
        codes[empty] = fixed_code
        other = ~empty & (codes != fixed_code)
        codes[other] = unknown
        message = _("This import is for “%(expected)s”, not for “%(name)s”.")
        found.add(
            other, header, lambda i: message % {"expected": fixed.name, "name": shown(text[i])}
        )
    else:
        found.add(empty, header, _("The indicator is missing."))
        message = _("Unknown indicator “%(name)s”.")
        found.add(~empty & (codes == unknown), header, lambda i: message % {"name": shown(text[i])})
    return Indicators(specs, codes, codes != unknown)


@dataclass
class Groups:
    names: np.ndarray  # as written, or the existing name the user matched it to
    keys: np.ndarray  # casefolded
    ok: np.ndarray
    new: list[tuple[str, str]]
    similar: list[tuple[str, str, str]] = field(default_factory=list)


def loose_name(name: str) -> str:
    """A group's name without case, spacing, punctuation or a leading word such as "Groep"."""
    return _GROUP_PREFIX.sub("", name.casefold())


def check_groups(frame, header, indicators: Indicators, context: Context, found: Found) -> Groups:
    names = pd.Series("", index=frame.index, dtype=object) if header is None else frame[header]
    levels = pd.Series(indicators.levels, index=frame.index, dtype=object)
    if context.group_aliases:
        aliases = {
            f"{level}\x1f{key}": name for (level, key), name in context.group_aliases.items()
        }
        matched = (levels + "\x1f" + names.str.casefold()).map(aliases)
        names = names.where(matched.isna(), matched)
    keys = names.str.casefold()
    known = indicators.known
    exists = (levels + "\x1f" + keys).isin({f"{lvl}\x1f{key}" for lvl, key in context.groups})
    exists = exists.to_numpy()
    empty = (names == "").to_numpy()
    school = (levels == "school").to_numpy()
    per_group = known & ~school
    needs_group = _("%(indicator)s is measured per %(level)s: the group is missing.")

    def missing_message(i):
        spec = indicators.specs[indicators.codes[i]]
        return needs_group % {"indicator": spec.name, "level": _level_label(spec.level)}

    if header is None:
        if per_group.any():
            found.once(None, missing_message(int(np.argmax(per_group))))
    else:
        found.add(per_group & empty, header, missing_message)
    whole_school = _("%(indicator)s is measured for the whole school: leave the group empty.")
    school_named = known & school & ~empty & ~exists
    found.add(
        school_named,
        header,
        lambda i: whole_school % {"indicator": indicators.specs[indicators.codes[i]].name},
    )
    too_long = (names.str.len() > MAX_GROUP_NAME).to_numpy()
    message = _("A group name can have at most %(max)s characters.")
    found.add(too_long, header, message % {"max": MAX_GROUP_NAME})
    ok = known & ~(per_group & empty) & ~school_named & ~too_long
    added = pd.DataFrame({"level": levels, "name": names, "key": keys})[ok & ~exists]
    added = added.drop_duplicates(subset=["level", "key"])
    new = sorted(zip(added["level"], added["name"], strict=True))
    return Groups(names.to_numpy(), keys.to_numpy(), ok, new, _similar(new, context))


def _similar(new: list[tuple[str, str]], context: Context) -> list[tuple[str, str, str]]:
    """New groups whose name differs from exactly one existing group only in case, spacing or
    a leading word."""
    existing = {}
    for level, key in context.groups:
        if key:
            existing.setdefault((level, loose_name(key)), []).append(key)
    similar = []
    for level, name in new:
        loose = loose_name(name)
        keys = existing.get((level, loose), []) if loose else []
        if len(keys) == 1:
            similar.append((level, name, context.group_names.get((level, keys[0]), keys[0])))
    return similar


def _level_label(level: str) -> str:
    from dataplan.models import Level  # the labels live with the model; no query is made

    return str(Level(level).label) if level in Level.values else level


def check_values(cells, header: str, indicators: Indicators, found: Found):
    kinds = indicators.kinds
    scaled, reason = parsing.parse_values(cells, percent_allowed=kinds == "percentage")
    text = cells.to_numpy()
    found.add(reason == parsing.EMPTY, header, _("The value is missing."))
    found.add(reason == parsing.FORMULA, header, _("Formulas are not evaluated; paste the values."))
    not_a_number = _("“%(value)s” is not a number.")
    found.add(reason == parsing.TEXT, header, lambda i: not_a_number % {"value": shown(text[i])})
    too_large = _("“%(value)s” is too large for a value.")
    found.add(reason == parsing.TOO_LARGE, header, lambda i: too_large % {"value": shown(text[i])})
    number = reason == parsing.OK
    percentage = number & (kinds == "percentage")
    bad_percentage = percentage & ((scaled < 0) | (scaled > 100 * parsing.SCALE))
    found.add(bad_percentage, header, _("A percentage must be between 0 and 100."))
    count = number & (kinds == "count")
    negative = count & (scaled < 0)
    found.add(negative, header, _("A count cannot be negative."))
    fraction = count & ~negative & (scaled % parsing.SCALE != 0)
    found.add(fraction, header, _("A count must be a whole number."))
    low = _scaled_bounds(indicators, "scale_min", -_UNBOUNDED)
    high = _scaled_bounds(indicators, "scale_max", _UNBOUNDED)
    outside = number & ~bad_percentage & ~negative & ((scaled < low) | (scaled > high))
    found.add(outside, header, lambda i: _bounds_message(low[i], high[i]))
    return scaled, number & ~bad_percentage & ~negative & ~fraction & ~outside


def _scaled_bounds(indicators: Indicators, name: str, unset: int) -> np.ndarray:
    bounds = [getattr(spec, name) for spec in indicators.specs]
    scaled = [unset if b is None else int(b.scaleb(4).to_integral_value()) for b in bounds]
    return np.array([*scaled, unset], dtype="int64")[indicators.codes]


def _bounds_message(low: int, high: int) -> str:
    if low == -_UNBOUNDED:
        return _("The value must be at most %(max)s.") % {"max": localized(high)}
    if high == _UNBOUNDED:
        return _("The value must be at least %(min)s.") % {"min": localized(low)}
    message = _("The value must be between %(min)s and %(max)s.")
    return message % {"min": localized(low), "max": localized(high)}
