"""Every URL pattern of the project, with the arguments to visit it and the rule it follows."""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

from kwaliteit.permissions import PERMISSIONS

SKIPPED_NAMESPACES = {"admin"}

# Views that are neither public nor a school page: who may see them is listed here.
LOGIN_ONLY = {
    "password_change",
    "password_change_done",
    "notifications",
    "notification-read",
    "notifications-read-all",
    "reminder-settings",
}
BOARD_ONLY = {"board"}

# Views that answer GET with something other than 200 when allowed.
ALLOWED_GET_STATUS = {
    "root": 302,  # redirects to the person's school
    "logout": 405,  # POST only
    "set-language": 405,
}

# POST-only forms: an empty POST by an allowed person shows the form with its errors.
ALLOWED_POST_STATUS = {"dataplan:measurement-add": 200, "dataplan:decision-add": 200}

# Public views that send signed-in people elsewhere.
SIGNED_IN_STATUS = {"login": 302}

# POST-only views: allowed people are redirected after the action.
POST_ONLY = {
    "notification-read",
    "notifications-read-all",
    "kwaliteit:vision-draft-start",
    "kwaliteit:vision-draft-discard",
    "kwaliteit:vision-pdf",
    "kwaliteit:team-delete",
    "dataplan:pdf",
    "dataplan:measurement-add",
    "dataplan:decision-add",
    "dataplan:measurement-delete",
    "dataplan:import-confirm",
    "kwaliteitskaarten:review",
    "kwaliteitskaarten:agreement-add",
    "kwaliteitskaarten:agreement-check",
    "kwaliteitskaarten:reflection-add",
    "kwaliteitskaarten:appreciation-add",
    "kwaliteitskaarten:pdf",
    "kwaliteitskaarten:archive",
    "pdca:phase-complete",
    "pdca:pdf",
}


@dataclass(frozen=True)
class Route:
    name: str
    pattern: URLPattern
    kwarg_names: tuple

    @property
    def view(self):
        return self.pattern.callback

    @property
    def permission(self):
        return getattr(self.view, "permission", None)

    @property
    def is_public(self):
        return getattr(self.view, "public", False) or getattr(
            getattr(self.view, "view_class", None), "public", False
        )


def _walk(patterns, namespace="", kwarg_names=()):
    for entry in patterns:
        names = kwarg_names + tuple(entry.pattern.converters)
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            if ns in SKIPPED_NAMESPACES:
                continue
            full = f"{namespace}{ns}:" if ns else namespace
            yield from _walk(entry.url_patterns, full, names)
        elif isinstance(entry, URLPattern):
            yield entry, namespace, names


def all_routes():
    routes = []
    for pattern, namespace, kwarg_names in _walk(get_resolver().url_patterns):
        if not pattern.name:
            raise AssertionError(f"URL pattern {pattern.pattern} has no name")
        routes.append(Route(namespace + pattern.name, pattern, kwarg_names))
    return routes


def expected_status(route, role, *, method="GET"):
    """The status a persona gets: the rules of DESIGN.md section 6 in one place."""
    allowed = ALLOWED_GET_STATUS.get(route.name, 200)
    if route.name in POST_ONLY:
        allowed = ALLOWED_POST_STATUS.get(route.name, 302) if method == "POST" else 405
    if route.is_public:
        return allowed if role == "anonymous" else SIGNED_IN_STATUS.get(route.name, allowed)
    if role == "anonymous":
        return 302
    if route.name in LOGIN_ONLY:
        return allowed
    if route.name in BOARD_ONLY:
        return allowed if role == "board_member" else 404
    if route.permission is None:
        raise AssertionError(
            f"{route.name}: view is not marked public, has no school permission and is not "
            "listed in tests/urlwalk.py; decide who may open it."
        )
    if role == "outsider":
        return 404
    effective = "board" if role == "board_member" else role
    return allowed if effective in PERMISSIONS[route.permission] else 403


# Pages reached by more than one URL name: they may share a <title> (tests/test_page_titles.py).
SAME_PAGE: dict[str, str] = {}

# Destructive actions ask first (kwaliteit/confirm.py): their GET is the confirmation page, and
# only a confirmed POST acts (tests/test_confirmations.py).
CONFIRMED_ACTIONS = {
    "kwaliteit:vision-draft-discard",
    "kwaliteit:team-delete",
    "dataplan:measurement-delete",
    "kwaliteitskaarten:archive",
}
POST_ONLY -= CONFIRMED_ACTIONS
