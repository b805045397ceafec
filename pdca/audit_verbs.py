"""The sentences of the improvement cycles' audit verbs (also those of the former CycleEvent)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kwaliteit.audit_verbs import Sentences

from .models import Cycle, Phase

SENTENCES = Sentences()
verb = SENTENCES.verb

verb("cycle_created", gettext_lazy("started the cycle"))
verb("plan_changed", gettext_lazy("changed the plan"))
verb("criterion_added", gettext_lazy("added a success criterion"))
verb("criterion_changed", gettext_lazy("changed a success criterion"))
verb("criterion_deleted", gettext_lazy("deleted a success criterion"))
verb("action_added", gettext_lazy("added an action"))
verb("action_changed", gettext_lazy("changed an action"))
verb("note_added", gettext_lazy("wrote a progress note"))
verb("criterion_evaluated", gettext_lazy("evaluated a success criterion"))
verb("conclusion_written", gettext_lazy("wrote the conclusion of the Check"))
verb("anchored", gettext_lazy("anchored the result"))
verb("follow_up_started", gettext_lazy("started a follow-up cycle"))


def _phase(data):
    return str(dict(Phase.Kind.choices).get(data.get("phase"), data.get("phase") or ""))


@SENTENCES.sentence("phase_completed")
def _completed(data):
    return _("completed the %(phase)s") % {"phase": _phase(data)}


@SENTENCES.sentence("phase_reopened")
def _reopened(data):
    return _("reopened the %(phase)s") % {"phase": _phase(data)}


@SENTENCES.sentence("decided")
def _decided(data):
    decision = dict(Cycle.Decision.choices).get(data.get("decision"))
    return _("decided: %(decision)s") % {"decision": decision} if decision else _("decided")
