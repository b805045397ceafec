"""The cards' figures per school (`hooks.school_figures`), and the reads they are made of.

Every read here takes all the schools at once (a fixed number of queries, whatever the number of
schools, cards or checks); the drill-down, the dashboard section and the report chapter read the
same functions for one school, so a figure and the list behind it cannot disagree.

- **Agreement checks** kept / partly / not kept: the follow-ups recorded in the period, by result;
  the share kept is kept / all recorded.
- **Follow-ups on time.** The app keeps one planned day per agreement, its next follow-up; a
  recorded check moves it on (the check's day + the agreement's rhythm). So the day a follow-up
  was due is known for every follow-up after an agreement's first (the previous check's day + the
  rhythm), and for the open one (the planned day). The figure counts the follow-up moments due in
  the period that come after an earlier check: on time when recorded on or before the day it was
  due; a moment whose day has passed without a record is late. An agreement's first follow-up is
  left out: its planned day is not kept once it is recorded. The rhythm is the agreement's rhythm
  now (a changed rhythm recomputes its earlier moments).
- **Coverage** of the core values of the adopted vision now: values carried by at least one
  adopted, not archived card (matched by lineage, as `coverage.py` does) / all its values.
- **Cards overdue for review** now; **cards in force** in the period (adopted by its end, not
  archived before its start).
- **Self-assessment**: per card the mean of the answers in the self-assessments that opened in the
  period (only from 3 answers on, as on the card), then the mean over the cards; its trend per
  month of the self-assessment's opening.

A team (`team_id`) means the cards named for that team, and their agreements and answers.
No data is None (shown "—"), never 0.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db import NotSupportedError
from django.db.models import Count, DateField, Exists, F, Func, OuterRef, Q, Subquery, Sum, Window
from django.db.models.functions import Lag
from django.utils.translation import gettext_lazy as _

from kwaliteit import clock
from kwaliteit import figures as core
from kwaliteit.figures import COUNT, HIGHER, LOWER, PERCENT, SCORE, FigureType, Value
from kwaliteit.models import CoreValue, VisionVersion

from .assessment import MIN_ANSWERS
from .models import Afspraak, AgreementCheck, AssessmentAnswer, CardVersion, Kwaliteitskaart

ADOPTED = CardVersion.Status.ADOPTED
KEPT = AgreementCheck.Result.KEPT
PARTLY = AgreementCheck.Result.PARTLY
NOT_KEPT = AgreementCheck.Result.NOT_KEPT
# The longest follow-up rhythm an agreement may have (its field's validator): how far before the
# period a check can lie whose next follow-up falls in it.
LONGEST_RHYTHM_MONTHS = 24

CHECKS_KEPT = "cards.checks_kept"
CHECKS_PARTLY = "cards.checks_partly"
CHECKS_NOT_KEPT = "cards.checks_not_kept"
KEPT_SHARE = "cards.kept_share"
ON_TIME = "cards.followups_on_time"
COVERAGE = "cards.value_coverage"
REVIEWS_OVERDUE = "cards.reviews_overdue"
IN_FORCE = "cards.in_force"
SELF_ASSESSMENT = "cards.self_assessment"
RESULT_KEYS = {KEPT: CHECKS_KEPT, PARTLY: CHECKS_PARTLY, NOT_KEPT: CHECKS_NOT_KEPT}

GROUP = _("Quality cards")
TYPES = [
    FigureType(
        CHECKS_KEPT, _("Agreement checks: kept"), COUNT, better=HIGHER, group=GROUP,
        help=_("Follow-ups of agreements recorded in the period with the result “kept”."),
    ),
    FigureType(
        CHECKS_PARTLY, _("Agreement checks: partly kept"), COUNT, group=GROUP,
        help=_("Follow-ups of agreements recorded in the period with the result “partly kept”."),
    ),
    FigureType(
        CHECKS_NOT_KEPT, _("Agreement checks: not kept"), COUNT, better=LOWER, group=GROUP,
        help=_("Follow-ups of agreements recorded in the period with the result “not kept”."),
    ),
    FigureType(
        KEPT_SHARE, _("Agreements kept"), PERCENT, better=HIGHER, group=GROUP,
        help=_("Share of the follow-ups recorded in the period whose result was “kept”."),
    ),
    FigureType(
        ON_TIME, _("Follow-ups on time"), PERCENT, better=HIGHER, group=GROUP,
        help=_(
            "Follow-up moments due in the period that were recorded on or before their day; "
            "a moment that passed without a record is late. An agreement's first follow-up is "
            "left out: its planned day is not kept once it is recorded."
        ),
    ),
    FigureType(
        COVERAGE, _("Core values carried by a card"), PERCENT, better=HIGHER, group=GROUP,
        help=_("Core values of the adopted vision carried by at least one adopted card, today."),
    ),
    FigureType(
        REVIEWS_OVERDUE, _("Cards overdue for review"), COUNT, better=LOWER, group=GROUP,
        help=_("Cards in use whose review moment has passed, today."),
    ),
    FigureType(
        IN_FORCE, _("Cards in force"), COUNT, group=GROUP,
        help=_("Cards adopted by the end of the period and not archived before it began."),
    ),
    FigureType(
        SELF_ASSESSMENT, _("Self-assessment score"), SCORE, better=HIGHER, group=GROUP,
        help=_(
            "How recognisable the shared core is in practice, from 1 to 4: the mean of the "
            "cards' team scores (each from at least 3 answers) in the self-assessments that "
            "opened in the period."
        ),
    ),
]  # fmt: skip


def _card_filter(prefix, school_ids, team_id):
    """The filter for cards of these schools (and team) through `prefix` ("agreement__card__")."""
    found = {f"{prefix}school_id__in": list(school_ids)}
    if team_id is not None:
        found[f"{prefix}team_id"] = team_id
    return found


# --- agreement checks ---------------------------------------------------------------------------


def checks_in(*, school_ids, period, team_id=None):
    """The agreement checks recorded in the period (a queryset)."""
    return AgreementCheck.objects.filter(
        **_card_filter("agreement__card__", school_ids, team_id),
        checked_on__gte=period.start,
        checked_on__lte=period.end,
    )


def check_counts(*, school_ids, period, team_id=None):
    """{school id: {result: number of checks}} in one query."""
    rows = (
        checks_in(school_ids=school_ids, period=period, team_id=team_id)
        .order_by()
        .values_list("agreement__card__school_id", "result")
        .annotate(number=Count("pk"))
    )
    counts = defaultdict(dict)
    for school_id, result, number in rows:
        counts[school_id][result] = number
    return counts


# --- follow-ups on time -------------------------------------------------------------------------


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
            **_card_filter("agreement__card__", school_ids, team_id), checked_on__gte=earliest
        )
        .annotate(due_on=AddMonths(previous, F("agreement__check_interval_months")))
        .filter(due_on__gte=period.start, due_on__lte=period.end)
    )


def _passed_moments(*, school_ids, period, team_id, today):
    """Agreements in use, followed up before, whose planned day in the period has passed."""
    checked_before = AgreementCheck.objects.filter(agreement=OuterRef("pk"))
    return Afspraak.objects.filter(
        Exists(checked_before),
        **_card_filter("card__", school_ids, team_id),
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
    passed = _passed_moments(school_ids=school_ids, period=period, team_id=team_id, today=today)
    for due_on, school_id, agreement_id, *rest in passed.values_list(
        "next_check_on", "card__school_id", "pk", *about
    ):
        moments.append(_follow_up(school_id, agreement_id, due_on, None, rest))
    moments.sort(key=lambda moment: (moment.due_on, moment.card_title, moment.text))
    return moments


def on_time_counts(*, school_ids, period, team_id=None, today=None):
    """{school id: (on time, due)} of the follow-up moments due in the period; two queries."""
    today = today or clock.today()
    counts = defaultdict(lambda: [0, 0])
    recorded = _recorded_moments(school_ids=school_ids, period=period, team_id=team_id)
    for school_id, checked_on, due_on in recorded.values_list(
        "agreement__card__school_id", "checked_on", "due_on"
    ):
        counts[school_id][0] += checked_on <= due_on
        counts[school_id][1] += 1
    passed = (
        _passed_moments(school_ids=school_ids, period=period, team_id=team_id, today=today)
        .order_by()
        .values("card__school_id")
        .annotate(due=Count("pk"))
        .values_list("card__school_id", "due")
    )
    for school_id, due in passed:
        counts[school_id][1] += due
    return {school_id: tuple(pair) for school_id, pair in counts.items()}


def _follow_up(school_id, agreement_id, due_on, checked_on, about):
    names = dict(zip((name for name, _path in FOLLOW_UP_FIELDS), about, strict=False))
    return FollowUp(school_id, agreement_id, due_on=due_on, checked_on=checked_on, **names)


# --- coverage of the core values ----------------------------------------------------------------


@dataclass(frozen=True)
class CoveredValue:
    school_id: int
    name: str
    cards: tuple  # (card id, title) of the adopted cards that carry it, by title


def value_coverage(*, school_ids, team_id=None):
    """Per school, the core values of its adopted vision in force with the adopted, not
    archived cards that carry them: {school id: [CoveredValue]}, two queries."""
    newest = (
        VisionVersion.objects.filter(school_id=OuterRef("vision__school_id"), status=ADOPTED)
        .order_by("-number")
        .values("pk")[:1]
    )
    values = (
        CoreValue.objects.filter(vision__school_id__in=list(school_ids), vision__status=ADOPTED)
        .filter(vision_id=Subquery(newest))
        .order_by("vision__school_id", "position", "pk")
        .values_list("vision__school_id", "lineage", "name")
    )
    cards = _cards_by_lineage(school_ids=school_ids, team_id=team_id)
    found = defaultdict(list)
    for school_id, lineage, name in values:
        carried = tuple(cards.get((school_id, lineage), ()))
        found[school_id].append(CoveredValue(school_id, name, carried))
    return found


def _cards_by_lineage(*, school_ids, team_id):
    """{(school id, value lineage): [(card id, title)]} from the versions in force."""
    newer_adopted = CardVersion.objects.filter(
        card=OuterRef("cardversion__card"),
        status=ADOPTED,
        number__gt=OuterRef("cardversion__number"),
    )
    links = (
        CardVersion.core_values.through.objects.filter(
            **_card_filter("cardversion__card__", school_ids, team_id),
            cardversion__card__archived_on=None,
            cardversion__status=ADOPTED,
        )
        .filter(~Exists(newer_adopted))
        .order_by("cardversion__card__title", "cardversion__card_id")
        .values_list(
            "cardversion__card__school_id",
            "corevalue__lineage",
            "cardversion__card_id",
            "cardversion__card__title",
        )
    )
    cards = defaultdict(dict)
    for school_id, lineage, card_id, title in links:
        cards[(school_id, lineage)][card_id] = (card_id, title)
    return {key: list(by_id.values()) for key, by_id in cards.items()}


# --- cards --------------------------------------------------------------------------------------


def cards_of(*, school_ids, team_id=None):
    """The cards of these schools (and team), archived ones too (a queryset)."""
    return Kwaliteitskaart.objects.filter(**_card_filter("", school_ids, team_id))


def cards_in_use(*, school_ids, team_id=None):
    """Cards not archived (a queryset)."""
    return cards_of(school_ids=school_ids, team_id=team_id).filter(archived_on=None)


def cards_in_force(*, school_ids, period, team_id=None):
    """Cards adopted by the period's end and not archived before its start (a queryset)."""
    adopted = CardVersion.objects.filter(
        card=OuterRef("pk"), status=ADOPTED, adopted_on__lte=period.end
    )
    return cards_of(school_ids=school_ids, team_id=team_id).filter(
        Q(archived_on=None) | Q(archived_on__gte=period.start), Exists(adopted)
    )


