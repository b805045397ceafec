"""What the core offers through its own hooks: the vision PDF, vision drafts waiting for leaders,
the sentences of its audit verbs."""

from . import (
    audit_verbs,  # noqa: F401  the sentences of the core's audit verbs
    jobs,  # noqa: F401  registers the job kinds of the core
    reminders_vision,  # noqa: F401  vision drafts that wait for the leaders
)
