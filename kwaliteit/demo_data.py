"""The demo's board, schools, people and visions, as named data a coordinator can change.

The builder (`seed_demo`) adds each person and writes each vision through the services, on the
dates given here: a vision version is drafted six weeks before its adoption date and adopted on it
by the school's leader; a version without an adoption date stays a draft.
"""

from dataclasses import dataclass, field
from datetime import date

from .models import Role, School


@dataclass(frozen=True)
class Person:
    full_name: str
    login: str  # the part before @; the school's domain follows
    role: str
    teams: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Vision:
    title: str
    statement: str
    values: list[tuple[str, str]]  # (core value, what it means)
    adopted_on: date | None = None  # None: still a draft


@dataclass(frozen=True)
class DemoSchool:
    slug: str
    name: str
    sector: str
    city: str
    domain: str
    teams: list[str]
    people: list[Person]  # the first coordinator invites the others
    visions: list[Vision]  # oldest first


BOARD = {"slug": "stichting-lerend-land", "name": "Stichting Lerend Land"}
BOARD_MEMBER = Person("Johan Vermeulen", "johan", role="board")
BOARD_DOMAIN = "bestuur.example"

SCHOOLS = [
    DemoSchool(
        slug="obs-de-regenboog",
        name="OBS De Regenboog",
        sector=School.Sector.PRIMARY,
        city="Amersfoort",
        domain="regenboog.example",
        teams=["Onderbouw", "Middenbouw", "Bovenbouw", "Kwaliteitscel"],
        people=[
            Person("Anouk de Vries", "anouk", Role.COORDINATOR, ["Kwaliteitscel", "Middenbouw"]),
            Person("Marco Jansen", "marco", Role.LEADER, ["Kwaliteitscel"]),
            Person("Fatima el Amrani", "fatima", Role.TEACHER, ["Onderbouw"]),
            Person("Joost Bakker", "joost", Role.TEACHER, ["Middenbouw"]),
            Person("Sanne Visser", "sanne", Role.TEACHER, ["Bovenbouw", "Kwaliteitscel"]),
            Person("Ruud Mulder", "ruud", Role.TEACHER, ["Bovenbouw"]),
            Person("Ilse Smit", "ilse", Role.TEACHER, ["Onderbouw"]),
            Person("Henk van Dijk", "henk", Role.VIEWER),
        ],
        visions=[
            Vision(
                title="Samen groeien, ieder op eigen kracht",
                statement=(
                    "Op De Regenboog leren kinderen van en met elkaar. We willen dat ieder kind "
                    "ontdekt wat het kan en daar trots op is. Leerkrachten werken samen aan "
                    "onderwijs dat uitdaagt en veilig voelt."
                ),
                values=[
                    ("Samen", "We leren van en met elkaar, kinderen en volwassenen."),
                    ("Vertrouwen", "Iedereen mag fouten maken; daar leren we van."),
                    ("Eigenaarschap", "Kinderen sturen mee op hun eigen leerdoelen."),
                ],
                adopted_on=date(2024, 6, 20),
            ),
            Vision(
                title="Samen groeien, ieder op eigen kracht",
                statement=(
                    "Op De Regenboog leren kinderen van en met elkaar. We willen dat ieder kind "
                    "ontdekt wat het kan en daar trots op is. Leerkrachten werken samen aan "
                    "onderwijs dat uitdaagt en veilig voelt, en geven elkaar feedback om "
                    "daarin steeds beter te worden."
                ),
                values=[
                    ("Samen", "We leren van en met elkaar, kinderen en volwassenen."),
                    ("Vertrouwen", "Iedereen mag fouten maken; daar leren we van."),
                    ("Eigenaarschap", "Kinderen en leerkrachten sturen mee op hun eigen doelen."),
                    ("Nieuwsgierigheid", "We stellen vragen en zoeken samen naar antwoorden."),
                ],
                adopted_on=date(2025, 9, 4),
            ),
        ],
    ),
    DemoSchool(
        slug="cbs-het-kompas",
        name="CBS Het Kompas",
        sector=School.Sector.PRIMARY,
        city="Zwolle",
        domain="kompas.example",
        teams=["Groep 1-4", "Groep 5-8", "Werkgroep lezen"],
        people=[
            Person("Petra Hendriks", "petra", Role.COORDINATOR, ["Werkgroep lezen"]),
            Person("Youssef Benali", "youssef", Role.LEADER),
            Person("Lotte Peters", "lotte", Role.TEACHER, ["Groep 1-4", "Werkgroep lezen"]),
            Person("Bram de Groot", "bram", Role.TEACHER, ["Groep 5-8"]),
            Person("Eva Willems", "eva", Role.TEACHER, ["Groep 5-8", "Werkgroep lezen"]),
            Person("Gerrit Bos", "gerrit", Role.VIEWER),
        ],
        visions=[
            Vision(
                title="Een koers voor ieder kind",
                statement=(
                    "Het Kompas biedt kinderen richting: we werken vanuit christelijke waarden "
                    "aan goed onderwijs in taal, lezen en rekenen, en aan kinderen die "
                    "zorg dragen voor elkaar en hun omgeving."
                ),
                values=[
                    ("Zorg voor elkaar", "We zien om naar elkaar, in de klas en daarbuiten."),
                    ("Vakmanschap", "Leerkrachten blijven leren en delen wat werkt."),
                    ("Richting", "Heldere doelen, zodat kinderen weten waar ze naartoe werken."),
                ],
                adopted_on=date(2025, 3, 12),
            ),
        ],
    ),
    DemoSchool(
        slug="pabo-midden",
        name="Opleiding Leraar Basisonderwijs (pabo)",
        sector=School.Sector.HIGHER,
        city="Utrecht",
        domain="pabo.example",
        teams=["Propedeuse", "Hoofdfase", "Opleidingscommissie", "Examencommissie"],
        people=[
            Person("Karin Verhoeven", "karin", Role.COORDINATOR, ["Opleidingscommissie"]),
            Person("Dirk Claes", "dirk", Role.LEADER),
            Person("Noor Hoekstra", "noor", Role.TEACHER, ["Propedeuse"]),
            Person("Thijs van Leeuwen", "thijs", Role.TEACHER, ["Hoofdfase", "Examencommissie"]),
            Person("Mila Kramer", "mila", Role.TEACHER, ["Hoofdfase"]),
            Person("Wim Dekker", "wim", Role.VIEWER, ["Opleidingscommissie"]),
        ],
        visions=[
            Vision(
                title="Opleiden tot leraren die blijven leren",
                statement=(
                    "We leiden studenten op tot startbekwame leraren die onderzoekend naar hun "
                    "eigen praktijk kijken. Kwaliteit maken we samen met studenten, "
                    "werkveld en alumni, en we verbeteren ons onderwijs cyclisch."
                ),
                values=[
                    ("Onderzoekende houding", "We baseren keuzes op data en reflectie."),
                    ("Partnerschap", "Het werkveld en studenten denken structureel mee."),
                    (
                        "Professionele ruimte",
                        "Docenten geven het gedeelde kader eigen invulling.",
                    ),
                ],
                adopted_on=None,  # the programme is still writing it
            ),
        ],
    ),
]
