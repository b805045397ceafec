"""Who may do what in a school: one table, checked by every school view."""

from dataclasses import dataclass

from django.db.models import Case, CharField, Exists, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from .models import Membership, Role, School

BOARD = "board"
ROLE_LABELS = {**dict(Role.choices), BOARD: _("board member")}

ALL_ROLES = frozenset({Role.COORDINATOR, Role.LEADER, Role.TEACHER, Role.VIEWER, BOARD})
WRITERS = frozenset({Role.COORDINATOR, Role.LEADER})

# permission -> roles that hold it. Board members read everything in their board's schools.
PERMISSIONS = {
    "school.view": ALL_ROLES,
    "members.view": frozenset({Role.COORDINATOR, Role.LEADER}),
    "members.manage": frozenset({Role.COORDINATOR}),
    # The school's reminder settings (how early, when to escalate).
    "reminders.manage": frozenset({Role.COORDINATOR}),
    # The school's own settings, such as the day its school year starts.
    "school.manage": frozenset({Role.COORDINATOR}),
    # The school's audit trail as a file: everything everyone did, so the coordinator only.
    "audit.export": frozenset({Role.COORDINATOR}),
    "vision.view": ALL_ROLES,
    "vision.edit": WRITERS,
    "vision.drafts": WRITERS,
    "vision.adopt": frozenset({Role.LEADER}),
    "dataplan.view": ALL_ROLES,
    "dataplan.manage": frozenset({Role.COORDINATOR}),
    "dataplan.measure": WRITERS,
    "cards.view": ALL_ROLES,
    "cards.edit": WRITERS,
    "cards.adopt": frozenset({Role.LEADER}),
    # Writing a card's draft: coordinators and leaders, and a teacher who owns the card.
    "cards.write": frozenset({Role.COORDINATOR, Role.LEADER, Role.TEACHER}),
    # Teachers record the checks of the agreements they own; writers record any.
    "agreements.check": frozenset({Role.COORDINATOR, Role.LEADER, Role.TEACHER}),
    # Reflections and appreciation are written by staff of the school, never by readers.
    "reflections.write": frozenset({Role.COORDINATOR, Role.LEADER, Role.TEACHER}),
    "cycles.view": ALL_ROLES,
    # Coordinators and leaders start and steer any cycle; a teacher starts cycles and works on
    # the cycles they own, and updates the actions assigned to them.
    "cycles.manage": WRITERS,
    "cycles.write": frozenset({Role.COORDINATOR, Role.LEADER, Role.TEACHER}),
    # The leader's dashboard and its drill-downs: read by the school's steering roles and by
    # readers (a viewer, the board); teachers have their start page instead.
    "dashboard.view": frozenset({Role.COORDINATOR, Role.LEADER, Role.VIEWER, BOARD}),
    # Figures about named colleagues (the planlast: deadlines per person per month).
    "dashboard.people": WRITERS,
    # The annual quality report: everyone reads an adopted report; drafts are for writers and
    # the board; the coordinator writes, a leader adopts.
    "reports.view": ALL_ROLES,
    "reports.drafts": frozenset({Role.COORDINATOR, Role.LEADER, BOARD}),
    "reports.write": frozenset({Role.COORDINATOR}),
    "reports.adopt": frozenset({Role.LEADER}),
}


@dataclass(frozen=True)
class Access:
    """What one user may do in one school."""

    school: School
    role: str
    membership: Membership | None = None

    def can(self, permission):
        return self.role in PERMISSIONS[permission]

    @property
    def role_label(self):
        return ROLE_LABELS[self.role]


def role_in_school(*, school_field, user):
    """An annotation: the user's role in each row's school (school_field: the path to its
    school id) — their active membership's role, else "board" for a member of the school's
    board, else None. Lets one query say, per object, whether the user may see it."""
    if user is None or not user.is_authenticated:
        return Value(None, output_field=CharField())
    school_id = OuterRef(school_field)
    membership = Membership.objects.filter(school_id=school_id, user_id=user.pk, is_active=True)
    board = School.objects.filter(pk=school_id, board__members=user.pk)
    return Coalesce(
        Subquery(membership.values("role")[:1]),
        Case(When(Exists(board), then=Value(BOARD)), default=None, output_field=CharField()),
    )


def role_can(role, permission):
    """Whether a role (from role_in_school; None: no access) holds a permission."""
    return role is not None and role in PERMISSIONS[permission]
