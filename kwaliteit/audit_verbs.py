"""The sentences of the core's audit verbs: what a person did, in the reader's words."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import hooks
from .models import Role


def verb(name, text):
    """Register a verb whose sentence needs nothing but the record's data (`%(name)s`); text is
    lazy (gettext_lazy), so it reads in the reader's language."""

    def sentence(data):
        return str(text) % data if "%(" in str(text) else str(text)

    hooks.audit_verbs.register(sentence, key=name)


# Generic verbs, for objects that need no more than this, and the admin's edits.
verb("created", gettext_lazy("created it"))
verb("changed", gettext_lazy("changed it"))
verb("deleted", gettext_lazy("deleted it"))
verb("added_in_admin", gettext_lazy("added it in the admin"))
verb("changed_in_admin", gettext_lazy("changed it in the admin"))
verb("deleted_in_admin", gettext_lazy("deleted it in the admin"))
verb("vision_draft_updated", gettext_lazy("edited the draft of version %(number)s"))
verb("team_created", gettext_lazy("created the team"))
verb("team_renamed", gettext_lazy("renamed the team"))
verb("team_deleted", gettext_lazy("deleted the team"))
verb("member_changed", gettext_lazy("changed the membership"))


@hooks.audit_verbs.register(key="member_invited")
def _invited(data):
    role = dict(Role.choices).get(data.get("role"), data.get("role"))
    return _("invited %(name)s as %(role)s") % {"name": data.get("name", ""), "role": role}
