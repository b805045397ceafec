# ruff: noqa: E501  (demo texts read better unbroken)
"""The demo's kwaliteitskaarten as named data: per card its why, shared core, room for own
accents and agreements. `kwaliteitskaarten.demo` builds them through the services.

In each school the fifth card is under review (a new draft with a sharper core) and the sixth is
still a concept; the others are adopted.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class CardStory:
    title: str
    why: str
    core: str  # what good looks like: the shared core
    autonomy: str  # room for own accents
    agreements: list[str]


HOW_WE_SEE_IT = "We zien het in klassenbezoeken en in de metingen van het dataplan."
REVIEW_SHARPENS_CORE = " Elke maand bespreken we één voorbeeld."
CHECK_NOTES = ["", "", "Nog niet in alle groepen", "Besproken in de bouw"]
REFLECTIONS = [
    "Vandaag met wisbordjes gewerkt: ik zag meteen wie het lesdoel nog niet had.",
    "In mijn groep lukt het nog niet elke dag; na de pauze schiet het erbij in.",
    "Collega's tip geprobeerd, werkt goed bij de stille leerlingen.",
]
APPRECIATION = "Mooi hoe je de afspraak zichtbaar maakt in je klas: ik heb het overgenomen."
# Two rounds of self-assessment: (name, opens so many days ago, open for so many days)
PERIODS = [("Zelfevaluatie voorjaar", 240, 14), ("Zelfevaluatie najaar", 40, 14)]

PRIMARY = [
    CardStory(
        title="Feedback in de klas",
        why="Leerlingen leren het meest van feedback die ze direct kunnen gebruiken.",
        core="Elke les sluit af met een korte check op het lesdoel; leerlingen krijgen feedback op wat ze al kunnen en wat de volgende stap is.",
        autonomy="De vorm kies je zelf: exit-ticket, wisbordjes, duimen of een korte schrijfopdracht.",
        agreements=[
            "Elke les eindigt met een check op het lesdoel",
            "Feedback gaat over de taak, niet over de persoon",
        ],
    ),
    CardStory(
        title="Begrijpend lezen",
        why="Lezen opent de wereld; wie begrijpt wat hij leest, kan overal aan meedoen.",
        core="Dagelijks 20 minuten lezen met een leesdoel; strategieën worden hardop voorgedaan en teksten komen uit de wereldoriëntatie.",
        autonomy="Welke teksten en werkvormen je kiest, bepaal je met je bouw.",
        agreements=[
            "Elke dag twintig minuten lezen met een leesdoel",
            "Eén keer per week hardop voordoen van een leesstrategie",
        ],
    ),
    CardStory(
        title="Pedagogisch klimaat",
        why="Kinderen leren alleen als ze zich veilig en gezien voelen.",
        core="Iedere leerkracht begroet elk kind bij de deur, de klassenregels zijn samen opgesteld en hangen zichtbaar, conflicten worden dezelfde dag besproken.",
        autonomy="Hoe je de groepsvorming in de eerste weken aanpakt, kies je zelf.",
        agreements=[
            "Elke ochtend begroeten we elk kind bij de deur",
            "Conflicten bespreken we dezelfde dag",
        ],
    ),
    CardStory(
        title="Rekenen: automatiseren",
        why="Vlot rekenen geeft ruimte om na te denken over het probleem.",
        core="Dagelijks tien minuten automatiseren op het eigen niveau; de voortgang is voor kind en leerkracht zichtbaar.",
        autonomy="Spelvormen, apps of kaartjes: de werkvorm is vrij.",
        agreements=["Elke dag tien minuten automatiseren op niveau"],
    ),
    CardStory(
        title="Zelfstandig werken",
        why="Eigenaarschap groeit als kinderen zelf keuzes leren maken.",
        core="Er is een vaste taakbrief of weektaak, kinderen plannen zelf en evalueren hun planning aan het eind van de week.",
        autonomy="Hoeveel keuzeruimte je geeft, stem je af op je groep.",
        agreements=["Elke vrijdag evalueren kinderen hun eigen planning"],
    ),
    CardStory(
        title="Ouderbetrokkenheid",
        why="Samen met ouders bereiken we meer dan alleen.",
        core="Ouders krijgen drie keer per jaar een gesprek met hun kind erbij; we reageren binnen twee werkdagen op berichten.",
        autonomy="Aanvullende contactmomenten plan je zelf.",
        agreements=["We reageren binnen twee werkdagen op ouders"],
    ),
]

HIGHER = [
    CardStory(
        title="Feedback op stageverslagen",
        why="Studenten leren van feedback die op tijd komt en vooruit kijkt.",
        core="Elk stageverslag krijgt binnen tien werkdagen feedback aan de hand van de beoordelingscriteria, met minstens één concreet vervolgpunt.",
        autonomy="Schriftelijk, mondeling of als video: de vorm kies je zelf.",
        agreements=["Feedback binnen tien werkdagen", "Elke feedback eindigt met een vervolgpunt"],
    ),
    CardStory(
        title="Toetsing en beoordeling",
        why="Een diploma moet iets zeggen over wat een student kan.",
        core="Elke toets heeft een toetsmatrijs; eindwerken worden door twee examinatoren beoordeeld en jaarlijks gekalibreerd.",
        autonomy="Toetsvormen binnen de kaders van het toetsplan kies je als docententeam.",
        agreements=["Elke toets heeft een toetsmatrijs", "Jaarlijkse kalibratiesessie eindwerken"],
    ),
    CardStory(
        title="Onderzoekend vermogen",
        why="Leraren die onderzoekend kijken, blijven beter worden.",
        core="In elk studiejaar doen studenten een praktijkonderzoek met een vraag uit de stageschool.",
        autonomy="Onderwerp en methode kiezen student en stageschool samen.",
        agreements=["Elke onderzoeksvraag komt uit de stageschool"],
    ),
    CardStory(
        title="Studiebegeleiding",
        why="Studenten die zich gezien voelen, vallen minder vaak uit.",
        core="Elke eerstejaars heeft vóór de herfstvakantie een gesprek met de studieloopbaanbegeleider.",
        autonomy="Verdere gesprekken plan je met je student.",
        agreements=["Gesprek met elke eerstejaars voor de herfstvakantie"],
    ),
    CardStory(
        title="Samenwerking met het werkveld",
        why="Opleiden doen we samen met de scholen.",
        core="Het werkveld denkt twee keer per jaar mee over het curriculum; opmerkingen komen terug in de opleidingscommissie.",
        autonomy="Welke scholen je betrekt, bepaalt het team.",
        agreements=["Twee keer per jaar werkveldoverleg"],
    ),
    CardStory(
        title="Professionele ruimte docenten",
        why="Een gedeeld kader met ruimte voor eigen vakmanschap.",
        core="Elk onderwijsteam legt jaarlijks vast wat gedeeld is en waar docenten eigen keuzes maken.",
        autonomy="Invulling per team.",
        agreements=["Jaarlijks teamgesprek over het gedeelde kader"],
    ),
]
