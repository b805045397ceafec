"""Hooks: the one way apps offer themselves to the core and to each other.

A hook is a named list of providers. The app that *reads* a hook declares it (the core's hooks are
declared at the bottom of this module); the apps that *offer* something register a provider in
their own `providers.py`, usually with the hook's `register` as a decorator. Every installed app's
`providers.py` is imported once at start-up, in app order (`autodiscover`, called from the core's
`ready`), so a lower app's providers come before a higher app's.

    # pdca/providers.py
    from kwaliteit import hooks

    @hooks.object_actions.register
    def start_cycle(access, obj, **context): ...

A provider that raises does not take the page or the dispatcher down with it: `results` and
`items` log the error and go on with the other providers. Tests swap providers with
`hook.override(...)` instead of patching anything private.
"""

import logging
from contextlib import contextmanager
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps

logger = logging.getLogger(__name__)

PROVIDERS_MODULE = "providers"


class Hook:
    """A named list of providers; keyed hooks hold at most one provider per key."""

    def __init__(self, name, signature, *, keyed=False):
        self.name = name
        self.signature = signature  # documentation: how a provider is called, what it returns
        self.keyed = keyed
        self._providers = []  # [(key, provider)]

    def __repr__(self):
        return f"<Hook {self.name}: {len(self._providers)} providers>"

    def register(self, provider=None, *, key=None):
        """Add a provider; use as `@hook.register` or `@hook.register(key=...)`."""
        if provider is None:
            return lambda provider: self.register(provider, key=key)
        if self.keyed:
            if key is None:
                raise TypeError(f"Hook {self.name} needs a key for each provider")
            if key in self.keys():
                raise ValueError(f"Hook {self.name} already has a provider for {key!r}")
        self._providers.append((key, provider))
        return provider

    def providers(self):
        return [provider for _key, provider in self._providers]

    def keys(self):
        return [key for key, _provider in self._providers]

    def get(self, key, default=None):
        """The provider registered under key (keyed hooks)."""
        return next((p for k, p in self._providers if k == key), default)

    def results(self, *args, **kwargs):
        """Every provider's answer, in registration order; empty answers and failures left out."""
        answers = []
        for provider in self.providers():
            try:
                answer = provider(*args, **kwargs)
            except Exception:
                logger.exception("Hook %s: provider %s failed", self.name, _name(provider))
                continue
            if answer:
                answers.append(answer)
        return answers

    def items(self, *args, **kwargs):
        """The items every provider yields, as one list, and the providers that failed.

        A provider that fails halfway contributes nothing (not half its items), so a caller that
        acts on what is missing (the reminder dispatcher resolves what no longer waits) can leave
        that provider's things alone.
        """
        return self.items_from(self.providers(), *args, **kwargs)

    def items_from(self, providers, *args, **kwargs):
        """`items`, asking only these providers (e.g. the ones that yield one type of item)."""
        items, failed = [], []
        for provider in providers:
            try:
                # list() first: a generator that fails halfway must not leave half its items
                items.extend(list(provider(*args, **kwargs)))
            except Exception:
                logger.exception("Hook %s: provider %s failed", self.name, _name(provider))
                failed.append(provider)
        return items, failed

    @contextmanager
    def override(self, *providers, **keyed):
        """Replace the providers for the duration of a test: positional ones for plain hooks,
        key=provider for keyed hooks."""
        saved = self._providers
        self._providers = [(None, p) for p in providers] + list(keyed.items())
        try:
            yield self
        finally:
            self._providers = saved


def _name(provider):
    return f"{getattr(provider, '__module__', '?')}.{getattr(provider, '__qualname__', provider)}"


_discovered = False


def autodiscover():
    """Import `<app>.providers` of every installed app that has one, in app order, once."""
    global _discovered
    if _discovered:
        return
    _discovered = True
    for config in apps.get_app_configs():
        name = f"{config.name}.{PROVIDERS_MODULE}"
        if find_spec(name) is not None:
            import_module(name)


def all_hooks():
    """Every hook declared in this module, for the README's list and its test."""
    return [value for value in globals().values() if isinstance(value, Hook)]


# --- the core's hooks ------------------------------------------------------------------------
# Keep this list and the README's list of hooks the same (a test compares them).

job_kinds = Hook(
    "job_kinds",
    "key = kind name; provider = JobKind (kwaliteit.jobs): how a background run renders its file",
    keyed=True,
)

vision_sections = Hook(
    "vision_sections",
    "(request, version) -> safe HTML or '': blocks shown on the vision pages",
)

vision_draft_sections = Hook(
    "vision_draft_sections",
    "(request, draft, adopted) -> safe HTML or '': what adopting this draft changes",
)

demo_builders = Hook(
    "demo_builders",
    "(schools: {slug: School}, people: {email: User}) -> None: adds an app's part of the demo; "
    "safe to run again",
)

object_actions = Hook(
    "object_actions",
    "(access, obj, **context) -> (label, url) or None: what a person can do about an object of "
    "another app (start a cycle from an indicator that asks for action, from a card)",
)

dated_items = Hook(
    "dated_items",
    "(*, school_ids, start, end, open_only) -> iterable of kwaliteit.dated.DatedItem: an app's "
    "dated things in these schools between start (None: no lower bound) and end, one query per "
    "provider; registered with kwaliteit.dated.provider({item type: ItemType(label, model)})",
)

object_info = Hook(
    "object_info",
    "key = 'app_label.modelname'; (ids, user) -> {id: kwaliteit.refs.ObjectInfo}: title, URL, "
    "school and whether user may see each object; missing ids count as removed",
    keyed=True,
)

audit_verbs = Hook(
    "audit_verbs",
    "key = verb of an audit record; (data: dict) -> str: what the person did, in the reader's "
    "words ('adopted version 3', 'recorded: kept'), from the record's data",
    keyed=True,
)

school_figures = Hook(
    "school_figures",
    "(*, school_ids, period, team_id=None) -> iterable of kwaliteit.figures.Value: an app's "
    "figures for these schools in a period, one query per provider whatever the number of "
    "schools; registered with kwaliteit.figures.provider([FigureType, ...])",
)

figure_objects = Hook(
    "figure_objects",
    "key = a figure's key; (*, school, period, team_id, user) -> kwaliteit.figures.Rows: the "
    "objects behind the figure in one school, for its drill-down page and export",
    keyed=True,
)

dashboard_sections = Hook(
    "dashboard_sections",
    "(request, *, period, team_id) -> safe HTML or '': an app's part of the leader's "
    "dashboard of request.school (charts with their text alternative, links to the figures)",
)

attention_items = Hook(
    "attention_items",
    "(*, school, user, access, today) -> iterable of kwaliteit.attention.AttentionItem: what "
    "needs attention now that is not a dated item (an indicator asking for action without a "
    "cycle, an e-mail address that bounced), only what this person may see",
)

report_sections = Hook(
    "report_sections",
    "(*, school, period) -> kwaliteit.reports.Section or None: an app's chapter of the annual "
    "quality report, its generated part; the narrative is written by people",
)
