"""What the core's objects are, for references from other apps (`hooks.object_info`).

Each provider answers for a list of ids in one query: the object's title, the URL of its page,
its school and whether the person asking may see it (kwaliteit.permissions: their role in the
object's school; board members per their board). Ids that are not found are "removed".
"""

from django.urls import reverse

from .models import Membership, Team, VisionVersion
from .permissions import role_can, role_in_school
from .refs import ObjectInfo, int_ids


def vision_versions(ids, user):
    """An adopted version for everyone in the school; a draft only for those who write it."""
    rows = (
        VisionVersion.objects.filter(pk__in=int_ids(ids))
        .annotate(viewer_role=role_in_school(school_field="school_id", user=user))
        .values_list("pk", "title", "number", "status", "school_id", "school__slug", "viewer_role")
    )
    found = {}
    for pk, title, number, status, school_id, slug, role in rows:
        draft = status == VisionVersion.Status.DRAFT
        if draft:
            url = reverse("kwaliteit:vision-draft", args=[slug])
        else:
            url = reverse("kwaliteit:vision-version", args=[slug, number])
        visible = role_can(role, "vision.drafts" if draft else "vision.view")
        found[pk] = ObjectInfo(f"{title} (v{number})", url, school_id, visible)
    return found


def memberships(ids, user):
    """A person's membership: seen by those who see the members list."""
    rows = (
        Membership.objects.filter(pk__in=int_ids(ids))
        .annotate(viewer_role=role_in_school(school_field="school_id", user=user))
        .values_list(
            "pk", "user__full_name", "user__email", "school_id", "school__slug", "viewer_role"
        )  # fmt: skip
    )
    found = {}
    for pk, full_name, email, school_id, slug, role in rows:
        if role_can(role, "members.manage"):
            url = reverse("kwaliteit:member-edit", args=[slug, pk])
        else:
            url = reverse("kwaliteit:members", args=[slug])
        found[pk] = ObjectInfo(full_name or email, url, school_id, role_can(role, "members.view"))
    return found


def teams(ids, user):
    rows = (
        Team.objects.filter(pk__in=int_ids(ids))
        .annotate(viewer_role=role_in_school(school_field="school_id", user=user))
        .values_list("pk", "name", "school_id", "school__slug", "viewer_role")
    )
    found = {}
    for pk, name, school_id, slug, role in rows:
        if role_can(role, "members.manage"):
            url = reverse("kwaliteit:team-edit", args=[slug, pk])
        else:
            url = reverse("kwaliteit:teams", args=[slug])
        found[pk] = ObjectInfo(name, url, school_id, role_can(role, "members.view"))
    return found
