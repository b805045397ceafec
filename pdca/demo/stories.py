# ruff: noqa: E501  (demo texts read better unbroken)
"""The demo's improvement cycles as named data: per school one story for every place a cycle
can be (in Plan, Do, Check and Act, anchored, adjusted twice, stopped, started from an
indicator). `pdca.demo.build` tells each story through the services on the days it happened.

A story's evaluations go to its success criteria in order; criteria without one are evaluated
as met when the story passes its Check. An anchored story's `agreement` becomes a new agreement
on its card; a chain's `follow_up` is its second round (the third stays open).
"""

from dataclasses import dataclass, field

from ..models import Action, SuccessCriterion

PLANNED, STARTED, DONE, DROPPED = (
    Action.Status.PLANNED,
    Action.Status.STARTED,
    Action.Status.DONE,
    Action.Status.DROPPED,
)
MET, PARTLY, NOT_MET, NO_DATA = (
    SuccessCriterion.Result.MET,
    SuccessCriterion.Result.PARTLY,
    SuccessCriterion.Result.NOT_MET,
    SuccessCriterion.Result.NO_DATA,
)


@dataclass(frozen=True)
class ActionStory:
    description: str
    status: str  # where the action stands today: PLANNED, STARTED, DONE or DROPPED


@dataclass(frozen=True)
class Evaluation:
    result: str  # MET, PARTLY, NOT_MET or NO_DATA
    evidence: str = ""
    no_data_reason: str = ""  # NO_DATA only: why there is no data


@dataclass(frozen=True)
class FollowUp:
    """The second round of an adjusted cycle: what it did, found and decided."""

    actions: list[ActionStory] = field(default_factory=list)
    evaluations: list[Evaluation] = field(default_factory=list)
    conclusion: str = ""
    decision: str = ""


@dataclass(frozen=True)
class Due:
    """When each phase is due, in days from the day the demo is built (negative: in the past).
    A phase is completed two days before it is due; the Act's due day is the goal's date."""

    plan: int
    do: int
    check: int
    act: int


# Where each story stands today.
SCHEDULE = {
    "plan": Due(5, 90, 150, 180),  # its Plan due within a week: "due soon" for its owner
    "do": Due(-40, 45, 100, 130),  # in Do, owned by a teacher: "my cycles"
    "check": Due(-120, -50, -12, 30),  # in Check, overdue: the Check was due twelve days ago
    "act": Due(-150, -90, -40, -7),  # in Act, overdue: the decision was due a week ago
    "anchored": Due(-200, -120, -60, -20),  # decided: a new agreement on the card
    "chain": [  # adjusted twice: two closed rounds and an open third one
        Due(-420, -330, -270, -250),
        Due(-220, -150, -90, -70),
        Due(14, 120, 180, 200),
    ],
    "stopped": Due(-300, -240, -180, -160),
    "indicator": Due(-30, 60, 120, 150),  # in Do, started from an indicator that asks for action
}
CHAIN_ROUND_TITLES = ["{title}: tweede ronde", "{title}: derde ronde"]


@dataclass(frozen=True)
class CycleStory:
    title: str
    card: str | None  # the title of the kwaliteitskaart it works on
    goal_what: str
    goal_measure: str
    reason: str
    criteria: list[str]
    actions: list[ActionStory] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # progress notes in the Do
    evaluations: list[Evaluation] = field(default_factory=list)
    conclusion: str = "Doel bereikt."  # the Check's conclusion
    decision: str = ""  # the Act's note
    agreement: str = ""  # anchored: the new agreement on the card
    follow_up: FollowUp | None = None  # adjusted: the second round


