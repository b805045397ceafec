"""The seam for "what can I do about an indicator that asks for action".

Higher apps (the PDCA cycles) register a provider; the dataplan never imports them.
A provider takes (school, indicator, status) and returns (label, url) or None.
"""

_providers = []


def register(provider):
    _providers.append(provider)
    return provider


def for_indicator(school, indicator, status):
    links = (provider(school, indicator, status) for provider in _providers)
    return [link for link in links if link]
