# ruff: noqa: E501  (demo texts read better unbroken)
"""Demo improvement cycles: per school cycles in every phase, an overdue Check and Act, a chain of
adjusted cycles, an anchored agreement, a stopped cycle and one started from an indicator.

Everything goes through pdca.services, so the cycles are valid and have their history. Safe to
run again: a school that has cycles is left alone.
"""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone, translation

from dataplan import selectors as dataplan_selectors
from dataplan.status import ACTION
from kwaliteit import audit
from kwaliteit.models import AuditEvent, Role
from kwaliteitskaarten.models import Kwaliteitskaart

from . import services
from .models import Action, Cycle, Phase, ProgressNote, SuccessCriterion

Kind = Phase.Kind
Result = SuccessCriterion.Result

# Each spec: title, card title (or None), goal (what, how much), reason, criteria,
# actions (description, status), notes, and the Check's evaluations, conclusion and decision note.
PRIMARY = {
    "plan": {
        "title": "Ouderbetrokkenheid: gesprekken met het kind erbij",
        "card": "Ouderbetrokkenheid",
        "goal": (
            "Ouders en kinderen voeren samen met de leerkracht het voortgangsgesprek.",
            "In alle groepen 5 t/m 8 is bij 90% van de gesprekken het kind aanwezig.",
        ),
        "reason": "In de oudertevredenheidspeiling gaven ouders aan dat ze hun kind in de gesprekken missen.",
        "criteria": [
            "90% van de voortgangsgesprekken in groep 5–8 met het kind erbij",
            "Ouders geven het gesprek gemiddeld minstens een 7,5",
        ],
    },
    "do": {
        "title": "Rekenen: automatiseren tafels",
        "card": "Rekenen: automatiseren",
        "goal": (
            "Leerlingen van groep 4 en 5 kennen de tafels van 1 tot en met 10 vlot.",
            "85% haalt de tempotoets tafels (binnen 3 seconden per som).",
        ),
        "reason": "De tempotoets van januari liet zien dat maar 62% van groep 5 de tafels vlot kent.",
        "criteria": [
            "85% van groep 4 en 5 haalt de tempotoets tafels",
            "Elke groep oefent dagelijks tien minuten op niveau",
        ],
        "actions": [
            ("Tafelkaartjes en oefenapp kiezen met de rekencoördinator", Action.Status.DONE),
            ("Dagelijks tien minuten tafels oefenen in groep 4 en 5", Action.Status.STARTED),
            ("Ouders informeren hoe ze thuis kunnen oefenen", Action.Status.PLANNED),
        ],
        "notes": [
            "Eerste twee weken gaan goed; na de pauze is het tijdstip het makkelijkst vol te houden.",
            "Groep 5B gebruikt de app, 5A de kaartjes: we vergelijken in de bouwvergadering.",
        ],
    },
    "check": {
        "title": "Pestprotocol en sociale veiligheid",
        "card": "Pedagogisch klimaat",
        "goal": (
            "Leerlingen weten bij wie ze terechtkunnen en voelen zich veilig op het plein.",
            "In de veiligheidsmonitor scoort 'ik voel me veilig op het plein' minstens 3,4.",
        ),
        "reason": "Meer meldingen van pesten op het plein in het najaar; het protocol was niet bij iedereen bekend.",
        "criteria": [
            "Veiligheidsmonitor: veilig op het plein minstens 3,4",
            "Elke groep heeft het pestprotocol besproken",
        ],
        "actions": [
            ("Pestprotocol bespreken in elke groep", Action.Status.DONE),
            ("Pleinwacht met vaste aanspreekpunten", Action.Status.DONE),
        ],
        "notes": ["Alle groepen hebben het protocol besproken; groep 7 maakte er een poster van."],
        "evaluations": [
            (
                Result.PARTLY,
                "De monitor gaf 3,3: beter dan vorig jaar (3,1), nog net onder de 3,4.",
                "",
            ),
        ],
    },
    "act": {
        "title": "Zelfstandig werken met de weektaak",
        "card": "Zelfstandig werken",
        "goal": (
            "Kinderen in de bovenbouw plannen hun weektaak zelf en evalueren die op vrijdag.",
            "In 80% van de groepen evalueren kinderen elke vrijdag hun planning.",
        ),
        "reason": "Klassenbezoeken lieten zien dat de weektaak vooral door de leerkracht wordt ingevuld.",
        "criteria": ["80% van de groepen evalueert elke vrijdag de planning"],
        "actions": [("Format weektaak met evaluatievragen maken", Action.Status.DONE)],
        "evaluations": [
            (
                Result.MET,
                "In 5 van de 6 bovenbouwgroepen gebeurt het elke week (klassenbezoeken april).",
                "",
            ),
        ],
        "conclusion": "Het werkt: kinderen plannen zelf. Nu vastleggen, zodat het ook na de zomer blijft.",
    },
    "anchored": {
        "title": "Feedback met exit-tickets",
        "card": "Feedback in de klas",
        "goal": (
            "Elke les eindigt met een check op het lesdoel, zodat de leerkracht weet wie extra uitleg nodig heeft.",
            "In 9 van de 10 bezochte lessen een check op het lesdoel.",
        ),
        "reason": "Uit de zelfevaluatie bleek dat lessen vaak eindigen zonder te weten wie het lesdoel haalde.",
        "criteria": [
            "In 9 van de 10 bezochte lessen een check op het lesdoel",
            "Leerkrachten passen de volgende les aan op wat de check liet zien",
        ],
        "actions": [
            ("Studiemiddag over exit-tickets en wisbordjes", Action.Status.DONE),
            ("Klassenbezoeken met kijkwijzer in alle groepen", Action.Status.DONE),
            ("Voorbeelden delen in de bouwvergadering", Action.Status.DROPPED),
        ],
        "notes": ["Na de studiemiddag direct in alle groepen gestart; wisbordjes zijn favoriet."],
        "evaluations": [
            (Result.MET, "In 19 van de 20 bezochte lessen een check op het lesdoel.", ""),
            (
                Result.PARTLY,
                "In de helft van de nagesprekken kon de leerkracht een aanpassing noemen.",
                "",
            ),
        ],
        "conclusion": "Het exit-ticket is gewoonte geworden. Het aanpassen van de volgende les vraagt nog aandacht.",
        "decision": "Borgen als afspraak op de kaart Feedback in de klas; elk kwartaal opvolgen.",
        "agreement": "Elke les sluit af met een exit-ticket of wisbordjes-check op het lesdoel",
    },
    "chain": {
        "title": "Begrijpend lezen groep 6–8",
        "card": "Begrijpend lezen",
        "goal": (
            "Leerlingen van groep 6 tot en met 8 passen leesstrategieën zelfstandig toe.",
            "Het percentage op niveau begrijpend lezen stijgt naar 70%.",
        ),
        "reason": "Begrijpend lezen daalt drie metingen op rij en zit in groep 6 onder de norm.",
        "criteria": ["70% op niveau bij begrijpend lezen in groep 6–8"],
        "actions": [("Dagelijks hardop voordoen van een leesstrategie", Action.Status.DONE)],
        "evaluations": [
            (Result.NOT_MET, "De meting kwam uit op 64%: geen stijging.", ""),
        ],
        "conclusion": "Hardop voordoen gebeurt, maar teksten sluiten slecht aan bij de wereldoriëntatie. Bijstellen.",
        "decision": "Bijstellen: teksten uit de wereldoriëntatie halen en in groep 6 extra begeleid lezen.",
        "follow_up": {
            "actions": [
                ("Teksten koppelen aan de thema's van wereldoriëntatie", Action.Status.DONE)
            ],
            "evaluations": [
                (
                    Result.NO_DATA,
                    "",
                    "De meting van juni is door ziekte van de IB'er niet afgenomen.",
                ),
            ],
            "conclusion": "Zonder meting weten we niet of het werkt; de aanpak houden we vast, met een nieuwe meetmoment.",
            "decision": "Nogmaals bijstellen: meetmoment vastleggen en groep 8 erbij betrekken.",
        },
    },
    "stopped": {
        "title": "Huiswerkbeleid bovenbouw",
        "card": None,
        "goal": (
            "Eén huiswerkbeleid voor groep 6 tot en met 8.",
            "Het beleid is vastgesteld en met ouders gedeeld.",
        ),
        "reason": "Ouders vroegen om duidelijkheid over de hoeveelheid huiswerk.",
        "criteria": ["Het beleid is vastgesteld en met ouders gedeeld"],
        "actions": [("Inventarisatie huiswerk per groep", Action.Status.DONE)],
        "evaluations": [
            (
                Result.NOT_MET,
                "Het team vond geen overeenstemming; de inventarisatie is wel gedaan.",
                "",
            ),
        ],
        "conclusion": "Het onderwerp vraagt een schoolbrede visie op leren thuis; dat past niet in dit traject.",
        "decision": "Gestopt: het onderwerp komt terug in het nieuwe schoolplan; eerst begrijpend lezen afronden.",
    },
    "indicator": {
        "title": "Terug boven de norm: {indicator}",
        "card": "Begrijpend lezen",
        "goal": (
            "De groepen onder de norm komen er weer boven.",
            "Bij de volgende meting haalt elke groep minstens de norm.",
        ),
        "reason": "Het dataplan vraagt om actie: bij de laatste meting zaten groepen onder de norm.",
        "criteria": [],  # one tied to the indicator is added by the builder
        "actions": [
            ("Analyse van de toets per groep met de IB'er", Action.Status.DONE),
            ("Extra instructiegroep voor de leerlingen onder niveau", Action.Status.STARTED),
        ],
        "notes": ["De analyse laat zien dat vooral de woordenschat achterblijft."],
    },
}
PREFERRED_PRIMARY = ["Begrijpend lezen op niveau", "Referentieniveau 2F/1S lezen eind groep 8"]

