"""The objects behind each card figure (`hooks.figure_objects`), for its drill-down and export.

Each provider reads the same functions as the figure (kwaliteitskaarten/figures.py), for one
school, so the list always adds up to the figure. Only for people who may read the cards; no draft
content and no reflection is ever listed, and self-assessment scores only per card from three
answers on, never an answer.
"""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from kwaliteit import clock
from kwaliteit.figures import Row, Rows
from kwaliteit.selectors import school_access

from . import figures, figures_follow_ups
from .models import AgreementCheck


def _may_read(school, user):
    try:
        return school_access(user=user, slug=school.slug).can("cards.view")
    except Http404:
        return False


def _card_url(school, card_id):
    return reverse("kwaliteitskaarten:card", args=[school.slug, card_id])


def _checks(result=None):
    """A provider listing the checks recorded in the period (of one result, or all)."""

    def provider(*, school, period, team_id, user):
        columns = (_("Card"), _("Result"), _("Owner"))
        if not _may_read(school, user):
            return Rows(columns, [])
        checks = figures.checks_in(school_ids=[school.pk], period=period, team_id=team_id)
        if result is not None:
            checks = checks.filter(result=result)
        rows = checks.order_by("checked_on", "agreement__card__title", "pk").values_list(
            "agreement__text",
            "agreement__card_id",
            "agreement__card__title",
            "result",
            "agreement__owner__full_name",
            "checked_on",
        )
        return Rows(
            columns,
            [
                Row(
                    text,
                    _card_url(school, card_id),
                    (title, str(AgreementCheck.Result(kind).label), owner),
                    date=checked_on,
                )
                for text, card_id, title, kind, owner, checked_on in rows
            ],
        )

    return provider


checks_kept = _checks(figures.KEPT)
checks_partly = _checks(figures.PARTLY)
checks_not_kept = _checks(figures.NOT_KEPT)
checks_all = _checks()


def follow_ups(*, school, period, team_id, user):
    """Every follow-up moment due in the period, on time or late (date: the day it was due)."""
    columns = (_("Card"), _("Owner"), _("Recorded on"), _("On time"))
    if not _may_read(school, user):
        return Rows(columns, [])
    moments = figures_follow_ups.follow_ups(school_ids=[school.pk], period=period, team_id=team_id)
    return Rows(
        columns,
        [
            Row(
                moment.text,
                _card_url(school, moment.card_id),
                (
                    moment.card_title,
                    moment.owner,
                    moment.checked_on or _("not recorded"),
                    _("yes") if moment.on_time else _("no"),
                ),
                date=moment.due_on,
            )
            for moment in moments
        ],
    )


def value_coverage(*, school, period, team_id, user):
    """Every core value of the adopted vision with the cards that carry it."""
    columns = (_("Carried by"),)
    if not _may_read(school, user):
        return Rows(columns, [])
    values = figures.value_coverage(school_ids=[school.pk], team_id=team_id).get(school.pk, [])
    vision = reverse("kwaliteit:vision", args=[school.slug])
    return Rows(
        columns,
        [
            Row(
                value.name,
                _card_url(school, value.cards[0][0]) if len(value.cards) == 1 else vision,
                (", ".join(title for _id, title in value.cards) or _("no card yet"),),
            )
            for value in values
        ],
    )


def reviews_overdue(*, school, period, team_id, user):
    """Cards in use whose review moment has passed (date: that moment)."""
    columns = (_("Team"), _("Owner"), _("Days overdue"))
    if not _may_read(school, user):
        return Rows(columns, [])
    today = clock.today()
    cards = (
        figures.cards_in_use(school_ids=[school.pk], team_id=team_id)
        .filter(next_review_on__lt=today)
        .order_by("next_review_on", "title")
        .values_list("pk", "title", "team__name", "owner__full_name", "next_review_on")
    )
    return Rows(
        columns,
        [
            Row(
                title,
                _card_url(school, pk),
                (team or "", owner or "", (today - due_on).days),
                date=due_on,
            )
            for pk, title, team, owner, due_on in cards
        ],
    )


def in_force(*, school, period, team_id, user):
    """The cards in force in the period (date: archived on, when it was archived since)."""
    columns = (_("Team"), _("Owner"), _("Next review"))
    if not _may_read(school, user):
        return Rows(columns, [])
    cards = (
        figures.cards_in_force(school_ids=[school.pk], period=period, team_id=team_id)
        .order_by("title")
        .values_list("pk", "title", "team__name", "owner__full_name", "next_review_on")
    )
    return Rows(
        columns,
        [
            Row(title, _card_url(school, pk), (team or "", owner or "", next_review_on or ""))
            for pk, title, team, owner, next_review_on in cards
        ],
    )


def self_assessment(*, school, period, team_id, user):
    """Per card its team score over the period's self-assessments (from three answers on)."""
    columns = (_("Team score (1–4)"), _("Answers"))
    if not _may_read(school, user):
        return Rows(columns, [])
    scores = figures.self_assessment(school_ids=[school.pk], period=period, team_id=team_id)
    cards = scores.get(school.pk, {}).get(None, [])
    return Rows(
        columns,
        [
            Row(
                score.title,
                _card_url(school, score.card_id),
                (
                    score.mean if score.mean is not None else _("fewer than 3 answers"),
                    score.answers,
                ),
            )
            for score in cards
        ],
    )


PROVIDERS = {
    figures.CHECKS_KEPT: checks_kept,
    figures.CHECKS_PARTLY: checks_partly,
    figures.CHECKS_NOT_KEPT: checks_not_kept,
    figures.KEPT_SHARE: checks_all,
    figures.ON_TIME: follow_ups,
    figures.COVERAGE: value_coverage,
    figures.REVIEWS_OVERDUE: reviews_overdue,
    figures.IN_FORCE: in_force,
    figures.SELF_ASSESSMENT: self_assessment,
}
