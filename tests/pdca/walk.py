"""The PDCA part of the URL walk (tests/urlwalk.py): every route on one follow-up cycle."""

from .helpers import walk_kwargs

# POST-only views: allowed people are redirected after the action.
POST_ONLY = {"pdca:phase-complete", "pdca:pdf"}


def url_kwargs(route, world, vision, persona):
    """Values by URL argument name for one of the PDCA routes."""
    if len(route.kwarg_names) > 1:  # the pages of one cycle
        return walk_kwargs(world, route.name)
    return {}
