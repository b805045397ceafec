"""The sentences of the cards' audit verbs."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kwaliteit.audit_verbs import Sentences

from .models import AgreementCheck

SENTENCES = Sentences()
verb = SENTENCES.verb

verb("card_created", gettext_lazy("created the card"))
verb("card_archived", gettext_lazy("archived the card"))
verb("card_draft_updated", gettext_lazy("edited the draft of version %(number)s"))
verb("agreement_added", gettext_lazy("added an agreement"))
verb("agreement_changed", gettext_lazy("changed an agreement"))


@SENTENCES.sentence("check_recorded")
def _checked(data):
    result = dict(AgreementCheck.Result.choices).get(data.get("result"), data.get("result"))
    return _("recorded: %(result)s") % {"result": result}
