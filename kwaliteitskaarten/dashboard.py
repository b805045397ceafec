"""The cards' part of the leader's dashboard (`hooks.dashboard_sections`).

Agreements kept / partly / not kept and follow-ups on time, the coverage of the core values,
cards overdue for review and the self-assessment per card with its trend: charts as server-side
SVG with their figures as a table, each figure linking to the objects behind it. Seven queries
whatever the number of cards, checks and answers.
"""

from urllib.parse import urlencode

from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from kwaliteit import charts, clock
from kwaliteit import figures as core

from . import figures, figures_follow_ups
from .models import AgreementCheck

OVERDUE_SHOWN = 10  # cards overdue for review listed on the dashboard; the rest behind the link


def figure_url(school, key, period, team_id=None):
    """The drill-down page of a figure for this period and team, or "" while it does not exist."""
    try:
        url = reverse("kwaliteit:figure", args=[school.slug, key])
    except NoReverseMatch:
        return ""
    params = period.params()
    if team_id:
        params["team"] = team_id
    return f"{url}?{urlencode(params)}"


def _share(numerator, denominator):
    """A share as the figures give it: (percent or None, numerator, denominator)."""
    return {
        "value": core.percent(numerator, denominator),
        "numerator": numerator,
        "denominator": denominator,
    }


def section_context(*, school, period, team_id=None, today=None):
    """What the section shows, for one school (no request needed: tests and exports use it)."""
    today = today or clock.today()
    ids = [school.pk]

    def link(key):
        return figure_url(school, key, period, team_id)

    counts = figures.check_counts(school_ids=ids, period=period, team_id=team_id).get(school.pk, {})
    total = sum(counts.values())
    bars = [
        charts.Bar(str(AgreementCheck.Result(result).label), counts.get(result, 0), link(key))
        for result, key in figures.RESULT_KEYS.items()
    ]
    moments = figures_follow_ups.follow_ups(
        school_ids=ids, period=period, team_id=team_id, today=today
    )
    values = figures.value_coverage(school_ids=ids, team_id=team_id).get(school.pk, [])
    # The school's cards are few: one query says which are in use, overdue and in force.
    in_force_ids = figures.cards_in_force(school_ids=ids, period=period, team_id=team_id)
    cards = list(
        figures.cards_of(school_ids=ids, team_id=team_id)
        .annotate(in_force=Exists(in_force_ids.filter(pk=OuterRef("pk"))))
        .values_list("pk", "title", "next_review_on", "archived_on", "in_force")
    )
    in_use = [card for card in cards if card[3] is None]
    overdue = sorted(
        ((pk, title, due_on) for pk, title, due_on, _a, _f in in_use if due_on and due_on < today),
        key=lambda card: (card[2], card[1]),
    )
    in_force = sum(card[4] for card in cards)
    scores = figures.self_assessment(school_ids=ids, period=period, team_id=team_id)
    by_month = scores.get(school.pk, {})
    card_scores = by_month.get(None, [])
    return {
        "school": school,
        "period": period,
        "cards_in_use": len(in_use),
        "in_force": {"count": in_force, "url": link(figures.IN_FORCE)},
        "checks": {
            "total": total,
            "chart": charts.bars(
                _("Agreement checks by result"),
                _("How the agreements' follow-ups recorded in %(period)s turned out.")
                % {"period": period.label},
                bars,
            )
            if total
            else None,
            "kept": _share(counts.get(figures.KEPT, 0), total),
            "kept_url": link(figures.KEPT_SHARE),
        },
        "on_time": {
            **_share(sum(moment.on_time for moment in moments), len(moments)),
            "url": link(figures.ON_TIME),
        },
        "coverage": {
            "values": values,
            "uncovered": [value for value in values if not value.cards],
            **_share(sum(bool(value.cards) for value in values), len(values)),
            "url": link(figures.COVERAGE),
        },
        "overdue": {
            "cards": [
                {
                    "url": reverse("kwaliteitskaarten:card", args=[school.slug, pk]),
                    "title": title,
                    "due_on": due_on,
                    "days": (today - due_on).days,
                }
                for pk, title, due_on in overdue[:OVERDUE_SHOWN]
            ],
            "count": len(overdue),
            "url": link(figures.REVIEWS_OVERDUE),
        },
        "scores": _scores(school, period, card_scores, by_month, today, link),
    }


def _scores(school, period, card_scores, by_month, today, link):
    shown = [score for score in card_scores if score.mean is not None]
    if not card_scores:
        return None
    months = [month for month in period.months() if month <= today]
    return {
        "mean": figures.school_score(card_scores),
        "url": link(figures.SELF_ASSESSMENT),
        "hidden": len(card_scores) - len(shown),
        "cards": charts.bars(
            _("Self-assessment score per card"),
            _(
                "How recognisable each card's shared core is in practice, from 1 to 4, in the "
                "self-assessments of %(period)s; a card with fewer than 3 answers has no score."
            )
            % {"period": period.label},
            [
                charts.Bar(
                    score.title,
                    score.mean,
                    reverse("kwaliteitskaarten:card", args=[school.slug, score.card_id]),
                )
                for score in shown
            ],
            maximum=4,
        )
        if shown
        else None,
        "trend": charts.line(
            _("Self-assessment score per month"),
            _(
                "The mean of the cards' scores in the month each self-assessment opened; a "
                "month without a self-assessment is a gap."
            ),
            [
                charts.Point(month, figures.school_score(by_month.get(month, [])))
                for month in months
            ],
            maximum=4,
        )
        if len(months) > 1
        else None,
    }


def section(request, *, period, team_id=None):
    """The section's HTML for request.school, or "" for people who may not read the cards."""
    if not request.access.can("cards.view"):
        return ""
    context = section_context(school=request.school, period=period, team_id=team_id)
    context["may_write"] = request.access.can("cards.edit")
    return render_to_string("kwaliteitskaarten/dashboard/section.html", context)
