"""Reading the audit trail: an object's history ("Geschiedenis") and the school's export.

Sentences come from `hooks.audit_verbs` (each app registers its verbs' sentences in its
`audit_verbs.py`); edited fields are named by their model's verbose names, old → new, in the
reader's language. One page of history is one query, however many records the object has.
"""

import contextlib
import csv
import io
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from . import exports, hooks
from .dated import Stage
from .models import AuditEvent
from .refs import ref_of

PER_PAGE = 20
PARAM = "geschiedenis"  # the page number of the history, on the object's own page


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class Entry:
    at: object
    actor: str
    sentence: str
    detail: str
    about: str  # the part of the object it was about (an agreement of a card), or ""
    changes: list = field(default_factory=list)
    stage: str = ""  # the PDCA stage it belongs to, when the sentence does not say it


@dataclass
class HistoryPage:
    entries: list
    number: int
    has_more: bool

    @property
    def next_number(self):
        return self.number + 1


def sentence(event):
    """What the person did, in the reader's words."""
    provider = hooks.audit_verbs.get(event.verb)
    if provider is not None:
        try:
            return str(provider(event.data or {}))
        except Exception:
            hooks.logger.exception("audit verb %s failed", event.verb)
    return event.verb.replace("_", " ")


def _display(model, name, value):
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    model_field = _field(model, name)
    if model_field is not None and getattr(model_field, "choices", None):
        return str(dict(model_field.flatchoices).get(value, value))
    return str(value)


def _field(model, name):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except Exception:
        return None


def _label(model_field, name):
    """The field's name as the model says it; a reverse relation by its model's plural."""
    if model_field is None:
        return capfirst(name.replace("_", " "))
    if hasattr(model_field, "verbose_name"):
        return capfirst(str(model_field.verbose_name))
    return capfirst(str(model_field.related_model._meta.verbose_name_plural))


def changes_of(event):
    """Old → new per field; `data["changes_of"]` names the model whose fields changed when that
    is a part of the object (an action's status, recorded on its cycle)."""
    model = event.content_type.model_class()
    if part := (event.data or {}).get("changes_of"):
        with contextlib.suppress(LookupError, ValueError):
            model = apps.get_model(part)
    result = []
    for name, pair in (event.changes or {}).items():
        old, new = (list(pair) + [None, None])[:2] if isinstance(pair, list | tuple) else ("", pair)
        model_field = _field(model, name)
        label = _label(model_field, name)
        result.append(Change(label, _display(model, name, old), _display(model, name, new)))
    return result


def _stage(data, said):
    phase = (data or {}).get("phase")
    label = str(dict(Stage.choices).get(phase, "")) if phase and phase != Stage.NONE else ""
    return "" if label in said else label


def entry(event, main=None):
    about = "" if main == (event.content_type_id, event.object_id) else event.object_repr
    said = sentence(event)
    return Entry(
        at=event.at,
        actor=event.actor.full_name if event.actor_id and event.actor else _("the system"),
        sentence=said,
        detail=str((event.data or {}).get("text", "")),
        about=about,
        changes=changes_of(event),
        stage=_stage(event.data, said),
    )


def _refs_filter(obj, include):
    content_type, object_id = ref_of(obj)
    condition = Q(content_type=content_type, object_id=object_id)
    for queryset in include:
        part_type, _id = ref_of(queryset.model())
        ids = queryset.annotate(audit_id=Cast("pk", CharField())).values("audit_id")
        condition |= Q(content_type=part_type, object_id__in=ids)
    return condition, (content_type.id, object_id)


def history_for(obj, *, page=1, include=(), hide=()):
    """One page of obj's history, newest first; include: querysets of its parts (a card's
    versions and agreements) whose records belong to its history too; hide: verbs the reader
    may not see (draft edits, for those who do not see drafts)."""
    page = max(int(page or 1), 1)
    condition, main = _refs_filter(obj, include)
    start = (page - 1) * PER_PAGE
    events = list(
        AuditEvent.objects.filter(condition)
        .exclude(verb__in=hide)
        .select_related("actor", "content_type")
        .order_by("-at", "-id")[start : start + PER_PAGE + 1]
    )
    return HistoryPage(
        entries=[entry(event, main) for event in events[:PER_PAGE]],
        number=page,
        has_more=len(events) > PER_PAGE,
    )


def all_for(obj, *, include=()):
    """The whole history of obj, oldest first (for a report)."""
    condition, main = _refs_filter(obj, include)
    events = AuditEvent.objects.filter(condition).select_related("actor", "content_type")
    return [entry(event, main) for event in events.order_by("at", "id")]


def page_number(request):
    try:
        return max(int(request.GET.get(PARAM, 1)), 1)
    except ValueError:
        return 1


def for_request(request, obj, *, include=(), hide=()):
    """The history page the request asks for (?geschiedenis=N), for the object page's context."""
    return history_for(obj, page=page_number(request), include=include, hide=hide)


def fragment_for(request, obj, **options):
    """`fragment` for a page that builds its history later (reads it only when asked)."""
    if request.htmx and PARAM in request.GET:
        return fragment(request, for_request(request, obj, **options))
    return None


def fragment(request, history):
    """The rows of a further page, for the "more" button's htmx request; None otherwise."""
    if request.htmx and PARAM in request.GET:
        return render(request, "includes/history.html#history-rows", {"history": history})
    return None


# --- the school's audit trail as CSV ------------------------------------------------------------


def school_events(*, school, start, end):
    """The school's records from start to end (dates, inclusive), oldest first."""
    return (
        AuditEvent.objects.filter(school=school, at__date__gte=start, at__date__lte=end)
        .select_related("actor", "content_type")
        .order_by("at", "id")
    )


def export_csv(*, school, start, end) -> str:
    """Semicolon-separated, with a BOM for Excel; cells that could start a formula are quoted."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([_("When"), _("Who"), _("What"), _("Object type"), _("Object"), _("Changes")])
    for event in school_events(school=school, start=start, end=end).iterator(chunk_size=2000):
        model = event.content_type.model_class()
        kind = capfirst(model._meta.verbose_name) if model else event.content_type.model
        item = entry(event)
        what = item.sentence + (f": {item.detail}" if item.detail else "")
        changes = "; ".join(f"{c.label}: {c.old} → {c.new}" for c in item.changes)
        when = formats.date_format(timezone.localtime(event.at), "d-m-Y H:i")
        row = [when, item.actor, what, str(kind), event.object_repr, changes]
        writer.writerow([exports.csv_cell(cell) for cell in row])
    return out.getvalue()