def card_counts(*, school_ids, period, team_id=None, today=None):
    """{school id: (cards in use, overdue for review today, in force in the period)}: one query
    over the school's cards, archived ones included (they may have been in force)."""
    today = today or clock.today()
    in_force = cards_in_force(school_ids=school_ids, period=period, team_id=team_id)
    rows = (
        cards_of(school_ids=school_ids, team_id=team_id)
        .annotate(in_force=Exists(in_force.filter(pk=OuterRef("pk"))))
        .order_by()
        .values("school_id")
        .annotate(
            in_use=Count("pk", filter=Q(archived_on=None)),
            overdue=Count("pk", filter=Q(archived_on=None, next_review_on__lt=today)),
            force=Count("pk", filter=Q(in_force=True)),
        )
        .values_list("school_id", "in_use", "overdue", "force")
    )
    return {school_id: (in_use, overdue, force) for school_id, in_use, overdue, force in rows}


# --- self-assessment ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CardScore:
    card_id: int
    title: str
    answers: int
    total: int  # the sum of the scores: never shown, only the mean from three answers on

    @property
    def exact(self):
        """The mean score; None below three answers (nothing that could point at a person)."""
        if self.answers < MIN_ANSWERS:
            return None
        return Decimal(self.total) / self.answers

    @property
    def mean(self):
        return _rounded(self.exact)


