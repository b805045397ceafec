"""The cards' chapter of the annual quality report (`hooks.report_sections`).

The cards in force during the school year, each agreement with how its follow-ups turned out, the
share of follow-ups on time, and the self-assessment per card and round (a score from three answers
on, never an answer). Generated each time the report is shown or rendered, with the same template
in the page and the PDF (no links, no forms). Never a reflection: they belong to their authors.
"""

from collections import defaultdict

from django.db.models import Count, Exists, OuterRef, Q, Subquery, Sum
from django.utils.translation import gettext as _

from kwaliteit import charts
from kwaliteit import figures as core
from kwaliteit.reports import Section

from . import figures, figures_follow_ups
from .models import Afspraak, AgreementCheck, AssessmentAnswer, AssessmentPeriod, CardVersion

TEMPLATE = "kwaliteitskaarten/report/section.html"


def _cards(school, period):
    """The cards in force during the year, with the version in force at its end."""
    latest = CardVersion.objects.filter(
        card=OuterRef("pk"), status=figures.ADOPTED, adopted_on__lte=period.end
    ).order_by("-number")
    return list(
        figures.cards_in_force(school_ids=[school.pk], period=period)
        .annotate(
            number=Subquery(latest.values("number")[:1]),
            adopted_on=Subquery(latest.values("adopted_on")[:1]),
        )
        .order_by("title")
        .values(
            "pk", "title", "team__name", "owner__full_name", "number", "adopted_on", "archived_on"
        )  # fmt: skip
    )


def _agreements(school, period):
    """Agreements of the school that were in use during the year or followed up in it, each with
    its checks in the year by result."""
    in_year = Q(checks__checked_on__gte=period.start, checks__checked_on__lte=period.end)
    followed_up = AgreementCheck.objects.filter(
        agreement=OuterRef("pk"), checked_on__gte=period.start, checked_on__lte=period.end
    )
    in_force = figures.cards_in_force(school_ids=[school.pk], period=period)
    return list(
        Afspraak.objects.filter(card__school=school)
        .filter(Q(is_active=True, card__in=in_force) | Exists(followed_up))
        .annotate(
            kept=Count("checks", filter=in_year & Q(checks__result=figures.KEPT)),
            partly=Count("checks", filter=in_year & Q(checks__result=figures.PARTLY)),
            not_kept=Count("checks", filter=in_year & Q(checks__result=figures.NOT_KEPT)),
        )
        .order_by("card__title", "position", "pk")
        .values("text", "card__title", "owner__full_name", "kept", "partly", "not_kept")
    )


def _assessment(school, period):
    """The self-assessment rounds that opened in the year and per card its score in each."""
    rounds = list(
        AssessmentPeriod.objects.filter(
            school=school, opens_on__gte=period.start, opens_on__lte=period.end
        ).order_by("opens_on", "pk")
    )
    if not rounds:
        return None
    answers = (
        AssessmentAnswer.objects.filter(period__in=rounds)
        .order_by()
        .values_list("card_id", "card__title", "period_id")
        .annotate(answers=Count("pk"), total=Sum("score"))
    )
    cards = defaultdict(dict)
    for card_id, title, round_id, number, total in answers:
        cards[(title, card_id)][round_id] = figures.CardScore(card_id, title, number, total)
    return {
        "rounds": rounds,
        "cards": [
            {"title": title, "scores": [scores.get(round_.pk) for round_ in rounds]}
            for (title, _card_id), scores in sorted(cards.items())
        ],
    }


def section(*, school, period):
    """The chapter "Quality cards and agreements" of the school's year."""
    cards = _cards(school, period)
    agreements = _agreements(school, period)
    assessment = _assessment(school, period)
    totals = {
        result: sum(agreement[field] for agreement in agreements)
        for result, field in (
            (figures.KEPT, "kept"),
            (figures.PARTLY, "partly"),
            (figures.NOT_KEPT, "not_kept"),
        )
    }
    checked = sum(totals.values())
    moments = figures_follow_ups.follow_ups(school_ids=[school.pk], period=period)
    on_time = sum(moment.on_time for moment in moments)
    context = {
        "cards": cards,
        "agreements": agreements,
        "checked": checked,
        "kept_share": core.percent(totals[figures.KEPT], checked),
        "kept": totals[figures.KEPT],
        "on_time_share": core.percent(on_time, len(moments)),
        "on_time": on_time,
        "due": len(moments),
        "chart": charts.bars(
            _("Agreement checks by result"),
            _("How the agreements' follow-ups recorded in the school year turned out."),
            [
                charts.Bar(str(AgreementCheck.Result(result).label), number)
                for result, number in totals.items()
            ],
        )
        if checked
        else None,
        "assessment": assessment,
    }
    empty = not cards and not checked and assessment is None
    return Section(
        key="cards",
        order=20,
        title=_("Quality cards and agreements"),
        template=TEMPLATE,
        context=context,
        empty_text=_(
            "No quality card was in force, no agreement was followed up and no self-assessment "
            "was held in this school year."
        )
        if empty
        else "",
    )
