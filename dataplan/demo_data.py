"""The demo's dataplans as named data: what each indicator asks and how its values run.

Each indicator is measured on its collection months for three school years; a value starts at
`first_value` and moves `change_per_moment` per collection moment (groups differ a little around
it). Change a story here; `dataplan.demo` builds it through the services.
"""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class IndicatorStory:
    name: str
    question: str
    source: str  # Indicator.Source: test, survey, registration, observation, external
    kind: str  # Indicator.Kind: percentage, score, count
    unit: str
    norm: int | Decimal
    target: int | Decimal
    higher_is_better: bool
    level: str  # the groups it is measured for: year, class, team, programme, school
    collection_months: list[int]
    first_value: int | Decimal  # the value at the first moment, three school years ago
    change_per_moment: float  # the trend: how much the value moves each moment


# The decision the coordinator records for most indicators, this month.
DECISION = "Besproken in de kwaliteitscel: aanpak in de bouwvergadering afgestemd."
ACTION_WHEN_MISSED = "Bespreken in de kwaliteitscel; zo nodig een verbetertraject starten."
EXAM_WEEK_NOTE = "Afname in een drukke week (toetsweek)."
NEW_SUBJECT_NOTE = "Nieuw, pittig vak in jaar 1: lagere tevredenheid zegt weinig over de kwaliteit."

# The latest collection moment of these indicators that ended in this school year was not
# collected: the start page, the dashboard and the reminders show a missed moment.
NOT_COLLECTED = {"Welbevinden leerlingen", "Uitval eerste jaar"}

PRIMARY = [
    IndicatorStory(
        name="Technisch lezen (DMT) op niveau",
        question="Lezen onze leerlingen vlot genoeg om te kunnen begrijpend lezen?",
        source="test",
        kind="percentage",
        unit="%",
        norm=75,
        target=85,
        higher_is_better=True,
        level="year",
        collection_months=[1, 6],
        first_value=74,
        change_per_moment=1.5,
    ),
    IndicatorStory(
        name="Begrijpend lezen op niveau",
        question="Begrijpen onze leerlingen wat ze lezen?",
        source="test",
        kind="percentage",
        unit="%",
        norm=65,
        target=75,
        higher_is_better=True,
        level="year",
        collection_months=[1, 6],
        first_value=66,
        change_per_moment=-1.0,
    ),
    IndicatorStory(
        name="Rekenen-wiskunde op niveau",
        question="Beheersen onze leerlingen de rekenvaardigheden voor hun jaargroep?",
        source="test",
        kind="percentage",
        unit="%",
        norm=70,
        target=80,
        higher_is_better=True,
        level="year",
        collection_months=[1, 6],
        first_value=72,
        change_per_moment=0.5,
    ),
    IndicatorStory(
        name="Welbevinden leerlingen",
        question="Voelen onze leerlingen zich veilig en thuis op school?",
        source="survey",
        kind="score",
        unit="",
        norm=Decimal("3.2"),
        target=Decimal("3.5"),
        higher_is_better=True,
        level="class",
        collection_months=[11, 4],
        first_value=Decimal("3.3"),
        change_per_moment=0.02,
    ),
    IndicatorStory(
        name="Ongeoorloofd verzuim",
        question="Komen leerlingen zonder geldige reden niet naar school?",
        source="registration",
        kind="count",
        unit="meldingen",
        norm=4,
        target=2,
        higher_is_better=False,
        level="school",
        collection_months=[12, 3, 7],
        first_value=4,
        change_per_moment=-0.3,
    ),
    IndicatorStory(
        name="Referentieniveau 1F lezen eind groep 8",
        question="Halen onze schoolverlaters het fundamentele niveau lezen?",
        source="external",
        kind="percentage",
        unit="%",
        norm=95,
        target=98,
        higher_is_better=True,
        level="school",
        collection_months=[6],
        first_value=96,
        change_per_moment=0.3,
    ),
    IndicatorStory(
        name="Referentieniveau 2F/1S lezen eind groep 8",
        question="Halen genoeg schoolverlaters het streefniveau lezen?",
        source="external",
        kind="percentage",
        unit="%",
        norm=55,
        target=65,
        higher_is_better=True,
        level="school",
        collection_months=[6],
        first_value=52,
        change_per_moment=1.0,
    ),
    IndicatorStory(
        name="Tevredenheid ouders",
        question="Voelen ouders zich gehoord en geïnformeerd?",
        source="survey",
        kind="score",
        unit="",
        norm=Decimal("7"),
        target=Decimal("7.5"),
        higher_is_better=True,
        level="school",
        collection_months=[3],
        first_value=Decimal("7.2"),
        change_per_moment=0.1,
    ),
    IndicatorStory(
        name="Klassenbezoeken met feedback",
        question="Krijgt elke leerkracht feedback op de afspraken uit de kwaliteitskaarten?",
        source="observation",
        kind="count",
        unit="bezoeken",
        norm=2,
        target=3,
        higher_is_better=True,
        level="team",
        collection_months=[12, 5],
        first_value=2,
        change_per_moment=0.2,
    ),
    IndicatorStory(
        name="Doorstroom naar vervolgonderwijs volgens advies",
        question="Past ons schooladvies bij waar leerlingen na een jaar staan?",
        source="external",
        kind="percentage",
        unit="%",
        norm=85,
        target=90,
        higher_is_better=True,
        level="school",
        collection_months=[10],
        first_value=88,
        change_per_moment=-0.5,
    ),
]

