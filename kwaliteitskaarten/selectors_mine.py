"""Reads for "Mijn kwaliteit": one person's cards, agreements, reflections and appreciation.

Privacy rule, kept in one place (`reflections_visible`): a private reflection is read only by its
author; a team reflection also by the members of the card's team. Leaders and coordinators get
no exception. Every read is a fixed number of queries, whatever the amount of data.
"""

from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone

from kwaliteit.models import Team, User

from .models import (
    Afspraak,
    AgreementCheck,
    Appreciation,
    CardVersion,
    Kwaliteitskaart,
    Reflection,
)

ADOPTED = CardVersion.Status.ADOPTED
PRIVATE, TEAM = Reflection.Visibility.PRIVATE, Reflection.Visibility.TEAM
RECENT = 10


def my_teams(*, membership):
    """The teams of a membership, as a subquery (no query of its own)."""
    if membership is None:
        return Team.objects.none().values("pk")
    return Team.objects.filter(memberships=membership).values("pk")


def my_cards(*, school, membership):
    """Adopted, not archived cards of the person's teams plus the cards without a team, each
    with the shared core of the version in force."""
    adopted = CardVersion.objects.filter(card=OuterRef("pk"), status=ADOPTED).order_by("-number")
    return (
        Kwaliteitskaart.objects.filter(school=school, archived_on=None)
        .filter(Q(team=None) | Q(team__in=my_teams(membership=membership)))
        .filter(Exists(adopted))
        .select_related("team", "owner")
        .annotate(
            adopted_core=Subquery(adopted.values("core")[:1]),
            adopted_number=Subquery(adopted.values("number")[:1]),
        )
        .order_by("title")
    )


def my_agreements(*, school, user, membership):
    """Active agreements the person owns (any card not archived) or that apply to them (on
    their cards), with the last check, the next follow-up first."""
    last = AgreementCheck.objects.filter(agreement=OuterRef("pk")).order_by("-checked_on", "-id")
    cards = my_cards(school=school, membership=membership).values("pk")
    return (
        Afspraak.objects.filter(card__school=school, card__archived_on=None, is_active=True)
        .filter(Q(owner=user) | Q(card__in=cards))
        .select_related("card", "owner")
        .annotate(
            last_result=Subquery(last.values("result")[:1]),
            last_checked_on=Subquery(last.values("checked_on")[:1]),
        )
        .order_by("next_check_on", "card__title", "position", "pk")
    )


def reflections_visible(*, school, user, membership):
    """Every reflection in the school this person may read: their own, and team reflections on
    cards of their teams. Nobody else's private reflection, whatever the role."""
    shared = Q(visibility=TEAM, card__team__in=my_teams(membership=membership))
    return (
        Reflection.objects.filter(card__school=school)
        .filter(Q(author=user) | shared)
        .select_related("card", "card__team", "author")
        .order_by("-created_at", "-pk")
    )


def my_reflections(*, school, user, membership, limit=RECENT):
    return reflections_visible(school=school, user=user, membership=membership).filter(author=user)[
        :limit
    ]


def team_reflections(*, school, user, membership, limit=RECENT):
    """ "From your team": colleagues' team reflections on the cards of the person's teams."""
    return (
        reflections_visible(school=school, user=user, membership=membership)
        .filter(visibility=TEAM)
        .exclude(author=user)[:limit]
    )


def appreciations_received(*, school, user, limit=RECENT):
    return (
        Appreciation.objects.filter(recipient=user, card__school=school)
        .select_related("author", "card")
        .order_by("-created_at", "-pk")[:limit]
    )


def school_people(*, school):
    """Active members of the school: who may receive appreciation."""
    return User.objects.filter(memberships__school=school, memberships__is_active=True).order_by(
        "full_name", "pk"
    )


def split_agreements(agreements, *, user):
    """(owned, of the team, overdue owned) from one evaluated list."""
    today = timezone.localdate()
    owned = [a for a in agreements if a.owner_id == user.id]
    team = [a for a in agreements if a.owner_id != user.id]
    overdue = [a for a in owned if a.next_check_on < today]
    return owned, team, overdue