def _rounded(value):
    return None if value is None else value.quantize(Decimal("0.1"))


def self_assessment(*, school_ids, period, team_id=None):
    """{school id: {month or None: [CardScore]}} from the self-assessments that opened in the
    period, one query: per month of opening, and for the whole period under None."""
    rows = (
        AssessmentAnswer.objects.filter(
            **_card_filter("card__", school_ids, team_id),
            period__opens_on__gte=period.start,
            period__opens_on__lte=period.end,
        )
        .order_by()
        .values_list("card__school_id", "card_id", "card__title", "period__opens_on")
        .annotate(answers=Count("pk"), total=Sum("score"))
    )
    sums = defaultdict(lambda: [0, 0])  # (school, month, card, title) -> [answers, total]
    for school_id, card_id, title, opens_on, answers, total in rows:
        for month in (opens_on.replace(day=1), None):
            found = sums[(school_id, month, card_id, title)]
            found[0] += answers
            found[1] += total
    scores = defaultdict(lambda: defaultdict(list))
    for (school_id, month, card_id, title), (answers, total) in sums.items():
        scores[school_id][month].append(CardScore(card_id, title, answers, total))
    for by_month in scores.values():
        for cards in by_month.values():
            cards.sort(key=lambda score: (score.title, score.card_id))
    return scores


