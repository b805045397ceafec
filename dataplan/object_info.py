"""What the dataplan's objects are, for references from other apps (`hooks.object_info`)."""

from django.urls import reverse

from kwaliteit.permissions import role_can, role_in_school
from kwaliteit.refs import ObjectInfo, int_ids, uuid_ids

from .models import DataImport, Decision, Indicator


def indicators(ids, user):
    rows = (
        Indicator.objects.filter(pk__in=int_ids(ids))
        .annotate(viewer_role=role_in_school(school_field="school_id", user=user))
        .values_list("pk", "name", "school_id", "school__slug", "viewer_role")
    )
    return {
        pk: ObjectInfo(
            name,
            reverse("dataplan:indicator", args=[slug, pk]),
            school_id,
            role_can(role, "dataplan.view"),
        )
        for pk, name, school_id, slug, role in rows
    }


def decisions(ids, user):
    """A decision is shown on its indicator's page."""
    rows = (
        Decision.objects.filter(pk__in=int_ids(ids))
        .annotate(viewer_role=role_in_school(school_field="indicator__school_id", user=user))
        .values_list(
            "pk",
            "text",
            "indicator_id",
            "indicator__school_id",
            "indicator__school__slug",
            "viewer_role",
        )  # fmt: skip
    )
    return {
        pk: ObjectInfo(
            text,
            reverse("dataplan:indicator", args=[slug, indicator_id]),
            school_id,
            role_can(role, "dataplan.view"),
        )
        for pk, text, indicator_id, school_id, slug, role in rows
    }


def data_imports(ids, user):
    """An import (keyed by its UUID, as text): seen by those who import measurements."""
    rows = (
        DataImport.objects.filter(pk__in=uuid_ids(ids))
        .annotate(viewer_role=role_in_school(school_field="school_id", user=user))
        .values_list("pk", "original_name", "school_id", "school__slug", "viewer_role")
    )
    return {
        str(pk): ObjectInfo(
            name,
            reverse("dataplan:import", args=[slug, pk]),
            school_id,
            role_can(role, "dataplan.measure"),
        )
        for pk, name, school_id, slug, role in rows
    }
