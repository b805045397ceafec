"""Every URL pattern of the project, with the arguments to visit it and the rule it follows."""

import importlib
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver

from kwaliteit.permissions import PERMISSIONS

SKIPPED_NAMESPACES = {"admin"}


def _walk_modules():
    """tests/<app label>/walk.py of every app of the project, in app order.

    A walk module names the routes of its app (its URL namespace, or NAMESPACES) and provides
    `url_kwargs(route, world, vision, persona)`: values by URL argument name. It may also list
    POST_ONLY, CONFIRMED_ACTIONS, ALLOWED_GET_STATUS, ALLOWED_POST_STATUS, LOGIN_ONLY,
    BOARD_ONLY, SIGNED_IN_STATUS and SAME_PAGE; the walk merges them. A new app adds its own
    file; nothing here changes.
    """
    modules = {}
    for config in apps.get_app_configs():
        if "site-packages" in config.path or not config.path.startswith(str(settings.BASE_DIR)):
            continue  # Django's and other libraries' apps
        name = f"{__package__}.{config.label}.walk"
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name not in {name, f"{__package__}.{config.label}"}:
                raise
            continue
        for namespace in getattr(module, "NAMESPACES", (config.label,)):
            modules[namespace] = module
    return modules


WALKS = _walk_modules()


def _merged(attribute, kind=set):
    """One walk-module attribute over every app: a union of sets, or dicts merged."""
    merged = kind()
    for module in dict.fromkeys(WALKS.values()):
        merged.update(getattr(module, attribute, kind()))
    return merged


# Views that are neither public nor a school page, and who may see them.
LOGIN_ONLY = _merged("LOGIN_ONLY")
BOARD_ONLY = _merged("BOARD_ONLY")
# Views that answer GET (or an empty POST) with something other than 200 (302) when allowed.
ALLOWED_GET_STATUS = _merged("ALLOWED_GET_STATUS", dict)
ALLOWED_POST_STATUS = _merged("ALLOWED_POST_STATUS", dict)
# Public views that send signed-in people elsewhere.
SIGNED_IN_STATUS = _merged("SIGNED_IN_STATUS", dict)
# Destructive actions ask first (kwaliteit/confirm.py): their GET is the confirmation page, and
# only a confirmed POST acts (tests/test_confirmations.py).
CONFIRMED_ACTIONS = _merged("CONFIRMED_ACTIONS")
# POST-only views: allowed people are redirected after the action.
POST_ONLY = _merged("POST_ONLY") - CONFIRMED_ACTIONS
# Pages reached by more than one URL name: they may share a <title> (tests/test_page_titles.py).
SAME_PAGE: dict[str, str] = _merged("SAME_PAGE", dict)


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
            "listed in its app's tests/<app>/walk.py; decide who may open it."
        )
    if role == "outsider":
        return 404
    effective = "board" if role == "board_member" else role
    return allowed if effective in PERMISSIONS[route.permission] else 403


def walk_for(route):
    """The walk module of the app that a route belongs to."""
    namespace = route.name.rpartition(":")[0]
    if namespace not in WALKS:
        raise AssertionError(
            f"{route.name}: no URL walk for namespace {namespace!r}; add tests/<app>/walk.py"
        )
    return WALKS[namespace]


def url_kwargs(route, world, vision, persona):
    """Arguments for a route: the school and board, and what its app's walk module gives."""
    values = {"school_slug": world.school.slug, "board_slug": world.board.slug}
    values.update(walk_for(route).url_kwargs(route, world, vision, persona))
    kwargs = {}
    for name in route.kwarg_names:
        if name not in values:
            raise AssertionError(
                f"{route.name}: no test value for URL argument {name!r}; "
                f"add it to {walk_for(route).__name__}"
            )
        kwargs[name] = values[name]
    return kwargs
