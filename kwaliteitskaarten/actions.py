"""The seam for "what can I start from this card" (e.g. an improvement cycle).

Higher apps register a provider; the cards app never imports them. A provider takes
(access, card) and returns (label, url) or None.
"""

_providers = []


def register(provider):
    _providers.append(provider)
    return provider


def for_card(access, card):
    links = (provider(access, card) for provider in _providers)
    return [link for link in links if link]
