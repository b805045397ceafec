"""A realistic Dutch demo: one board, two primary schools, one pabo programme, people in every role.

Safe to run again: it only creates what is missing.
"""

from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from kwaliteit import hooks, reminders
from kwaliteit.models import Board, CoreValue, Membership, Role, School, Team, User, VisionVersion
from kwaliteit.permissions import BOARD, ROLE_LABELS

PASSWORD = "kwaliteit-demo"  # noqa: S105  demo only: the command refuses to run without DEBUG

SCHOOLS = [
    {
        "slug": "obs-de-regenboog",
        "name": "OBS De Regenboog",
        "sector": School.Sector.PRIMARY,
        "city": "Amersfoort",
        "domain": "regenboog.example",
        "teams": ["Onderbouw", "Middenbouw", "Bovenbouw", "Kwaliteitscel"],
        "people": [
            ("Anouk de Vries", "anouk", Role.COORDINATOR, ["Kwaliteitscel", "Middenbouw"]),
            ("Marco Jansen", "marco", Role.LEADER, ["Kwaliteitscel"]),
            ("Fatima el Amrani", "fatima", Role.TEACHER, ["Onderbouw"]),
            ("Joost Bakker", "joost", Role.TEACHER, ["Middenbouw"]),
            ("Sanne Visser", "sanne", Role.TEACHER, ["Bovenbouw", "Kwaliteitscel"]),
            ("Ruud Mulder", "ruud", Role.TEACHER, ["Bovenbouw"]),
            ("Ilse Smit", "ilse", Role.TEACHER, ["Onderbouw"]),
            ("Henk van Dijk", "henk", Role.VIEWER, []),
        ],
        "visions": [
            {
                "title": "Samen groeien, ieder op eigen kracht",
                "statement": (
                    "Op De Regenboog leren kinderen van en met elkaar. We willen dat ieder kind "
                    "ontdekt wat het kan en daar trots op is. Leerkrachten werken samen aan "
                    "onderwijs dat uitdaagt en veilig voelt."
                ),
                "values": [
                    ("Samen", "We leren van en met elkaar, kinderen en volwassenen."),
                    ("Vertrouwen", "Iedereen mag fouten maken; daar leren we van."),
                    ("Eigenaarschap", "Kinderen sturen mee op hun eigen leerdoelen."),
                ],
                "adopted_on": date(2024, 6, 20),
            },
            {
                "title": "Samen groeien, ieder op eigen kracht",
                "statement": (
                    "Op De Regenboog leren kinderen van en met elkaar. We willen dat ieder kind "
                    "ontdekt wat het kan en daar trots op is. Leerkrachten werken samen aan "
                    "onderwijs dat uitdaagt en veilig voelt, en geven elkaar feedback om "
                    "daarin steeds beter te worden."
                ),
                "values": [
                    ("Samen", "We leren van en met elkaar, kinderen en volwassenen."),
                    ("Vertrouwen", "Iedereen mag fouten maken; daar leren we van."),
                    ("Eigenaarschap", "Kinderen en leerkrachten sturen mee op hun eigen doelen."),
                    ("Nieuwsgierigheid", "We stellen vragen en zoeken samen naar antwoorden."),
                ],
                "adopted_on": date(2025, 9, 4),
            },
        ],
    },
    {
        "slug": "cbs-het-kompas",
        "name": "CBS Het Kompas",
        "sector": School.Sector.PRIMARY,
        "city": "Zwolle",
        "domain": "kompas.example",
        "teams": ["Groep 1-4", "Groep 5-8", "Werkgroep lezen"],
        "people": [
            ("Petra Hendriks", "petra", Role.COORDINATOR, ["Werkgroep lezen"]),
            ("Youssef Benali", "youssef", Role.LEADER, []),
            ("Lotte Peters", "lotte", Role.TEACHER, ["Groep 1-4", "Werkgroep lezen"]),
            ("Bram de Groot", "bram", Role.TEACHER, ["Groep 5-8"]),
            ("Eva Willems", "eva", Role.TEACHER, ["Groep 5-8", "Werkgroep lezen"]),
            ("Gerrit Bos", "gerrit", Role.VIEWER, []),
        ],
        "visions": [
            {
                "title": "Een koers voor ieder kind",
                "statement": (
                    "Het Kompas biedt kinderen richting: we werken vanuit christelijke waarden "
                    "aan goed onderwijs in taal, lezen en rekenen, en aan kinderen die "
                    "zorg dragen voor elkaar en hun omgeving."
                ),
                "values": [
                    ("Zorg voor elkaar", "We zien om naar elkaar, in de klas en daarbuiten."),
                    ("Vakmanschap", "Leerkrachten blijven leren en delen wat werkt."),
                    ("Richting", "Heldere doelen, zodat kinderen weten waar ze naartoe werken."),
                ],
                "adopted_on": date(2025, 3, 12),
            },
        ],
    },
    {
        "slug": "pabo-midden",
        "name": "Opleiding Leraar Basisonderwijs (pabo)",
        "sector": School.Sector.HIGHER,
        "city": "Utrecht",
        "domain": "pabo.example",
        "teams": ["Propedeuse", "Hoofdfase", "Opleidingscommissie", "Examencommissie"],
        "people": [
            ("Karin Verhoeven", "karin", Role.COORDINATOR, ["Opleidingscommissie"]),
            ("Dirk Claes", "dirk", Role.LEADER, []),
            ("Noor Hoekstra", "noor", Role.TEACHER, ["Propedeuse"]),
            ("Thijs van Leeuwen", "thijs", Role.TEACHER, ["Hoofdfase", "Examencommissie"]),
            ("Mila Kramer", "mila", Role.TEACHER, ["Hoofdfase"]),
            ("Wim Dekker", "wim", Role.VIEWER, ["Opleidingscommissie"]),
        ],
        "visions": [
            {
                "title": "Opleiden tot leraren die blijven leren",
                "statement": (
                    "We leiden studenten op tot startbekwame leraren die onderzoekend naar hun "
                    "eigen praktijk kijken. Kwaliteit maken we samen met studenten, "
                    "werkveld en alumni, en we verbeteren ons onderwijs cyclisch."
                ),
                "values": [
                    ("Onderzoekende houding", "We baseren keuzes op data en reflectie."),
                    ("Partnerschap", "Het werkveld en studenten denken structureel mee."),
                    ("Professionele ruimte", "Docenten geven het gedeelde kader eigen invulling."),
                ],
                "adopted_on": None,
            },
        ],
    },
]