PRIMARY = {
    "plan": CycleStory(
        title="Ouderbetrokkenheid: gesprekken met het kind erbij",
        card="Ouderbetrokkenheid",
        goal_what="Ouders en kinderen voeren samen met de leerkracht het voortgangsgesprek.",
        goal_measure="In alle groepen 5 t/m 8 is bij 90% van de gesprekken het kind aanwezig.",
        reason="In de oudertevredenheidspeiling gaven ouders aan dat ze hun kind in de gesprekken missen.",
        criteria=[
            "90% van de voortgangsgesprekken in groep 5–8 met het kind erbij",
            "Ouders geven het gesprek gemiddeld minstens een 7,5",
        ],
    ),
    "do": CycleStory(
        title="Rekenen: automatiseren tafels",
        card="Rekenen: automatiseren",
        goal_what="Leerlingen van groep 4 en 5 kennen de tafels van 1 tot en met 10 vlot.",
        goal_measure="85% haalt de tempotoets tafels (binnen 3 seconden per som).",
        reason="De tempotoets van januari liet zien dat maar 62% van groep 5 de tafels vlot kent.",
        criteria=[
            "85% van groep 4 en 5 haalt de tempotoets tafels",
            "Elke groep oefent dagelijks tien minuten op niveau",
        ],
        actions=[
            ActionStory("Tafelkaartjes en oefenapp kiezen met de rekencoördinator", DONE),
            ActionStory("Dagelijks tien minuten tafels oefenen in groep 4 en 5", STARTED),
            ActionStory("Ouders informeren hoe ze thuis kunnen oefenen", PLANNED),
        ],
        notes=[
            "Eerste twee weken gaan goed; na de pauze is het tijdstip het makkelijkst vol te houden.",
            "Groep 5B gebruikt de app, 5A de kaartjes: we vergelijken in de bouwvergadering.",
        ],
    ),
    "check": CycleStory(
        title="Pestprotocol en sociale veiligheid",
        card="Pedagogisch klimaat",
        goal_what="Leerlingen weten bij wie ze terechtkunnen en voelen zich veilig op het plein.",
        goal_measure="In de veiligheidsmonitor scoort 'ik voel me veilig op het plein' minstens 3,4.",
        reason="Meer meldingen van pesten op het plein in het najaar; het protocol was niet bij iedereen bekend.",
        criteria=[
            "Veiligheidsmonitor: veilig op het plein minstens 3,4",
            "Elke groep heeft het pestprotocol besproken",
        ],
        actions=[
            ActionStory("Pestprotocol bespreken in elke groep", DONE),
            ActionStory("Pleinwacht met vaste aanspreekpunten", DONE),
        ],
        notes=["Alle groepen hebben het protocol besproken; groep 7 maakte er een poster van."],
        evaluations=[
            Evaluation(
                PARTLY,
                evidence="De monitor gaf 3,3: beter dan vorig jaar (3,1), nog net onder de 3,4.",
            )
        ],
    ),
    "act": CycleStory(
        title="Zelfstandig werken met de weektaak",
        card="Zelfstandig werken",
        goal_what="Kinderen in de bovenbouw plannen hun weektaak zelf en evalueren die op vrijdag.",
        goal_measure="In 80% van de groepen evalueren kinderen elke vrijdag hun planning.",
        reason="Klassenbezoeken lieten zien dat de weektaak vooral door de leerkracht wordt ingevuld.",
        criteria=["80% van de groepen evalueert elke vrijdag de planning"],
        actions=[ActionStory("Format weektaak met evaluatievragen maken", DONE)],
        evaluations=[
            Evaluation(
                MET,
                evidence="In 5 van de 6 bovenbouwgroepen gebeurt het elke week (klassenbezoeken april).",
            )
        ],
        conclusion="Het werkt: kinderen plannen zelf. Nu vastleggen, zodat het ook na de zomer blijft.",
    ),
    "anchored": CycleStory(
        title="Feedback met exit-tickets",
        card="Feedback in de klas",
        goal_what="Elke les eindigt met een check op het lesdoel, zodat de leerkracht weet wie extra uitleg nodig heeft.",
        goal_measure="In 9 van de 10 bezochte lessen een check op het lesdoel.",
        reason="Uit de zelfevaluatie bleek dat lessen vaak eindigen zonder te weten wie het lesdoel haalde.",
        criteria=[
            "In 9 van de 10 bezochte lessen een check op het lesdoel",
            "Leerkrachten passen de volgende les aan op wat de check liet zien",
        ],
        actions=[
            ActionStory("Studiemiddag over exit-tickets en wisbordjes", DONE),
            ActionStory("Klassenbezoeken met kijkwijzer in alle groepen", DONE),
            ActionStory("Voorbeelden delen in de bouwvergadering", DROPPED),
        ],
        notes=["Na de studiemiddag direct in alle groepen gestart; wisbordjes zijn favoriet."],
        evaluations=[
            Evaluation(MET, evidence="In 19 van de 20 bezochte lessen een check op het lesdoel."),
            Evaluation(
                PARTLY,
                evidence="In de helft van de nagesprekken kon de leerkracht een aanpassing noemen.",
            ),
        ],
        conclusion="Het exit-ticket is gewoonte geworden. Het aanpassen van de volgende les vraagt nog aandacht.",
        decision="Borgen als afspraak op de kaart Feedback in de klas; elk kwartaal opvolgen.",
        agreement="Elke les sluit af met een exit-ticket of wisbordjes-check op het lesdoel",
    ),
    "chain": CycleStory(
        title="Begrijpend lezen groep 6–8",
        card="Begrijpend lezen",
        goal_what="Leerlingen van groep 6 tot en met 8 passen leesstrategieën zelfstandig toe.",
        goal_measure="Het percentage op niveau begrijpend lezen stijgt naar 70%.",
        reason="Begrijpend lezen daalt drie metingen op rij en zit in groep 6 onder de norm.",
        criteria=["70% op niveau bij begrijpend lezen in groep 6–8"],
        actions=[ActionStory("Dagelijks hardop voordoen van een leesstrategie", DONE)],
        evaluations=[Evaluation(NOT_MET, evidence="De meting kwam uit op 64%: geen stijging.")],
        conclusion="Hardop voordoen gebeurt, maar teksten sluiten slecht aan bij de wereldoriëntatie. Bijstellen.",
        decision="Bijstellen: teksten uit de wereldoriëntatie halen en in groep 6 extra begeleid lezen.",
        follow_up=FollowUp(
            actions=[ActionStory("Teksten koppelen aan de thema's van wereldoriëntatie", DONE)],
            evaluations=[
                Evaluation(
                    NO_DATA,
                    no_data_reason="De meting van juni is door ziekte van de IB'er niet afgenomen.",
                )
            ],
            conclusion="Zonder meting weten we niet of het werkt; de aanpak houden we vast, met een nieuwe meetmoment.",
            decision="Nogmaals bijstellen: meetmoment vastleggen en groep 8 erbij betrekken.",
        ),
    ),
    "stopped": CycleStory(
        title="Huiswerkbeleid bovenbouw",
        card=None,
        goal_what="Eén huiswerkbeleid voor groep 6 tot en met 8.",
        goal_measure="Het beleid is vastgesteld en met ouders gedeeld.",
        reason="Ouders vroegen om duidelijkheid over de hoeveelheid huiswerk.",
        criteria=["Het beleid is vastgesteld en met ouders gedeeld"],
        actions=[ActionStory("Inventarisatie huiswerk per groep", DONE)],
        evaluations=[
            Evaluation(
                NOT_MET,
                evidence="Het team vond geen overeenstemming; de inventarisatie is wel gedaan.",
            )
        ],
        conclusion="Het onderwerp vraagt een schoolbrede visie op leren thuis; dat past niet in dit traject.",
        decision="Gestopt: het onderwerp komt terug in het nieuwe schoolplan; eerst begrijpend lezen afronden.",
    ),
    "indicator": CycleStory(
        title="Terug boven de norm: {indicator}",
        card="Begrijpend lezen",
        goal_what="De groepen onder de norm komen er weer boven.",
        goal_measure="Bij de volgende meting haalt elke groep minstens de norm.",
        reason="Het dataplan vraagt om actie: bij de laatste meting zaten groepen onder de norm.",
        criteria=[],
        actions=[
            ActionStory("Analyse van de toets per groep met de IB'er", DONE),
            ActionStory("Extra instructiegroep voor de leerlingen onder niveau", STARTED),
        ],
        notes=["De analyse laat zien dat vooral de woordenschat achterblijft."],
    ),
}

