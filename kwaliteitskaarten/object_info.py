"""What the cards' objects are, for references from other apps (`hooks.object_info`)."""

from django.urls import reverse

from kwaliteit.permissions import role_can, role_in_school
from kwaliteit.refs import ObjectInfo, int_ids

from .models import Afspraak, CardVersion, Kwaliteitskaart


def cards(ids, user):
    rows = (
        Kwaliteitskaart.objects.filter(pk__in=int_ids(ids))
        .annotate(viewer_role=role_in_school(school_field="school_id", user=user))
        .values_list("pk", "title", "school_id", "school__slug", "viewer_role")
    )
    return {
        pk: ObjectInfo(
            title,
            reverse("kwaliteitskaarten:card", args=[slug, pk]),
            school_id,
            role_can(role, "cards.view"),
        )
        for pk, title, school_id, slug, role in rows
    }


def card_versions(ids, user):
    """An adopted version for everyone in the school; a draft for those who may write it (the
    writers, and a teacher who owns the card), as on the draft page."""
    rows = (
        CardVersion.objects.filter(pk__in=int_ids(ids))
        .annotate(viewer_role=role_in_school(school_field="card__school_id", user=user))
        .values_list(
            "pk",
            "number",
            "status",
            "card_id",
            "card__title",
            "card__owner_id",
            "card__school_id",
            "card__school__slug",
            "viewer_role",
        )  # fmt: skip
    )
    found = {}
    for pk, number, status, card_id, title, owner_id, school_id, slug, role in rows:
        if status == CardVersion.Status.DRAFT:
            url = reverse("kwaliteitskaarten:draft", args=[slug, card_id])
            visible = role_can(role, "cards.edit") or (
                role_can(role, "cards.write") and owner_id == user.pk
            )
        else:
            url = reverse("kwaliteitskaarten:versions", args=[slug, card_id])
            visible = role_can(role, "cards.view")
        found[pk] = ObjectInfo(f"{title} (v{number})", url, school_id, visible)
    return found


def agreements(ids, user):
    """An agreement is shown on its card's page."""
    rows = (
        Afspraak.objects.filter(pk__in=int_ids(ids))
        .annotate(viewer_role=role_in_school(school_field="card__school_id", user=user))
        .values_list(
            "pk", "text", "card_id", "card__school_id", "card__school__slug", "viewer_role"
        )  # fmt: skip
    )
    return {
        pk: ObjectInfo(
            text,
            reverse("kwaliteitskaarten:card", args=[slug, card_id]),
            school_id,
            role_can(role, "cards.view"),
        )
        for pk, text, card_id, school_id, slug, role in rows
    }