BOARD_MEMBER = ("Johan Vermeulen", "johan@bestuur.example")


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
        board, _ = Board.objects.get_or_create(
            slug="stichting-lerend-land", defaults={"name": "Stichting Lerend Land"}
        )
        board_user = self._user(*BOARD_MEMBER)
        board.members.add(board_user)
        logins = {str(ROLE_LABELS[BOARD]): board_user.email}
        for spec in SCHOOLS:
            school, _ = School.objects.get_or_create(
                slug=spec["slug"],
                defaults={k: spec[k] for k in ("name", "sector", "city")} | {"board": board},
            )
            teams = {
                name: Team.objects.get_or_create(school=school, name=name)[0]
                for name in spec["teams"]
            }
            people = {}
            for full_name, local, role, team_names in spec["people"]:
                user = self._user(full_name, f"{local}@{spec['domain']}")
                membership, created = Membership.objects.get_or_create(
                    user=user, school=school, defaults={"role": role}
                )
                if created:
                    membership.teams.set(teams[name] for name in team_names)
                people[role] = people.get(role, user)
                if spec["slug"] == "obs-de-regenboog":
                    logins.setdefault(str(role.label), user.email)
            self._visions(school, spec["visions"], people)
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

    def _user(self, full_name, email):
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email, PASSWORD, full_name=full_name)
        return user

    def _visions(self, school, visions, people):
        if VisionVersion.objects.filter(school=school).exists():
            return
        lineages = {}  # a value of the same name in a later version is the same value
        for number, spec in enumerate(visions, start=1):
            adopted = spec["adopted_on"] is not None
            version = VisionVersion.objects.create(
                school=school,
                number=number,
                title=spec["title"],
                statement=spec["statement"],
                status="adopted" if adopted else "draft",
                adopted_on=spec["adopted_on"],
                adopted_by=people[Role.LEADER] if adopted else None,
                created_by=people[Role.COORDINATOR],
            )
            values = [
                CoreValue(vision=version, position=i, name=name, description=text)
                for i, (name, text) in enumerate(spec["values"])
            ]
            for value in values:
                value.lineage = lineages.setdefault(value.name.casefold(), value.lineage)
            CoreValue.objects.bulk_create(values)