# The indicators the "indicator" story fits, best first (another one that asks for action is
# taken when none of these does; the story then names no card).
PREFERRED_PRIMARY = ["Begrijpend lezen op niveau", "Referentieniveau 2F/1S lezen eind groep 8"]

HIGHER = {
    "plan": CycleStory(
        title="Werkveld betrekken bij het curriculum",
        card="Samenwerking met het werkveld",
        goal_what="Opleidingsscholen denken structureel mee over de inhoud van het curriculum.",
        goal_measure="Twee werkveldoverleggen per jaar, met een zichtbaar besluit in de opleidingscommissie.",
        reason="De visitatie vroeg om meer zichtbare invloed van het werkveld.",
        criteria=[
            "Twee werkveldoverleggen per studiejaar",
            "Elk overleg leidt tot een besluit in de opleidingscommissie",
        ],
    ),
    "do": CycleStory(
        title="Afstudeerbegeleiding",
        card="Onderzoekend vermogen",
        goal_what="Afstudeerders krijgen tijdige en eenduidige begeleiding bij hun praktijkonderzoek.",
        goal_measure="90% van de afstudeerders rondt het onderzoek binnen de geplande periode af.",
        reason="Vorig jaar liep een kwart van de afstudeerders vertraging op bij het praktijkonderzoek.",
        criteria=[
            "90% rondt het praktijkonderzoek op tijd af",
            "Afstudeerders geven de begeleiding minstens een 7",
        ],
        actions=[
            ActionStory("Vaste begeleidingsmomenten in de jaarplanning", DONE),
            ActionStory("Kalibratie van begeleiders op de beoordelingscriteria", STARTED),
            ActionStory("Tussentijdse peiling onder afstudeerders", PLANNED),
        ],
        notes=[
            "De vaste momenten staan in de planning; begeleiders zijn positief over de structuur."
        ],
    ),
    "check": CycleStory(
        title="Toetsmatrijzen op orde",
        card="Toetsing en beoordeling",
        goal_what="Elke toets in de propedeuse heeft een actuele toetsmatrijs.",
        goal_measure="100% van de toetsen heeft een matrijs die door de toetscommissie is gezien.",
        reason="De examencommissie trof bij een steekproef toetsen zonder matrijs aan.",
        criteria=["Elke propedeusetoets heeft een door de toetscommissie geziene matrijs"],
        actions=[ActionStory("Matrijzen verzamelen en laten screenen", DONE)],
        evaluations=[],
    ),
    "act": CycleStory(
        title="Studiebegeleiding eerstejaars",
        card="Studiebegeleiding",
        goal_what="Elke eerstejaars spreekt voor de herfstvakantie de studieloopbaanbegeleider.",
        goal_measure="95% van de eerstejaars heeft dat gesprek gehad.",
        reason="Studenten die in het eerste jaar uitvielen, hadden vaak geen begeleider gesproken.",
        criteria=["95% van de eerstejaars gesproken voor de herfstvakantie"],
        actions=[ActionStory("Gesprekken inplannen in de introductieweek", DONE)],
        evaluations=[Evaluation(MET, evidence="97% had het gesprek voor de herfstvakantie.")],
        conclusion="Het doel is gehaald; de vraag is hoe we dit vasthouden met minder begeleiders.",
    ),
    "anchored": CycleStory(
        title="Feedback op stageverslagen binnen tien werkdagen",
        card="Feedback op stageverslagen",
        goal_what="Studenten krijgen op tijd feedback op hun stageverslag.",
        goal_measure="95% van de verslagen krijgt binnen tien werkdagen feedback.",
        reason="In de NSE scoorde 'tijdige feedback' het laagst van alle items.",
        criteria=["95% van de verslagen binnen tien werkdagen van feedback voorzien"],
        actions=[
            ActionStory("Inleverdata spreiden over de stageperiode", DONE),
            ActionStory("Feedbackformulier met vervolgpunt invoeren", DONE),
        ],
        notes=["Door de spreiding geen piek meer in week 10."],
        evaluations=[Evaluation(MET, evidence="96% kreeg binnen tien werkdagen feedback.")],
        conclusion="De spreiding van inleverdata werkt; vastleggen.",
        decision="Borgen: spreiding van inleverdata wordt een vaste afspraak op de kaart.",
        agreement="Inleverdata van stageverslagen zijn gespreid over de stageperiode",
    ),
    "chain": CycleStory(
        title="Kalibratie beoordeling eindwerken",
        card="Toetsing en beoordeling",
        goal_what="Examinatoren beoordelen eindwerken even streng.",
        goal_measure="90% overeenstemming tussen eerste en tweede beoordelaar.",
        reason="De overeenstemming tussen beoordelaars was 78%.",
        criteria=["90% overeenstemming tussen beoordelaars"],
        actions=[ActionStory("Kalibratiesessie met voorbeeldwerken", DONE)],
        evaluations=[Evaluation(PARTLY, evidence="De overeenstemming steeg naar 84%.")],
        conclusion="Vooruitgang, maar nog niet op 90%. De criteria voor 'goed' zijn niet eenduidig.",
        decision="Bijstellen: beoordelingscriteria aanscherpen met ankerpunten.",
        follow_up=FollowUp(
            actions=[ActionStory("Ankerpunten per criterium beschrijven", DONE)],
            evaluations=[Evaluation(PARTLY, evidence="87% overeenstemming.")],
            conclusion="Nog een stap nodig: nieuwe examinatoren kalibreren apart.",
            decision="Bijstellen: inwerktraject voor nieuwe examinatoren toevoegen.",
        ),
    ),
    "stopped": CycleStory(
        title="Digitaal portfolio in jaar 2",
        card=None,
        goal_what="Studenten houden in jaar 2 een digitaal portfolio bij.",
        goal_measure="Alle tweedejaars werken in het nieuwe portfolio.",
        reason="Wens van de opleidingscommissie.",
        criteria=["Alle tweedejaars werken in het digitale portfolio"],
        actions=[ActionStory("Pilot met twee klassen", DONE)],
        evaluations=[
            Evaluation(NOT_MET, evidence="De pilot liep vast op de koppeling met het rooster.")
        ],
        conclusion="De hogeschool kiest volgend jaar een nieuw systeem; verder gaan heeft geen zin.",
        decision="Gestopt: we wachten op de keuze van de hogeschool voor een nieuw portfoliosysteem.",
    ),
    "indicator": CycleStory(
        title="Studiesucces jaar 1",
        card="Studiebegeleiding",
        goal_what="Minder studenten vallen uit in het eerste jaar.",
        goal_measure="De uitval in jaar 1 komt onder de norm.",
        reason="Het dataplan vraagt om actie: de uitval in het eerste jaar ligt boven de norm.",
        criteria=["Elke uitvaller heeft vooraf een gesprek met de begeleider gehad"],
        actions=[
            ActionStory("Uitvalanalyse met exitgesprekken", DONE),
            ActionStory("Mentoraat in de eerste tien weken versterken", STARTED),
        ],
        notes=["Exitgesprekken wijzen vooral op een verkeerd beeld van de stage in jaar 1."],
    ),
}

PREFERRED_HIGHER = ["Uitval eerste jaar", "Rendement propedeuse"]