def school_score(card_scores):
    """The mean of the cards' scores that are shown, to one decimal; None without any."""
    means = [score.exact for score in card_scores if score.exact is not None]
    if not means:
        return None
    return _rounded(sum(means, Decimal(0)) / len(means))


# --- the provider -------------------------------------------------------------------------------


def card_figures(*, school_ids, period, team_id=None):
    """Every card figure for these schools: seven queries, whatever the number of schools."""
    today = clock.today()
    school_ids = list(school_ids)
    checks = check_counts(school_ids=school_ids, period=period, team_id=team_id)
    on_time = on_time_counts(school_ids=school_ids, period=period, team_id=team_id, today=today)
    coverage = value_coverage(school_ids=school_ids, team_id=team_id)
    cards = card_counts(school_ids=school_ids, period=period, team_id=team_id, today=today)
    scores = self_assessment(school_ids=school_ids, period=period, team_id=team_id)
    for school_id in school_ids:
        yield from _check_values(school_id, checks.get(school_id, {}))
        yield _share(school_id, ON_TIME, *on_time.get(school_id, (0, 0)))
        values = coverage.get(school_id, [])
        yield _share(school_id, COVERAGE, sum(bool(v.cards) for v in values), len(values))
        # A school without cards has no data on them (None); one with cards counts from 0.
        in_use, overdue, in_force = cards.get(school_id, (0, None, None))
        yield Value(school_id, REVIEWS_OVERDUE, overdue if in_use else None)
        yield Value(school_id, IN_FORCE, in_force)
        by_month = scores.get(school_id, {})
        yield Value(school_id, SELF_ASSESSMENT, school_score(by_month.get(None, [])))
        for month in period.months():
            score = school_score(by_month.get(month, []))
            yield Value(school_id, SELF_ASSESSMENT, score, month=month)


def _check_values(school_id, counts):
    total = sum(counts.values())
    for result, key in RESULT_KEYS.items():
        yield Value(school_id, key, counts.get(result, 0) if total else None)
    yield _share(school_id, KEPT_SHARE, counts.get(KEPT, 0), total)


def _share(school_id, key, numerator, denominator):
    """A PERCENT value; without a denominator there is no data (None, not 0)."""
    if not denominator:
        return Value(school_id, key, None)
    return Value(school_id, key, core.percent(numerator, denominator), numerator, denominator)