HIGHER = {
    "plan": {
        "title": "Werkveld betrekken bij het curriculum",
        "card": "Samenwerking met het werkveld",
        "goal": (
            "Opleidingsscholen denken structureel mee over de inhoud van het curriculum.",
            "Twee werkveldoverleggen per jaar, met een zichtbaar besluit in de opleidingscommissie.",
        ),
        "reason": "De visitatie vroeg om meer zichtbare invloed van het werkveld.",
        "criteria": [
            "Twee werkveldoverleggen per studiejaar",
            "Elk overleg leidt tot een besluit in de opleidingscommissie",
        ],
    },
    "do": {
        "title": "Afstudeerbegeleiding",
        "card": "Onderzoekend vermogen",
        "goal": (
            "Afstudeerders krijgen tijdige en eenduidige begeleiding bij hun praktijkonderzoek.",
            "90% van de afstudeerders rondt het onderzoek binnen de geplande periode af.",
        ),
        "reason": "Vorig jaar liep een kwart van de afstudeerders vertraging op bij het praktijkonderzoek.",
        "criteria": [
            "90% rondt het praktijkonderzoek op tijd af",
            "Afstudeerders geven de begeleiding minstens een 7",
        ],
        "actions": [
            ("Vaste begeleidingsmomenten in de jaarplanning", Action.Status.DONE),
            ("Kalibratie van begeleiders op de beoordelingscriteria", Action.Status.STARTED),
            ("Tussentijdse peiling onder afstudeerders", Action.Status.PLANNED),
        ],
        "notes": [
            "De vaste momenten staan in de planning; begeleiders zijn positief over de structuur."
        ],
    },
    "check": {
        "title": "Toetsmatrijzen op orde",
        "card": "Toetsing en beoordeling",
        "goal": (
            "Elke toets in de propedeuse heeft een actuele toetsmatrijs.",
            "100% van de toetsen heeft een matrijs die door de toetscommissie is gezien.",
        ),
        "reason": "De examencommissie trof bij een steekproef toetsen zonder matrijs aan.",
        "criteria": ["Elke propedeusetoets heeft een door de toetscommissie geziene matrijs"],
        "actions": [("Matrijzen verzamelen en laten screenen", Action.Status.DONE)],
        "evaluations": [],
    },
    "act": {
        "title": "Studiebegeleiding eerstejaars",
        "card": "Studiebegeleiding",
        "goal": (
            "Elke eerstejaars spreekt voor de herfstvakantie de studieloopbaanbegeleider.",
            "95% van de eerstejaars heeft dat gesprek gehad.",
        ),
        "reason": "Studenten die in het eerste jaar uitvielen, hadden vaak geen begeleider gesproken.",
        "criteria": ["95% van de eerstejaars gesproken voor de herfstvakantie"],
        "actions": [("Gesprekken inplannen in de introductieweek", Action.Status.DONE)],
        "evaluations": [(Result.MET, "97% had het gesprek voor de herfstvakantie.", "")],
        "conclusion": "Het doel is gehaald; de vraag is hoe we dit vasthouden met minder begeleiders.",
    },
    "anchored": {
        "title": "Feedback op stageverslagen binnen tien werkdagen",
        "card": "Feedback op stageverslagen",
        "goal": (
            "Studenten krijgen op tijd feedback op hun stageverslag.",
            "95% van de verslagen krijgt binnen tien werkdagen feedback.",
        ),
        "reason": "In de NSE scoorde 'tijdige feedback' het laagst van alle items.",
        "criteria": ["95% van de verslagen binnen tien werkdagen van feedback voorzien"],
        "actions": [
            ("Inleverdata spreiden over de stageperiode", Action.Status.DONE),
            ("Feedbackformulier met vervolgpunt invoeren", Action.Status.DONE),
        ],
        "notes": ["Door de spreiding geen piek meer in week 10."],
        "evaluations": [(Result.MET, "96% kreeg binnen tien werkdagen feedback.", "")],
        "conclusion": "De spreiding van inleverdata werkt; vastleggen.",
        "decision": "Borgen: spreiding van inleverdata wordt een vaste afspraak op de kaart.",
        "agreement": "Inleverdata van stageverslagen zijn gespreid over de stageperiode",
    },
    "chain": {
        "title": "Kalibratie beoordeling eindwerken",
        "card": "Toetsing en beoordeling",
        "goal": (
            "Examinatoren beoordelen eindwerken even streng.",
            "90% overeenstemming tussen eerste en tweede beoordelaar.",
        ),
        "reason": "De overeenstemming tussen beoordelaars was 78%.",
        "criteria": ["90% overeenstemming tussen beoordelaars"],
        "actions": [("Kalibratiesessie met voorbeeldwerken", Action.Status.DONE)],
        "evaluations": [(Result.PARTLY, "De overeenstemming steeg naar 84%.", "")],
        "conclusion": "Vooruitgang, maar nog niet op 90%. De criteria voor 'goed' zijn niet eenduidig.",
        "decision": "Bijstellen: beoordelingscriteria aanscherpen met ankerpunten.",
        "follow_up": {
            "actions": [("Ankerpunten per criterium beschrijven", Action.Status.DONE)],
            "evaluations": [(Result.PARTLY, "87% overeenstemming.", "")],
            "conclusion": "Nog een stap nodig: nieuwe examinatoren kalibreren apart.",
            "decision": "Bijstellen: inwerktraject voor nieuwe examinatoren toevoegen.",
        },
    },
    "stopped": {
        "title": "Digitaal portfolio in jaar 2",
        "card": None,
        "goal": (
            "Studenten houden in jaar 2 een digitaal portfolio bij.",
            "Alle tweedejaars werken in het nieuwe portfolio.",
        ),
        "reason": "Wens van de opleidingscommissie.",
        "criteria": ["Alle tweedejaars werken in het digitale portfolio"],
        "actions": [("Pilot met twee klassen", Action.Status.DONE)],
        "evaluations": [
            (Result.NOT_MET, "De pilot liep vast op de koppeling met het rooster.", "")
        ],
        "conclusion": "De hogeschool kiest volgend jaar een nieuw systeem; verder gaan heeft geen zin.",
        "decision": "Gestopt: we wachten op de keuze van de hogeschool voor een nieuw portfoliosysteem.",
    },
    "indicator": {
        "title": "Studiesucces jaar 1",
        "card": "Studiebegeleiding",
        "goal": (
            "Minder studenten vallen uit in het eerste jaar.",
            "De uitval in jaar 1 komt onder de norm.",
        ),
        "reason": "Het dataplan vraagt om actie: de uitval in het eerste jaar ligt boven de norm.",
        "criteria": ["Elke uitvaller heeft vooraf een gesprek met de begeleider gehad"],
        "actions": [
            ("Uitvalanalyse met exitgesprekken", Action.Status.DONE),
            ("Mentoraat in de eerste tien weken versterken", Action.Status.STARTED),
        ],
        "notes": ["Exitgesprekken wijzen vooral op een verkeerd beeld van de stage in jaar 1."],
    },
}
PREFERRED_HIGHER = ["Uitval eerste jaar", "Rendement propedeuse"]