HIGHER = [
    IndicatorStory(
        name="Studenttevredenheid (NSE) opleiding",
        question="Hoe tevreden zijn studenten over de opleiding als geheel?",
        source="survey",
        kind="score",
        unit="",
        norm=Decimal("3.5"),
        target=Decimal("3.8"),
        higher_is_better=True,
        level="programme",
        collection_months=[3],
        first_value=Decimal("3.6"),
        change_per_moment=-0.05,
    ),
    IndicatorStory(
        name="Rendement propedeuse",
        question="Haalt een student de propedeuse binnen een jaar?",
        source="registration",
        kind="percentage",
        unit="%",
        norm=60,
        target=70,
        higher_is_better=True,
        level="year",
        collection_months=[9],
        first_value=62,
        change_per_moment=0.5,
    ),
    IndicatorStory(
        name="Uitval eerste jaar",
        question="Hoeveel studenten stoppen in het eerste jaar?",
        source="registration",
        kind="percentage",
        unit="%",
        norm=25,
        target=18,
        higher_is_better=False,
        level="year",
        collection_months=[9, 2],
        first_value=24,
        change_per_moment=0.8,
    ),
    IndicatorStory(
        name="Diplomarendement na vijf jaar",
        question="Studeren studenten binnen redelijke tijd af?",
        source="registration",
        kind="percentage",
        unit="%",
        norm=65,
        target=75,
        higher_is_better=True,
        level="programme",
        collection_months=[10],
        first_value=67,
        change_per_moment=0.2,
    ),
    IndicatorStory(
        name="Kwaliteit beoordeling eindwerken (kalibratie)",
        question="Beoordelen examinatoren eindwerken even streng?",
        source="observation",
        kind="percentage",
        unit="% overeenstemming",
        norm=80,
        target=90,
        higher_is_better=True,
        level="programme",
        collection_months=[7],
        first_value=82,
        change_per_moment=0.5,
    ),
    IndicatorStory(
        name="Tevredenheid werkveld over afgestudeerden",
        question="Zijn scholen tevreden over onze startende leraren?",
        source="survey",
        kind="score",
        unit="",
        norm=Decimal("7"),
        target=Decimal("7.5"),
        higher_is_better=True,
        level="programme",
        collection_months=[5],
        first_value=Decimal("7.3"),
        change_per_moment=0.0,
    ),
    IndicatorStory(
        name="Studenten in opleidingscommissie gehoord",
        question="Worden evaluatieresultaten besproken met studenten?",
        source="registration",
        kind="count",
        unit="overleggen",
        norm=4,
        target=6,
        higher_is_better=True,
        level="programme",
        collection_months=[12, 4, 7],
        first_value=4,
        change_per_moment=0.3,
    ),
    IndicatorStory(
        name="Feedback op stage binnen twee weken",
        question="Krijgen studenten op tijd feedback op hun stageverslag?",
        source="registration",
        kind="percentage",
        unit="%",
        norm=80,
        target=95,
        higher_is_better=True,
        level="year",
        collection_months=[1, 6],
        first_value=78,
        change_per_moment=1.0,
    ),
    IndicatorStory(
        name="Toetsen met toetsmatrijs",
        question="Is elke toets gebaseerd op een toetsmatrijs?",
        source="registration",
        kind="percentage",
        unit="%",
        norm=90,
        target=100,
        higher_is_better=True,
        level="programme",
        collection_months=[2],
        first_value=92,
        change_per_moment=1.0,
    ),
]

# The groups per level (names as the school uses them).
GROUPS = {
    "year": ["Groep 3", "Groep 4", "Groep 5", "Groep 6", "Groep 7", "Groep 8"],
    "class": ["3A", "3B", "5A", "5B", "7A", "8A"],
    "team": ["Onderbouw", "Middenbouw", "Bovenbouw"],
    "programme": ["Voltijd", "Deeltijd"],
    "school": [""],
}
HE_GROUPS = {**GROUPS, "year": ["Jaar 1", "Jaar 2", "Jaar 3", "Jaar 4"]}
