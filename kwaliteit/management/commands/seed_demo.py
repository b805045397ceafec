"""A realistic Dutch demo: one board, two primary schools, one pabo programme, people in every role.

Everything goes through the services a user goes through, on a clock set to the day each step
of the story happened (`kwaliteit.clock`), so every object has its history in the past. The data
itself is in `kwaliteit.demo_data` and in each app's demo module. Safe to run again: it only
creates what is missing.
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from kwaliteit import clock, hooks, reminders, services
from kwaliteit.demo_data import BOARD, BOARD_DOMAIN, BOARD_MEMBER, SCHOOLS
from kwaliteit.models import Board, Role, School, Team, User, VisionVersion
from kwaliteit.permissions import BOARD as BOARD_ROLE
from kwaliteit.permissions import ROLE_LABELS
from kwaliteit.schoolyear import SchoolYear

PASSWORD = "kwaliteit-demo"  # noqa: S105  demo only: the command refuses to run without DEBUG

DRAFTED_WEEKS_BEFORE_ADOPTION = 6
DATA_YEARS = 3  # the dataplan demo measures this many school years back


class Command(BaseCommand):
    help = "Create the demo board, schools and people (idempotent) and print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production", action="store_true", help="Run even when DEBUG is off."
        )

    @transaction.atomic
    def handle(self, *args, **options):
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError("The demo has known passwords: it only runs with DEBUG=1.")
        board, _ = Board.objects.get_or_create(slug=BOARD["slug"], defaults={"name": BOARD["name"]})
        board_user = User.objects.filter(email=f"{BOARD_MEMBER.login}@{BOARD_DOMAIN}").first()
        if board_user is None:
            with clock.on(_joined_on(SCHOOLS), 9):
                board_user = User.objects.create_user(
                    f"{BOARD_MEMBER.login}@{BOARD_DOMAIN}",
                    PASSWORD,
                    full_name=BOARD_MEMBER.full_name,
                )
        board.members.add(board_user)
        logins = {str(ROLE_LABELS[BOARD_ROLE]): board_user.email}
        for spec in SCHOOLS:
            school, _ = School.objects.get_or_create(
                slug=spec.slug,
                defaults={"name": spec.name, "sector": spec.sector, "city": spec.city}
                | {"board": board},
            )
            with clock.on(_joined_on([spec]), 9):
                people = _people(school, spec)
            if spec.slug == "obs-de-regenboog":
                for person in spec.people:
                    logins.setdefault(str(Role(person.role).label), f"{person.login}@{spec.domain}")
            _visions(school, spec.visions, people)
        schools = {school.slug: school for school in School.objects.filter(board=board)}
        people = {
            user.email: user for user in User.objects.filter(memberships__school__board=board)
        }
        # Every app's part, in app order (dataplan, cards, cycles): a failure stops the seed.
        for builder in hooks.demo_builders.providers():
            builder(schools=schools, people=people)
        # What is overdue in the demo shows in the notification list at once, not after the
        # first periodic dispatch.
        reminders.dispatch()
        self.stdout.write(self.style.SUCCESS("Demo ready. Log in at http://127.0.0.1:8000/"))
        for role, email in logins.items():
            self.stdout.write(f"  {role:<22} {email:<32} password: {PASSWORD}")
        self.stdout.write("  (Petra, Karin and the others at kompas.example / pabo.example too.)")


def _joined_on(specs):
    """The day the people start: two months before their first vision or the first school year
    of the dataplan's measurements, whichever comes first."""
    first_year = SchoolYear(SchoolYear.of(timezone.localdate()).start_year - (DATA_YEARS - 1))
    days = [first_year.first_day] + [
        vision.adopted_on - timedelta(weeks=DRAFTED_WEEKS_BEFORE_ADOPTION)
        for spec in specs
        for vision in spec.visions
        if vision.adopted_on
    ]
    return min(days) - timedelta(days=60)


def _people(school, spec):
    """Teams, then people: the coordinator first, who invites the others (no e-mail is sent;
    everybody gets the demo password)."""
    existing = {name.casefold() for name in school.teams.values_list("name", flat=True)}
    for name in spec.teams:
        if name.casefold() not in existing:
            services.team_save(school=school, name=name)
    teams = {team.name: team for team in Team.objects.filter(school=school)}
    members = {m.user.email: m for m in school.memberships.select_related("user")}
    people = {}
    inviter = None
    for person in spec.people:
        email = f"{person.login}@{spec.domain}"
        membership = members.get(email)
        if membership is None:
            membership = services.membership_invite(
                school=school,
                email=email,
                full_name=person.full_name,
                role=person.role,
                teams=[teams[name] for name in person.teams],
                invited_by=inviter,
                send_invitation=False,
            )
            if not membership.user.has_usable_password():
                membership.user.set_password(PASSWORD)
                membership.user.save(update_fields=["password"])
        inviter = inviter or membership.user
        people.setdefault(person.role, membership.user)
    return people


def _visions(school, visions, people):
    """Each version drafted by the coordinator and adopted by the leader on its date."""
    if VisionVersion.objects.filter(school=school).exists():
        return
    for spec in visions:
        adopted_on = spec.adopted_on
        drafted_on = (
            adopted_on - timedelta(weeks=DRAFTED_WEEKS_BEFORE_ADOPTION)
            if adopted_on
            else timezone.localdate() - timedelta(weeks=3)
        )
        with clock.on(drafted_on, 14):
            draft = services.vision_draft_start(school=school, user=people[Role.COORDINATOR])
        with clock.on(drafted_on + timedelta(days=7), 15, 30):
            draft = services.vision_draft_update(
                version=draft,
                title=spec.title,
                statement=spec.statement,
                values=spec.values,
                user=people[Role.COORDINATOR],
            )
        if adopted_on:
            with clock.on(adopted_on, 16):
                services.vision_adopt(
                    version=draft, user=people[Role.LEADER], adopted_on=adopted_on
                )