def build(*, schools, people):
    """Per demo school: cycles in Plan, Do, Check and Act, overdue ones, a chain, an anchor."""
    with translation.override("nl"):  # the follow-ups' titles and the history read in Dutch
        for school in schools.values():
            if Cycle.objects.filter(school=school).exists():
                continue
            with transaction.atomic():
                _School(school).build()


class _School:
    def __init__(self, school):
        self.school = school
        self.today = timezone.localdate()
        memberships = list(school.memberships.select_related("user").order_by("id"))
        self.coordinator = next(m.user for m in memberships if m.role == Role.COORDINATOR)
        self.leader = next(m.user for m in memberships if m.role == Role.LEADER)
        self.teachers = [m.user for m in memberships if m.role == Role.TEACHER]
        self.teams = list(school.teams.order_by("id"))
        self.cards = {card.title: card for card in Kwaliteitskaart.objects.filter(school=school)}
        higher = school.sector == "ho"
        self.specs = HIGHER if higher else PRIMARY
        self.preferred = PREFERRED_HIGHER if higher else PREFERRED_PRIMARY

    def teacher(self, index):
        return self.teachers[index % len(self.teachers)] if self.teachers else self.coordinator

    def team(self, index):
        return self.teams[index % len(self.teams)] if self.teams else None

    def days(self, *offsets):
        """Due dates of the four phases, relative to today."""
        return {
            kind: self.today + timedelta(days=n)
            for kind, n in zip(Phase.ORDER, offsets, strict=True)
        }

    def build(self):
        """The story, then its history spread over the past: the services' audit records are
        held, given their moments and written once (the audit trail cannot be changed later)."""
        with audit.collected() as events:
            self.story()
        by_cycle = {}
        for event in events:
            by_cycle.setdefault((event.content_type.model, event.object_id), []).append(event)
        # Oldest first, so that a follow-up starts after its predecessor closed.
        for cycle in Cycle.objects.filter(school=self.school).order_by("id"):
            _backdate(cycle, by_cycle.get(("cycle", str(cycle.pk)), []))
        AuditEvent.objects.bulk_create(sorted(events, key=lambda event: event.at))

    def story(self):
        s = self.specs
        # In Plan, its Plan due within a week: "due soon" for its owner.
        self.cycle(s["plan"], owner=self.teacher(1), team=self.team(0), due=(5, 90, 150, 180))
        # In Do, owned by the first teacher, so a teacher login sees "my cycles".
        do = self.cycle(s["do"], owner=self.teacher(0), team=self.team(1), due=(-40, 45, 100, 130))
        self.through_do(do, s["do"], complete=False)
        # In Check, overdue: the Check was due twelve days ago.
        check = self.cycle(
            s["check"], owner=self.coordinator, team=self.team(2), due=(-120, -50, -12, 30)
        )
        self.through_do(check, s["check"])
        self.evaluate(check, s["check"])
        # In Act, overdue: the decision was due a week ago.
        act = self.cycle(
            s["act"], owner=self.teacher(2), team=self.team(0), due=(-150, -90, -40, -7)
        )
        self.through_check(act, s["act"])
        # Anchored: a new agreement on the card.
        anchored = self.cycle(
            s["anchored"], owner=self.teacher(0), team=self.team(1), due=(-200, -120, -60, -20)
        )
        self.through_check(anchored, s["anchored"])
        card = self.cards.get(s["anchored"]["card"])
        anchor = None
        if card is not None:
            anchor = {
                "how": services.ANCHOR_NEW_AGREEMENT,
                "card": card,
                "text": s["anchored"]["agreement"],
                "owner": anchored.owner,
                "check_interval_months": 3,
                "first_check_on": self.today + timedelta(days=60),
            }
        services.act_decide(
            cycle=anchored,
            user=self.leader,
            decision=Cycle.Decision.ANCHOR if anchor else Cycle.Decision.STOP,
            note=s["anchored"]["decision"],
            anchor=anchor,
        )
        self.chain(s["chain"])
        # Stopped, with its reason.
        stopped = self.cycle(
            s["stopped"], owner=self.leader, team=self.team(2), due=(-300, -240, -180, -160)
        )
        self.through_check(stopped, s["stopped"])
        services.act_decide(
            cycle=stopped,
            user=self.leader,
            decision=Cycle.Decision.STOP,
            note=s["stopped"]["decision"],
        )
        self.from_indicator(s["indicator"])

    def cycle(self, spec, *, owner, team, due, title=None, **extra):
        card = self.cards.get(spec["card"]) if spec["card"] else None
        what, measure = spec["goal"]
        criteria = [(text, None, None) for text in spec["criteria"]]
        return services.cycle_create(
            school=self.school,
            user=self.coordinator,
            title=title or spec["title"],
            owner=owner,
            team=team,
            cards=[card] if card else [],
            goal_what=what,
            goal_measure=measure,
            goal_date=self.today + timedelta(days=due[3]),
            reason=spec["reason"],
            due_dates=self.days(*due),
            criteria=extra.pop("criteria", criteria),
            **extra,
        )

    def through_do(self, cycle, spec, *, complete=True):
        """Complete the Plan, add the actions (and notes); complete the Do too if asked."""
        owner = cycle.owner
        do_due = cycle.phases.get(kind=Kind.DO).due_on
        services.phase_complete(cycle=cycle, kind=Kind.PLAN, user=owner)
        for index, (description, status) in enumerate(spec.get("actions", [])):
            action = services.action_add(
                cycle=cycle,
                user=owner,
                description=description,
                owner=self.teacher(index) if index else owner,
                due_on=do_due - timedelta(days=21 * (len(spec["actions"]) - index) - 14),
            )
            if status != Action.Status.PLANNED:
                services.action_update(
                    action=action,
                    user=owner,
                    description=action.description,
                    owner=action.owner,
                    due_on=action.due_on,
                    status=status,
                )
        for text in spec.get("notes", []):
            services.note_add(cycle=cycle, author=owner, text=text)
        if complete:
            services.phase_complete(cycle=cycle, kind=Kind.DO, user=owner)

    def evaluate(self, cycle, spec, evaluations=None):
        """Evaluate the criteria as far as the spec says; the rest stays open."""
        evaluations = spec.get("evaluations", []) if evaluations is None else evaluations
        for criterion, (result, evidence, no_data) in zip(
            cycle.criteria.all(), evaluations, strict=False
        ):
            services.criterion_evaluate(
                criterion=criterion,
                user=cycle.owner,
                result=result,
                evidence=evidence,
                no_data_reason=no_data,
            )

    def through_check(self, cycle, spec, follow=None):
        """Plan, Do and Check completed: every criterion evaluated and the conclusion written."""
        spec = {**spec, **(follow or {})}
        self.through_do(cycle, spec)
        evaluations = list(spec.get("evaluations", []))
        remaining = cycle.criteria.count() - len(evaluations)
        evaluations += [(Result.MET, "Gezien in de klassenbezoeken.", "")] * max(remaining, 0)
        self.evaluate(cycle, spec, evaluations)
        services.check_conclusion_save(
            cycle=cycle, user=cycle.owner, conclusion=spec.get("conclusion", "Doel bereikt.")
        )
        services.phase_complete(cycle=cycle, kind=Kind.CHECK, user=cycle.owner)

    def chain(self, spec):
        """Adjusted twice: two closed cycles and an open follow-up, each the next one's start."""
        first = self.cycle(
            spec, owner=self.teacher(3), team=self.team(2), due=(-420, -330, -270, -250)
        )
        self.through_check(first, spec)
        second = services.act_decide(
            cycle=first, user=self.leader, decision=Cycle.Decision.ADJUST, note=spec["decision"]
        )
        services.phases_schedule(
            cycle=second,
            user=self.coordinator,
            due_dates=self.days(-220, -150, -90, -70),
            owners={},
        )
        self.sharpen(second, f"{spec['title']}: tweede ronde", self.today - timedelta(days=70))
        follow = spec["follow_up"]
        self.through_check(second, spec, follow)
        third = services.act_decide(
            cycle=second, user=self.leader, decision=Cycle.Decision.ADJUST, note=follow["decision"]
        )
        services.phases_schedule(
            cycle=third, user=self.coordinator, due_dates=self.days(14, 120, 180, 200), owners={}
        )
        self.sharpen(third, f"{spec['title']}: derde ronde", self.today + timedelta(days=200))
        return third

    def sharpen(self, cycle, title, goal_date):
        """The follow-up's owner names the new round and sets its date, as the Plan asks."""
        services.plan_update(
            cycle=cycle,
            user=cycle.owner,
            title=title,
            owner=cycle.owner,
            team=cycle.team,
            cards=list(cycle.cards.all()),
            goal_what=cycle.goal_what,
            goal_measure=cycle.goal_measure,
            goal_date=goal_date,
            reason=cycle.reason,
        )

    def from_indicator(self, spec):
        """Started from an indicator that asks for action, with a criterion measured by it."""
        rows = dataplan_selectors.plan_rows(school=self.school, active_only=True)
        breaching = [row for row in rows if row.status.state == ACTION]
        if not breaching:
            return None
        ranked = sorted(
            breaching,
            key=lambda row: (
                self.preferred.index(row.indicator.name)
                if row.indicator.name in self.preferred
                else len(self.preferred)
            ),
        )
        row = ranked[0]
        indicator = row.indicator
        if indicator.name not in self.preferred:  # the spec's story would not fit this one
            spec = {**PRIMARY["indicator"], "card": None}
        unit = f" {indicator.unit}" if indicator.unit else ""
        worst = row.status.breaching[0]
        group = f"{worst.group_name}: " if worst.group_name else ""
        origin_note = f"Laatste meting {group}{_number(worst.value)}{unit}, de norm is {_number(indicator.norm)}{unit}"
        target = indicator.target if indicator.target is not None else indicator.norm
        criteria = [
            (
                f"{indicator.name}: elke groep minstens op {_number(target)}{unit}"
                if indicator.higher_is_better
                else f"{indicator.name}: elke groep hoogstens op {_number(target)}{unit}",
                indicator,
                target,
            ),
            *((text, None, None) for text in spec["criteria"]),
        ]
        cycle = self.cycle(
            spec,
            title=spec["title"].format(indicator=indicator.name)[:150],
            owner=self.teacher(4) if len(self.teachers) > 4 else self.coordinator,
            team=self.team(3),
            due=(-30, 60, 120, 150),
            origin=Cycle.Origin.INDICATOR,
            indicator=indicator,
            origin_note=origin_note,
            criteria=criteria,
        )
        self.through_do(cycle, spec, complete=False)
        return cycle


