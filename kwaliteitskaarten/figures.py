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
from decimal import Decimal

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from kwaliteit import clock
from kwaliteit import figures as core
from kwaliteit.figures import COUNT, HIGHER, LOWER, PERCENT, SCORE, FigureType, Value
from kwaliteit.models import CoreValue, School, VisionVersion

from .assessment import MIN_ANSWERS
from .figures_follow_ups import card_filter, passed_moments, recorded_counts
from .models import AgreementCheck, AssessmentAnswer, CardVersion, Kwaliteitskaart

ADOPTED = CardVersion.Status.ADOPTED
KEPT = AgreementCheck.Result.KEPT
PARTLY = AgreementCheck.Result.PARTLY
NOT_KEPT = AgreementCheck.Result.NOT_KEPT

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


# --- agreement checks ---------------------------------------------------------------------------


def checks_in(*, school_ids, period, team_id=None):
    """The agreement checks recorded in the period (a queryset)."""
    return AgreementCheck.objects.filter(
        **card_filter("agreement__card__", school_ids, team_id),
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


# --- coverage of the core values ----------------------------------------------------------------


@dataclass(frozen=True)
class CoveredValue:
    school_id: int
    name: str
    cards: tuple  # (card id, title) of the adopted cards that carry it, by title


def _current_values(school_ids):
    """The core values of each school's adopted vision in force (a queryset)."""
    newest = (
        VisionVersion.objects.filter(school_id=OuterRef("vision__school_id"), status=ADOPTED)
        .order_by("-number")
        .values("pk")[:1]
    )
    return CoreValue.objects.filter(
        vision__school_id__in=list(school_ids), vision__status=ADOPTED
    ).filter(vision_id=Subquery(newest))


def value_coverage(*, school_ids, team_id=None):
    """Per school, the core values of its adopted vision in force with the adopted, not
    archived cards that carry them: {school id: [CoveredValue]}, two queries."""
    values = (
        _current_values(school_ids)
        .order_by("vision__school_id", "position", "pk")
        .values_list("vision__school_id", "lineage", "name")
    )
    cards = _cards_by_lineage(school_ids=school_ids, team_id=team_id)
    found = defaultdict(list)
    for school_id, lineage, name in values:
        carried = tuple(cards.get((school_id, lineage), ()))
        found[school_id].append(CoveredValue(school_id, name, carried))
    return found


def _links_in_force(*, school_ids=None, team_id=None):
    """Links (card version, core value) of adopted, not archived cards' versions in force (a
    queryset of the through model; without school_ids, to be narrowed by the caller)."""
    newer_adopted = CardVersion.objects.filter(
        card=OuterRef("cardversion__card"),
        status=ADOPTED,
        number__gt=OuterRef("cardversion__number"),
    )
    links = CardVersion.core_values.through.objects.filter(
        cardversion__card__archived_on=None, cardversion__status=ADOPTED
    )
    if school_ids is not None:
        links = links.filter(**card_filter("cardversion__card__", school_ids, team_id))
    elif team_id is not None:
        links = links.filter(cardversion__card__team_id=team_id)
    return links.filter(~Exists(newer_adopted))


def _cards_by_lineage(*, school_ids, team_id):
    """{(school id, value lineage): [(card id, title)]} from the versions in force."""
    links = (
        _links_in_force(school_ids=school_ids, team_id=team_id)
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
    return Kwaliteitskaart.objects.filter(**card_filter("", school_ids, team_id))


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


def _count(queryset, school_path):
    """How many rows of the queryset belong to each school, as a subquery on the school."""
    counted = (
        queryset.filter(**{school_path: OuterRef("pk")})
        .order_by()
        .values(school_path)
        .annotate(number=Count("pk"))
        .values("number")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def school_facts(*, school_ids, period, team_id=None, today=None):
    """{school id: {fact: number}} in one query, one row per school with each fact a count: its
    cards (archived too), in use, overdue for review today, in force in the period; the checks of
    the period by result; the follow-up moments of the period that passed unrecorded; the values
    of the adopted vision in force and those an adopted card carries."""
    today = today or clock.today()
    ids = list(school_ids)
    cards = cards_of(school_ids=ids, team_id=team_id)
    in_use = cards.filter(archived_on=None)
    checks = checks_in(school_ids=ids, period=period, team_id=team_id)
    passed = passed_moments(school_ids=ids, period=period, team_id=team_id, today=today)
    values = _current_values(ids)
    carrying = _links_in_force(team_id=team_id).filter(
        cardversion__card__school_id=OuterRef("vision__school_id"),
        corevalue__lineage=OuterRef("lineage"),
    )
    facts = {
        "cards": _count(cards, "school"),
        "in_use": _count(in_use, "school"),
        "overdue": _count(in_use.filter(next_review_on__lt=today), "school"),
        "in_force": _count(
            cards_in_force(school_ids=ids, period=period, team_id=team_id), "school"
        ),
        "passed": _count(passed, "card__school"),
        "values": _count(values, "vision__school"),
        "carried": _count(values.filter(Exists(carrying)), "vision__school"),
        **{
            result: _count(checks.filter(result=result), "agreement__card__school")
            for result in RESULT_KEYS
        },
    }
    # Prefixed: a School has fields and relations of these names ("cards").
    rows = School.objects.filter(pk__in=ids).annotate(
        **{f"fact_{name}": count for name, count in facts.items()}
    )
    names = list(facts)
    return {
        row[0]: dict(zip(names, row[1:], strict=True))
        for row in rows.values_list("pk", *(f"fact_{name}" for name in names))
    }


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
            **card_filter("card__", school_ids, team_id),
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
    """Every card figure for these schools: three queries, whatever the number of schools."""
    today = clock.today()
    school_ids = list(school_ids)
    facts = school_facts(school_ids=school_ids, period=period, team_id=team_id, today=today)
    recorded = recorded_counts(school_ids=school_ids, period=period, team_id=team_id)
    scores = self_assessment(school_ids=school_ids, period=period, team_id=team_id)
    for school_id in school_ids:
        fact = facts.get(school_id) or {}
        yield from _check_values(school_id, {result: fact.get(result, 0) for result in RESULT_KEYS})
        on_time, due = recorded.get(school_id, (0, 0))
        yield _share(school_id, ON_TIME, on_time, due + fact.get("passed", 0))
        yield _share(school_id, COVERAGE, fact.get("carried", 0), fact.get("values", 0))
        # A school without cards has no data on them (None); one with cards counts from 0.
        has_cards = fact.get("cards", 0) > 0
        overdue = fact["overdue"] if has_cards and fact["in_use"] else None
        yield Value(school_id, REVIEWS_OVERDUE, overdue)
        yield Value(school_id, IN_FORCE, fact["in_force"] if has_cards else None)
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
