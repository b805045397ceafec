"""Follow-up moments of agreements: which were due in a period, and whether they were on time.

See `kwaliteitskaarten.figures` for the definition: a follow-up was due on the previous check's
day + the agreement's rhythm (as `agreement_check_record` plans it), or on the planned day of the
open one; an agreement's first follow-up is left out, its planned day is not kept.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.db import NotSupportedError
from django.db.models import DateField, Exists, F, Func, OuterRef, Window
from django.db.models.functions import Lag

from kwaliteit import clock

from .models import Afspraak, AgreementCheck

# The longest follow-up rhythm an agreement may have (its field's validator): how far before the
# period a check can lie whose next follow-up falls in it.
LONGEST_RHYTHM_MONTHS = 24


def card_filter(prefix, school_ids, team_id):
    """The filter for cards of these schools (and team) through `prefix` ("agreement__card__")."""
    found = {f"{prefix}school_id__in": list(school_ids)}
    if team_id is not None:
        found[f"{prefix}team_id"] = team_id
    return found


@dataclass(frozen=True)
class FollowUp:
    """One follow-up moment that was due: when, and when (if) it was recorded."""

    school_id: int
    agreement_id: int
    due_on: date
    checked_on: date | None  # None: not recorded (its day has passed)
    text: str = ""
    card_id: int | None = None
    card_title: str = ""
    owner: str = ""

    @property
    def on_time(self):
        return self.checked_on is not None and self.checked_on <= self.due_on


# What a follow-up moment is about, as its drill-down lists it: (FollowUp field, path).
FOLLOW_UP_FIELDS = (
    ("text", "text"),
    ("card_id", "card_id"),
    ("card_title", "card__title"),
    ("owner", "owner__full_name"),
)


class AddMonths(Func):
    """A date plus a number of months as `relativedelta` adds them, in the database: a day that
    the month lacks becomes its last day (31 January + 1 month = 28 February)."""

    arity = 2
    output_field = DateField()

    def as_sql(self, compiler, connection, **extra_context):
        raise NotSupportedError(
            f"AddMonths is written for SQLite and PostgreSQL, not {connection.vendor}"
        )

    def _compiled(self, compiler):
        return [compiler.compile(expression) for expression in self.get_source_expressions()]

    def as_postgresql(self, compiler, connection, **extra_context):
        (day, day_params), (months, months_params) = self._compiled(compiler)
        sql = f"CAST(({day}) + make_interval(months => CAST(({months}) AS integer)) AS date)"
        return sql, (*day_params, *months_params)

    def as_sqlite(self, compiler, connection, **extra_context):
        (day, day_params), (months, months_params) = self._compiled(compiler)
        # SQLite's own '+n months' runs over into the next month; clip to the month's last day.
        first = f"date({day}, 'start of month', '+' || ({months}) || ' months')"
        same_day = f"date({first}, '+' || (CAST(strftime('%%d', {day}) AS INTEGER) - 1) || ' days')"
        last_day = f"date({first}, '+1 month', '-1 day')"
        first_params = (*day_params, *months_params)
        return f"MIN({same_day}, {last_day})", (*first_params, *day_params, *first_params)


def _recorded_moments(*, school_ids, period, team_id):
    """The checks recorded for a follow-up moment due in the period, each with `due_on`: the
    previous check's day + the agreement's rhythm (a window over each agreement's checks, the
    date arithmetic in the database; one query)."""
    previous = Window(
        Lag("checked_on"),
        partition_by=[F("agreement_id")],
        order_by=[F("checked_on").asc(), F("pk").asc()],
    )
    # Due in the period means a previous check at most the longest rhythm before it. Older checks
    # are left out before the window is taken: a check whose previous one is older gets none
    # (NULL) and is left out as it should be, so the scan stays bounded.
    earliest = period.start - relativedelta(months=LONGEST_RHYTHM_MONTHS)
    return (
        AgreementCheck.objects.filter(
            **card_filter("agreement__card__", school_ids, team_id), checked_on__gte=earliest
        )
        .annotate(due_on=AddMonths(previous, F("agreement__check_interval_months")))
        .filter(due_on__gte=period.start, due_on__lte=period.end)
    )


def passed_moments(*, school_ids, period, team_id, today):
    """Agreements in use, followed up before, whose planned day in the period has passed."""
    checked_before = AgreementCheck.objects.filter(agreement=OuterRef("pk"))
    return Afspraak.objects.filter(
        Exists(checked_before),
        **card_filter("card__", school_ids, team_id),
        is_active=True,
        card__archived_on=None,
        next_check_on__gte=period.start,
        next_check_on__lte=period.end,
        next_check_on__lt=today,
    )


def follow_ups(*, school_ids, period, team_id=None, today=None):
    """Every follow-up moment due in the period after an agreement's first check, recorded or
    passed (see the module's note), the due day first; two queries."""
    today = today or clock.today()
    about = [path for _name, path in FOLLOW_UP_FIELDS]
    recorded = _recorded_moments(school_ids=school_ids, period=period, team_id=team_id)
    moments = [
        _follow_up(school_id, agreement_id, due_on, checked_on, rest)
        for due_on, checked_on, school_id, agreement_id, *rest in recorded.values_list(
            "due_on",
            "checked_on",
            "agreement__card__school_id",
            "agreement_id",
            *(f"agreement__{path}" for path in about),
        )
    ]
    passed = passed_moments(school_ids=school_ids, period=period, team_id=team_id, today=today)
    for due_on, school_id, agreement_id, *rest in passed.values_list(
        "next_check_on", "card__school_id", "pk", *about
    ):
        moments.append(_follow_up(school_id, agreement_id, due_on, None, rest))
    moments.sort(key=lambda moment: (moment.due_on, moment.card_title, moment.text))
    return moments


def recorded_counts(*, school_ids, period, team_id=None):
    """{school id: (on time, due)} of the recorded follow-up moments due in the period (those
    that passed unrecorded are counted with the cards: `passed_moments`); one query."""
    counts = defaultdict(lambda: [0, 0])
    recorded = _recorded_moments(school_ids=school_ids, period=period, team_id=team_id)
    for school_id, checked_on, due_on in recorded.values_list(
        "agreement__card__school_id", "checked_on", "due_on"
    ):
        counts[school_id][0] += checked_on <= due_on
        counts[school_id][1] += 1
    return {school_id: tuple(pair) for school_id, pair in counts.items()}


def _follow_up(school_id, agreement_id, due_on, checked_on, about):
    names = dict(zip((name for name, _path in FOLLOW_UP_FIELDS), about, strict=False))
    return FollowUp(school_id, agreement_id, due_on=due_on, checked_on=checked_on, **names)
