"""Blocks that higher apps add to the vision page; the core app never imports them."""

_providers = []


def register(provider):
    """provider(request, version) returns safe HTML, or "" to show nothing."""
    _providers.append(provider)
    return provider


def render(request, version):
    return [html for provider in _providers if (html := provider(request, version))]
