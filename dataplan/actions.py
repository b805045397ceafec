"""The seam for "what can I do about an indicator that asks for action".

Higher apps (the PDCA cycles) register a provider; the dataplan never imports them.
A provider takes (access, indicator, status) — access says who asks in which school (see
kwaliteit.permissions.Access) — and returns (label, url) or None.
"""

_providers = []


def register(provider):
    _providers.append(provider)
    return provider


def for_indicator(access, indicator, status):
    links = (provider(access, indicator, status) for provider in _providers)
    return [link for link in links if link]
