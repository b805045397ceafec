"""The sentences of the core's audit verbs: what a person did, in the reader's words.

Each app keeps its verbs' sentences in a `Sentences` of its own (`<app>/audit_verbs.py`); its
providers.py registers them with `hooks.audit_verbs`, like every other registration.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Role


class Sentences(dict):
    """verb → sentence(data): what an app's audit verbs say; registered from providers.py."""

    def verb(self, name, text):
        """A verb whose sentence needs nothing but the record's data (`%(name)s`); text is lazy
        (gettext_lazy), so it reads in the reader's language."""

        def sentence(data):
            return str(text) % data if "%(" in str(text) else str(text)

        self[name] = sentence

    def sentence(self, name):
        """Decorator: a verb with a sentence function of its own."""

        def add(function):
            self[name] = function
            return function

        return add

    def register(self, hook):
        for name, sentence in self.items():
            hook.register(sentence, key=name)


SENTENCES = Sentences()
verb = SENTENCES.verb


# Generic verbs, for objects that need no more than this, and the admin's edits.
verb("created", gettext_lazy("created it"))
verb("changed", gettext_lazy("changed it"))
verb("deleted", gettext_lazy("deleted it"))
verb("added_in_admin", gettext_lazy("added it in the admin"))
verb("changed_in_admin", gettext_lazy("changed it in the admin"))
verb("deleted_in_admin", gettext_lazy("deleted it in the admin"))
verb("adopted", gettext_lazy("adopted version %(number)s"))
verb("draft_started", gettext_lazy("started the draft of version %(number)s"))
verb("draft_discarded", gettext_lazy("discarded the draft of version %(number)s"))
verb("school_year_start_changed", gettext_lazy("changed the day the school year starts"))
verb("vision_draft_updated", gettext_lazy("edited the draft of version %(number)s"))
verb("team_created", gettext_lazy("created the team"))
verb("team_renamed", gettext_lazy("renamed the team"))
verb("team_deleted", gettext_lazy("deleted the team"))
verb("member_changed", gettext_lazy("changed the membership"))


@SENTENCES.sentence("member_invited")
def _invited(data):
    role = dict(Role.choices).get(data.get("role"), data.get("role"))
    return _("invited %(name)s as %(role)s") % {"name": data.get("name", ""), "role": role}


# The annual quality report (kwaliteit/services_reports.py).
verb("report_started", gettext_lazy("started the annual report %(year)s"))
verb("report_narrative_updated", gettext_lazy("edited a chapter of the annual report %(year)s"))
verb("report_adopted", gettext_lazy("adopted the annual report %(year)s as version %(number)s"))
