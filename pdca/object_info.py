"""What the cycles' objects are, for references from other apps (`hooks.object_info`).
A phase and an action are shown on their cycle's page."""

from django.urls import reverse

from kwaliteit.permissions import role_can, role_in_school
from kwaliteit.refs import ObjectInfo, int_ids

from .models import Action, Cycle, Phase


def _info(title, slug, cycle_id, school_id, role):
    url = reverse("pdca:cycle", args=[slug, cycle_id])
    return ObjectInfo(title, url, school_id, role_can(role, "cycles.view"))


def cycles(ids, user):
    rows = (
        Cycle.objects.filter(pk__in=int_ids(ids))
        .annotate(viewer_role=role_in_school(school_field="school_id", user=user))
        .values_list("pk", "title", "school_id", "school__slug", "viewer_role")
    )
    return {
        pk: _info(title, slug, pk, school_id, role) for pk, title, school_id, slug, role in rows
    }


def phases(ids, user):
    rows = (
        Phase.objects.filter(pk__in=int_ids(ids))
        .annotate(viewer_role=role_in_school(school_field="cycle__school_id", user=user))
        .values_list(
            "pk",
            "kind",
            "cycle_id",
            "cycle__title",
            "cycle__school_id",
            "cycle__school__slug",
            "viewer_role",
        )  # fmt: skip
    )
    return {
        pk: _info(f"{Phase.Kind(kind).label}: {title}", slug, cycle_id, school_id, role)
        for pk, kind, cycle_id, title, school_id, slug, role in rows
    }


def actions(ids, user):
    rows = (
        Action.objects.filter(pk__in=int_ids(ids))
        .annotate(viewer_role=role_in_school(school_field="cycle__school_id", user=user))
        .values_list(
            "pk",
            "description",
            "cycle_id",
            "cycle__school_id",
            "cycle__school__slug",
            "viewer_role",
        )  # fmt: skip
    )
    return {
        pk: _info(description, slug, cycle_id, school_id, role)
        for pk, description, cycle_id, school_id, slug, role in rows
    }
