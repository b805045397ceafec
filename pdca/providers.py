"""What pdca offers through the hooks."""

from . import audit_verbs  # noqa: F401  the sentences of its audit verbs
