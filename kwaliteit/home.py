"""The start page of a school: what needs attention now, for one person in their role.

Reads the apps only through the core's contracts: the dated items of every app
(`kwaliteit.dated.items`) in a bounded window, and the lines the apps add through
`hooks.attention_items`. The cost is a fixed number of queries (one per provider, one for the
names of the people shown, one for a teacher's teams) whatever the number of items, and each
group shows at most `CAP` lines, with "and N more" pointing to the lists where the rest are.

Who sees what:
- a coordinator everything the school has overdue, waiting and coming; a leader the same, with
  the Acts and what waits for them under "Waiting for a decision";
- a teacher their own items first (what waits for them), then their teams' (items of a team they
  are in), never another teacher's items outside their teams;
- a viewer and a board member counts per kind, without people or links to act on;
- drafts (items that wait from their first day) only to those who may see drafts, or to the
  person they wait for.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Subquery
from django.urls import NoReverseMatch, reverse
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import clock, dated, hooks
from .attention import AttentionItem, Kind
from .dated import Remind, Stage
from .models import Membership, Role, VisionVersion

CAP = 10  # lines per group; the rest is counted and linked
# How far back an open deadline still counts as "needs attention now". Bounded, so that a school
# with thousands of long-stuck cycles costs what a school with a few does; older overdue items
# stay on the apps' own lists (the page says so and links there).
LOOKBACK = timedelta(weeks=26)
KINDS = list(Kind.LABELS)  # the order of the groups

FULL, PERSONAL, SUMMARY = "full", "personal", "summary"
SUMMARY_ROLES = {Role.VIEWER, "board"}


@dataclass
class Line:
    """One line of the page: what, where it is fixed, and why it is here."""

    kind: str
    title: str
    url: str
    source: str  # the app it comes from ("pdca", "cards", ...), for the "more" links
    label: str = ""  # what sort of thing ("Check phase"), for a dated item
    detail: str = ""  # a provider's own short line
    day: date | None = None  # due or waiting since
    days_overdue: int | None = None
    waits_for: tuple[int, ...] = ()
    team_ids: tuple[int, ...] = ()
    awaiting: bool = False  # a draft that waits from its first day
    stage: str = Stage.NONE
    who: str = ""  # the names of the people it waits for (filled for the lines shown)

    @property
    def facts(self):
        """The short facts after the title: what, when, who ("Check phase · 12 days overdue ·
        Jan de Vries"); dates as d-m-Y."""
        facts = [capfirst(self.label)] if self.label else []
        if self.days_overdue:
            facts.append(
                ngettext("%(count)s day overdue", "%(count)s days overdue", self.days_overdue)
                % {"count": self.days_overdue}
            )
        elif self.awaiting and self.day:
            facts.append(_("waiting since %(date)s") % {"date": _day(self.day)})
        elif self.label and self.day:
            facts.append(_("due %(date)s") % {"date": _day(self.day)})
        if self.who:
            facts.append(self.who)
        if self.detail:
            facts.append(self.detail)
        return facts


def _day(day):
    return formats.date_format(day, "d-m-Y")


@dataclass
class Group:
    kind: str
    lines: list
    more: int = 0
    more_links: list = field(default_factory=list)  # [(label, url)] where the rest is

    @property
    def label(self):
        return Kind.LABELS[self.kind]

    @property
    def count(self):
        return len(self.lines) + self.more


@dataclass
class StartPage:
    mode: str  # FULL, PERSONAL or SUMMARY
    groups: list = field(default_factory=list)  # FULL; PERSONAL: the person's own
    team_groups: list = field(default_factory=list)  # PERSONAL: their teams'
    counts: list = field(default_factory=list)  # SUMMARY: [(label, count)]
    today: date | None = None
    since: date | None = None  # the first day of the window

    @property
    def empty(self):
        return not (self.groups or self.team_groups or any(n for _l, n in self.counts))


def week_end(day):
    """The Sunday that ends the week after the one `day` is in."""
    return day + timedelta(days=6 - day.weekday() + 7)


def start_page(*, school, user, access, today=None) -> StartPage:
    """What needs attention now in this school, as this person may see it."""
    today = today or clock.today()
    since = today - LOOKBACK
    mode = _mode(access)
    lines = _dated_lines(school=school, since=since, today=today)
    lines += _attention_lines(school=school, user=user, access=access, today=today)
    lines = _visible(lines, user=user, access=access, mode=mode)
    page = StartPage(mode=mode, today=today, since=since)
    if mode == SUMMARY:
        page.counts = _counts([line for line in lines if not line.awaiting])
        return page
    if access.role == Role.LEADER:
        # The Acts that wait for a leader's decision come from the cycles app's attention items
        # (an Act whose Check is done); the Act's deadline would say the same thing twice.
        lines = [line for line in lines if not (line.stage == Stage.ACT and line.source == "pdca")]
    if mode == FULL:
        parts = [lines]
    else:
        own = [line for line in lines if user.pk in line.waits_for]
        parts = [own, [line for line in lines if user.pk not in line.waits_for]]  # via a team
    people = _people(school=school, parts=parts)
    for line in lines:
        if line.awaiting:
            # A draft waits for a decision when it waits for the leaders (an adoption); else
            # it asks for action from the person it waits for (a card under review).
            roles = {people.get(person, ("", None))[1] for person in line.waits_for}
            line.kind = Kind.DECISION if roles <= {Role.LEADER} else Kind.ACTION
    groups = [_groups(part, mode=mode, school=school) for part in parts]
    page.groups = groups[0]
    page.team_groups = groups[1] if len(groups) > 1 else []
    # On a teacher's own lines their own name says nothing; the others' names stay.
    _name(page.groups, people, leave_out=user.pk if mode == PERSONAL else None)
    _name(page.team_groups, people)
    return page


def _mode(access):
    if access.role in SUMMARY_ROLES:
        return SUMMARY
    if access.role == Role.TEACHER:
        return PERSONAL
    return FULL


def _dated_lines(*, school, since, today):
    """The open dated items of the school from `since` to the end of next week, as lines."""
    items, _failed = dated.items(
        school_ids=[school.pk], start=since, end=week_end(today), open_only=True
    )
    types = dated.item_types()
    labels = {}  # translated once per type, not once per item
    lines = []
    for item in items:
        if item.school_id != school.pk or item.done or item.remind == Remind.NEVER:
            continue
        awaiting = item.remind == Remind.AWAITING
        overdue = not awaiting and item.date < today
        label = labels.get(item.type)
        if label is None:
            kind_type = types.get(item.type)
            label = labels[item.type] = str(kind_type.label) if kind_type else ""
        lines.append(
            Line(
                kind=Kind.OVERDUE if overdue else Kind.COMING,  # a draft's: decided later
                title=item.title,
                url=item.url,
                source=item.type.split(".", 1)[0],
                label=label,
                day=item.date,
                days_overdue=(today - item.date).days if overdue else None,
                waits_for=tuple(item.waits_for),
                team_ids=tuple(item.team_ids),
                awaiting=awaiting,
                stage=item.stage,
            )
        )
    return lines


def _attention_lines(*, school, user, access, today):
    """What the apps (and the core) add through hooks.attention_items, for this school."""
    items, _failed = hooks.attention_items.items(
        school=school, user=user, access=access, today=today
    )
    lines = []
    for item in items:
        if not isinstance(item, AttentionItem) or item.kind not in Kind.LABELS:
            continue
        if item.school_id not in (None, school.pk):
            continue  # never another school's
        lines.append(
            Line(
                kind=item.kind,
                title=item.title,
                url=item.url,
                source="",
                detail=item.detail,
                day=today - timedelta(days=item.days_overdue)
                if item.days_overdue is not None
                else None,
                days_overdue=item.days_overdue,
                waits_for=tuple(item.waits_for),
                team_ids=tuple(item.team_ids),
            )
        )
    return lines


def _visible(lines, *, user, access, mode):
    """Leave out what this person may not see: drafts without the right to see them, and for a
    teacher everything that is neither theirs nor their teams'."""
    drafts = access.can("vision.drafts") or access.can("cards.edit")
    teams = _teams(access) if mode == PERSONAL else set()
    kept = []
    for line in lines:
        mine = user.pk in line.waits_for
        if line.awaiting and not (drafts or mine):
            continue
        if mode == PERSONAL and not (mine or teams & set(line.team_ids)):
            continue
        if mode == PERSONAL and line.awaiting and not mine:
            continue  # a colleague's draft is theirs to show
        kept.append(line)
    return kept


def _teams(access):
    """The ids of the teams the person is in here (one query, once per request)."""
    membership = access.membership
    if membership is None:
        return set()
    cached = getattr(membership, "_home_team_ids", None)
    if cached is None:
        cached = set(membership.teams.values_list("id", flat=True))
        membership._home_team_ids = cached
    return cached


def _people(*, school, parts):
    """{user id: (name, role or None)} for everyone the lines may show, in one query.

    Only the first CAP lines of each kind of each part can be shown; a draft's kind depends on
    whom it waits for, so every draft counts (drafts are few: one per card or vision). So the
    query stays small with thousands of items."""
    ids = set()
    for part in parts:
        by_kind = {}
        for line in part:
            if line.awaiting:
                ids.update(line.waits_for)
            else:
                by_kind.setdefault(line.kind, []).append(line)
        for found in by_kind.values():
            for line in sorted(found, key=_order)[:CAP]:
                ids.update(line.waits_for)
    if not ids:
        return {}
    rows = Membership.objects.filter(school=school, user_id__in=ids).values_list(
        "user_id", "user__full_name", "role", "is_active"
    )
    return {user_id: (name, role if active else None) for user_id, name, role, active in rows}


def _order(line):
    """Most overdue first; coming by date; what waits, longest waiting first; what has no date
    after the rest, in the order its provider gave."""
    return (line.day or date.max, line.title if line.day else "")


def _groups(lines, *, mode, school):
    """Lines grouped by kind in Kind's order, each capped at CAP with what is left counted."""
    by_kind = {}
    for line in lines:
        by_kind.setdefault(line.kind, []).append(line)
    groups = []
    for kind in KINDS:
        found = sorted(by_kind.get(kind, ()), key=_order)
        if not found:
            continue
        shown, rest = found[:CAP], found[CAP:]
        group = Group(kind=kind, lines=shown, more=len(rest))
        group.more_links = _more_links(rest, kind=kind, mode=mode, school=school)
        groups.append(group)
    return groups


def _counts(lines):
    """A reader's summary: how many lines of each kind, nothing about who."""
    counted = {kind: 0 for kind in KINDS}
    for line in lines:
        counted[line.kind] += 1
    return [(Kind.LABELS[kind], counted[kind]) for kind in KINDS]


def _name(groups, people, leave_out=None):
    for group in groups:
        for line in group.lines:
            names = [people[p][0] for p in line.waits_for if p in people and p != leave_out]
            line.who = ", ".join(sorted(names))


# Where the rest of a group is: the list page of the app the lines come from, by URL name.
# (The core links to the apps' pages by name, as the navigation does; it imports none of them.)
SOURCES = {
    "pdca": (_("improvement cycles"), "pdca:list", "pdca:mine"),
    "cards": (_("quality cards"), "kwaliteitskaarten:list", "kwaliteitskaarten:mine"),
    "dataplan": (_("dataplan"), "dataplan:plan", "dataplan:plan"),
    "vision": (_("vision"), "kwaliteit:vision", "kwaliteit:vision"),
}
OVERDUE_FILTERS = {"pdca:list": "?te_laat=on", "kwaliteitskaarten:list": ""}


def _more_links(rest, *, kind, mode, school):
    sources = []
    for line in rest:
        if line.source in SOURCES and line.source not in sources:
            sources.append(line.source)
    links = []
    for source in sources:
        label, name, personal = SOURCES[source]
        name = personal if mode == PERSONAL else name
        try:
            url = reverse(name, args=[school.slug])
        except NoReverseMatch:
            continue
        if kind == Kind.OVERDUE:
            url += OVERDUE_FILTERS.get(name, "")
        links.append((label, url))
    return links


def overdue_lists(*, school, mode):
    """Where the overdue items older than the window are: [(label, url)]."""
    if mode == PERSONAL:
        names = [
            (_("your improvement cycles"), "pdca:mine", ""),
            (_("My quality"), "kwaliteitskaarten:mine", ""),
        ]
    else:
        names = [
            (_("overdue improvement cycles"), "pdca:list", "?te_laat=on"),
            (_("overdue agreements"), "kwaliteitskaarten:register", "?achterstallig=1"),
        ]
    links = []
    for label, name, query in names:
        try:
            links.append((label, reverse(name, args=[school.slug]) + query))
        except NoReverseMatch:
            continue
    return links


def dashboard_url(*, school, access):
    """The leader's dashboard, for those who read it (none while it is not there)."""
    if not access.can("dashboard.view"):
        return ""
    try:
        return reverse("kwaliteit:dashboard", args=[school.slug])
    except NoReverseMatch:
        return ""


@dataclass(frozen=True)
class VisionLine:
    title: str
    values: tuple[str, ...]


def vision_line(*, school):
    """The adopted vision in force, compactly: its title and core values, in one query."""
    newest = (
        VisionVersion.objects.filter(school=school, status=VisionVersion.Status.ADOPTED)
        .order_by("-number")
        .values("pk")[:1]
    )
    rows = list(
        VisionVersion.objects.filter(pk=Subquery(newest))
        .order_by("core_values__position", "core_values__id")
        .values_list("title", "core_values__name")
    )
    if not rows:
        return None
    return VisionLine(title=rows[0][0], values=tuple(name for _t, name in rows if name))
