"""The core's part of the URL walk (tests/urlwalk.py): its routes, and the un-namespaced ones
(login, notifications, the board page)."""

from ..builders import reminder_for
from ..factories import DocumentFactory, JobFactory

NAMESPACES = ("kwaliteit", "")  # "" are the project's routes without a namespace

# Views that are neither public nor a school page: who may see them is listed here.
LOGIN_ONLY = {
    "password_change",
    "password_change_done",
    "notifications",
    "notification-read",
    "notifications-read-all",
    "reminder-settings",
}
BOARD_ONLY = {"board", "board-report"}

# Views that answer GET with something other than 200 when allowed.
ALLOWED_GET_STATUS = {
    "root": 302,  # redirects to the person's school
    "logout": 405,  # POST only
    "set-language": 405,
}

# Public views that send signed-in people elsewhere.
SIGNED_IN_STATUS = {"login": 302}

# POST-only views: allowed people are redirected after the action.
POST_ONLY = {
    "notification-read",
    "notifications-read-all",
    "kwaliteit:vision-draft-start",
    "kwaliteit:vision-pdf",
    "kwaliteit:report-adopt",
}

# Destructive actions that ask first (kwaliteit/confirm.py).
CONFIRMED_ACTIONS = {"kwaliteit:vision-draft-discard", "kwaliteit:team-delete"}


def url_kwargs(route, world, vision, persona):
    """Values by URL argument name for one of the core's routes."""
    user = world.users.get(persona) or world.users["coordinator"]
    values = {"number": vision["v2"].number, "uidb64": "MQ", "token": "set-password"}
    if "job_id" in route.kwarg_names:
        values["job_id"] = JobFactory(school=world.school, created_by=user, object_id=2).id
    if "document_id" in route.kwarg_names:
        values["document_id"] = DocumentFactory(school=world.school, created_by=user).id
    if "key" in route.kwarg_names:  # a figure's drill-down: the core's own figure is always there
        values["key"] = "kwaliteit.vision_adoptions"
    if route.name == "notification-read":  # the persona's own notification
        values["pk"] = reminder_for(world, user).pk
    elif route.name == "kwaliteit:member-edit":
        values["pk"] = world.school.memberships.first().pk
    elif route.name in {"kwaliteit:team-edit", "kwaliteit:team-delete"}:
        values["pk"] = world.team.pk
    elif route.name in {"kwaliteit:report", "kwaliteit:report-adopt", "kwaliteit:report-pdf"}:
        values["pk"] = _adopted_report(world).pk
    return values


def _adopted_report(world):
    """An adopted annual report with its kept PDF: every role reads it."""
    from django.utils import timezone

    from kwaliteit.models import AnnualReport

    existing = AnnualReport.objects.filter(school=world.school).first()
    if existing is not None:
        return existing
    leader = world.users["leader"]
    document = DocumentFactory(school=world.school, created_by=leader, expires_at=None)
    return AnnualReport.objects.create(
        school=world.school,
        start_year=2025,
        status=AnnualReport.Status.ADOPTED,
        number=1,
        created_by=world.users["coordinator"],
        adopted_by=leader,
        adopted_at=timezone.now(),
        document=document,
    )
