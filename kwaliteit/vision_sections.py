"""Blocks that higher apps add to the vision pages; the core app never imports them."""

_providers = []
_draft_providers = []


def register(provider):
    """provider(request, version) returns safe HTML, or "" to show nothing."""
    _providers.append(provider)
    return provider


def render(request, version):
    return [html for provider in _providers if (html := provider(request, version))]


def register_draft(provider):
    """provider(request, draft, adopted) returns safe HTML about what adopting the draft changes
    (e.g. the cards that carry a value it removes), or "" to show nothing."""
    _draft_providers.append(provider)
    return provider


def render_draft(request, draft, adopted):
    """The blocks shown on the draft and adopt pages, before a leader adopts the draft."""
    return [html for provider in _draft_providers if (html := provider(request, draft, adopted))]
