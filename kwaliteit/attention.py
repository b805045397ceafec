"""What needs attention now: the lines of a start page that are not dated items.

The start page reads overdue and coming dated items (`kwaliteit.dated`) itself; an app adds what
has no date through the hook `hooks.attention_items`, called as
`provider(*, school, user, access, today)` and yielding `AttentionItem`s, one query or a fixed few.
A provider yields only what this person may see (the page filters by role too).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


class Kind:
    """What kind of line it is; the start page groups by it, in this order."""

    OVERDUE = "overdue"  # a deadline has passed
    DECISION = "decision"  # waits for a leader's decision (an Act, an adoption)
    ACTION = "action"  # asks for action (an indicator without a cycle or decision)
    PROBLEM = "problem"  # something is broken (an e-mail address that bounced)
    COMING = "coming"  # due this week or next

    LABELS = {
        OVERDUE: _("Overdue"),
        DECISION: _("Waiting for a decision"),
        ACTION: _("Asks for action"),
        PROBLEM: _("To repair"),
        COMING: _("This week and next"),
    }


@dataclass(frozen=True)
class AttentionItem:
    kind: str  # a Kind
    title: str
    url: str  # where it is fixed
    detail: str = ""  # one short line: "Check 12 days overdue · Jan de Vries"
    school_id: int | None = None
    waits_for: tuple[int, ...] = ()  # the people it is for (a teacher sees theirs first)
    team_ids: tuple[int, ...] = ()  # the teams it belongs to (a teacher sees their team's next)
    days_overdue: int | None = None