def _backdate(cycle, events):
    """Spread the history over the cycle's life: the services stamp everything with now, but a
    demo should read as if each phase was completed shortly before its due date."""
    now = timezone.now()
    tz = timezone.get_current_timezone()

    def at(day, hour):
        return datetime.combine(day, time(hour), tzinfo=tz)

    phases = list(cycle.phases.order_by("position"))
    start = at(phases[0].due_on - timedelta(days=28), 9)
    if cycle.predecessor_id and cycle.predecessor.closed_at:
        start = max(start, cycle.predecessor.closed_at + timedelta(hours=1))
    start = min(start, now - timedelta(days=1))
    milestones = [start]
    for phase in phases:
        if not phase.is_completed:
            break
        moment = max(at(phase.due_on - timedelta(days=2), 15), milestones[-1] + timedelta(hours=2))
        milestones.append(min(moment, now - timedelta(hours=1)))
    milestones.append(now - timedelta(minutes=5))
    for index, phase in enumerate(p for p in phases if p.is_completed):
        Phase.objects.filter(pk=phase.pk).update(completed_at=milestones[index + 1])

    segments, segment = [[]], 0
    for event in events:
        if event.verb in ("phase_completed", "decided"):
            segment += 1
            segments.append([])
            event.moment = milestones[min(segment, len(milestones) - 1)]
        elif event.verb == "cycle_created":
            event.moment = start
        elif event.verb == "follow_up_started":  # right after the decision
            event.moment = milestones[min(segment, len(milestones) - 1)] + timedelta(minutes=1)
        else:
            segments[segment].append(event)
    for index, members in enumerate(segments):
        begin, end = (
            milestones[min(index, len(milestones) - 1)],
            milestones[min(index + 1, len(milestones) - 1)],
        )
        step = (end - begin) / (len(members) + 1)
        for position, event in enumerate(members, start=1):
            # in working hours, in order, and never before the milestone it follows
            moment = timezone.localtime(begin + step * position, tz)
            moment = moment.replace(hour=10, minute=0) + timedelta(minutes=7 * position)
            event.moment = max(moment, begin + timedelta(minutes=position))
    for event in events:
        event.at = event.moment

    def moments(verb):
        return [event.moment for event in events if event.verb == verb]

    for note, moment in zip(cycle.notes.order_by("id"), moments("note_added"), strict=False):
        ProgressNote.objects.filter(pk=note.pk).update(created_at=moment)
    evaluated = cycle.criteria.filter(evaluated_at__isnull=False).order_by("evaluated_at", "id")
    for criterion, moment in zip(evaluated, moments("criterion_evaluated"), strict=False):
        SuccessCriterion.objects.filter(pk=criterion.pk).update(evaluated_at=moment)
    actions = list(cycle.actions.order_by("id"))
    for action, moment in zip(actions, moments("action_added"), strict=False):
        Action.objects.filter(pk=action.pk).update(created_at=moment)
    # The demo changes each action once, in order, unless it stays planned.
    changed = [action for action in actions if action.status != Action.Status.PLANNED]
    for action, moment in zip(changed, moments("action_changed"), strict=False):
        if action.finished_on:
            Action.objects.filter(pk=action.pk).update(finished_on=timezone.localdate(moment))
    closed_at = milestones[-2] if cycle.is_closed else None
    Cycle.objects.filter(pk=cycle.pk).update(created_at=start, closed_at=closed_at)


def _number(value):
    value = Decimal(value).normalize()
    return f"{value:f}".replace(".", ",")
