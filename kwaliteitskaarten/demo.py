# ruff: noqa: E501  (demo texts read better unbroken)
"""Demo cards: 6–8 realistic cards per school with agreements, checks, reflections and two
periods of self-assessment. Safe to run again."""

import random
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from kwaliteit.models import Role, VisionVersion

from .models import (
    Afspraak,
    AgreementCheck,
    Appreciation,
    AssessmentAnswer,
    AssessmentPeriod,
    CardVersion,
    Kwaliteitskaart,
    Reflection,
)

PRIMARY = [
    (
        "Feedback in de klas",
        "Leerlingen leren het meest van feedback die ze direct kunnen gebruiken.",
        "Elke les sluit af met een korte check op het lesdoel; leerlingen krijgen feedback op wat ze al kunnen en wat de volgende stap is.",
        "De vorm kies je zelf: exit-ticket, wisbordjes, duimen of een korte schrijfopdracht.",
        [
            "Elke les eindigt met een check op het lesdoel",
            "Feedback gaat over de taak, niet over de persoon",
        ],
    ),
    (
        "Begrijpend lezen",
        "Lezen opent de wereld; wie begrijpt wat hij leest, kan overal aan meedoen.",
        "Dagelijks 20 minuten lezen met een leesdoel; strategieën worden hardop voorgedaan en teksten komen uit de wereldoriëntatie.",
        "Welke teksten en werkvormen je kiest, bepaal je met je bouw.",
        [
            "Elke dag twintig minuten lezen met een leesdoel",
            "Eén keer per week hardop voordoen van een leesstrategie",
        ],
    ),
    (
        "Pedagogisch klimaat",
        "Kinderen leren alleen als ze zich veilig en gezien voelen.",
        "Iedere leerkracht begroet elk kind bij de deur, de klassenregels zijn samen opgesteld en hangen zichtbaar, conflicten worden dezelfde dag besproken.",
        "Hoe je de groepsvorming in de eerste weken aanpakt, kies je zelf.",
        ["Elke ochtend begroeten we elk kind bij de deur", "Conflicten bespreken we dezelfde dag"],
    ),
    (
        "Rekenen: automatiseren",
        "Vlot rekenen geeft ruimte om na te denken over het probleem.",
        "Dagelijks tien minuten automatiseren op het eigen niveau; de voortgang is voor kind en leerkracht zichtbaar.",
        "Spelvormen, apps of kaartjes: de werkvorm is vrij.",
        ["Elke dag tien minuten automatiseren op niveau"],
    ),
    (
        "Zelfstandig werken",
        "Eigenaarschap groeit als kinderen zelf keuzes leren maken.",
        "Er is een vaste taakbrief of weektaak, kinderen plannen zelf en evalueren hun planning aan het eind van de week.",
        "Hoeveel keuzeruimte je geeft, stem je af op je groep.",
        ["Elke vrijdag evalueren kinderen hun eigen planning"],
    ),
    (
        "Ouderbetrokkenheid",
        "Samen met ouders bereiken we meer dan alleen.",
        "Ouders krijgen drie keer per jaar een gesprek met hun kind erbij; we reageren binnen twee werkdagen op berichten.",
        "Aanvullende contactmomenten plan je zelf.",
        ["We reageren binnen twee werkdagen op ouders"],
    ),
]
HIGHER = [
    (
        "Feedback op stageverslagen",
        "Studenten leren van feedback die op tijd komt en vooruit kijkt.",
        "Elk stageverslag krijgt binnen tien werkdagen feedback aan de hand van de beoordelingscriteria, met minstens één concreet vervolgpunt.",
        "Schriftelijk, mondeling of als video: de vorm kies je zelf.",
        ["Feedback binnen tien werkdagen", "Elke feedback eindigt met een vervolgpunt"],
    ),
    (
        "Toetsing en beoordeling",
        "Een diploma moet iets zeggen over wat een student kan.",
        "Elke toets heeft een toetsmatrijs; eindwerken worden door twee examinatoren beoordeeld en jaarlijks gekalibreerd.",
        "Toetsvormen binnen de kaders van het toetsplan kies je als docententeam.",
        ["Elke toets heeft een toetsmatrijs", "Jaarlijkse kalibratiesessie eindwerken"],
    ),
    (
        "Onderzoekend vermogen",
        "Leraren die onderzoekend kijken, blijven beter worden.",
        "In elk studiejaar doen studenten een praktijkonderzoek met een vraag uit de stageschool.",
        "Onderwerp en methode kiezen student en stageschool samen.",
        ["Elke onderzoeksvraag komt uit de stageschool"],
    ),
    (
        "Studiebegeleiding",
        "Studenten die zich gezien voelen, vallen minder vaak uit.",
        "Elke eerstejaars heeft vóór de herfstvakantie een gesprek met de studieloopbaanbegeleider.",
        "Verdere gesprekken plan je met je student.",
        ["Gesprek met elke eerstejaars voor de herfstvakantie"],
    ),
    (
        "Samenwerking met het werkveld",
        "Opleiden doen we samen met de scholen.",
        "Het werkveld denkt twee keer per jaar mee over het curriculum; opmerkingen komen terug in de opleidingscommissie.",
        "Welke scholen je betrekt, bepaalt het team.",
        ["Twee keer per jaar werkveldoverleg"],
    ),
    (
        "Professionele ruimte docenten",
        "Een gedeeld kader met ruimte voor eigen vakmanschap.",
        "Elk onderwijsteam legt jaarlijks vast wat gedeeld is en waar docenten eigen keuzes maken.",
        "Invulling per team.",
        ["Jaarlijks teamgesprek over het gedeelde kader"],
    ),
]


def build(*, schools, people):
    """Cards with versions, agreements and follow-ups, reflections and self-assessment."""
    for slug, school in schools.items():
        if Kwaliteitskaart.objects.filter(school=school).exists():
            continue
        vision = (
            VisionVersion.objects.filter(school=school, status="adopted")
            .order_by("-number")
            .first()
            or VisionVersion.objects.filter(school=school).order_by("-number").first()
        )
        values = list(vision.core_values.all()) if vision else []
        memberships = list(school.memberships.select_related("user").prefetch_related("teams"))
        writers = [m.user for m in memberships if m.role in (Role.COORDINATOR, Role.LEADER)]
        staff = [m.user for m in memberships if m.role != Role.VIEWER]
        leader = next(m.user for m in memberships if m.role == Role.LEADER)
        teams = list(school.teams.all())
        rng = random.Random(slug)
        specs = HIGHER if school.sector == "ho" else PRIMARY
        cards = []
        for index, spec in enumerate(specs):
            cards.append(_card(school, spec, index, staff, writers, leader, teams, values, rng))
        _periods(school, cards, staff, rng)


def _card(school, spec, index, staff, writers, leader, teams, values, rng):
    title, why, core, autonomy, agreements = spec
    today = timezone.localdate()
    card = Kwaliteitskaart.objects.create(
        school=school,
        title=title,
        owner=staff[index % len(staff)],
        team=teams[index % len(teams)] if teams else None,
        review_interval_months=12,
    )
    # The last card is still a concept; the one before it is under review.
    adopted = index < len(staff) and index != 5
    version = CardVersion.objects.create(
        card=card,
        number=1,
        why=why,
        core=core,
        autonomy=autonomy,
        how_we_see_it="We zien het in klassenbezoeken en in de metingen van het dataplan.",
        created_by=writers[0],
    )
    version.core_values.set(rng.sample(values, min(2, len(values))) if values else [])
    for position, text in enumerate(agreements):
        owner = staff[(index + position) % len(staff)]
        first = today - relativedelta(months=rng.choice([2, 4, 7]))
        agreement = Afspraak.objects.create(
            card=card,
            text=text,
            owner=owner,
            check_interval_months=3,
            next_check_on=first,
            position=position,
        )
        day = first
        while day + relativedelta(months=3) <= today and rng.random() < 0.8:
            AgreementCheck.objects.create(
                agreement=agreement,
                checked_on=day,
                recorded_by=owner,
                result=rng.choice(["kept", "kept", "partly", "not_kept"]),
                note=rng.choice(["", "", "Nog niet in alle groepen", "Besproken in de bouw"]),
            )
            day += relativedelta(months=3)
        agreement.next_check_on = day
        agreement.save(update_fields=["next_check_on"])
    if adopted:
        adopted_on = today - timedelta(days=rng.randint(60, 300))
        version.status, version.adopted_on, version.adopted_by = "adopted", adopted_on, leader
        version.agreements_snapshot = [
            {"text": a.text, "owner": a.owner.full_name, "every_months": 3}
            for a in card.agreements.all()
        ]
        version.save()
        card.next_review_on = adopted_on + relativedelta(months=12)
        card.save(update_fields=["next_review_on"])
        if index == 4:  # under review: a new draft with a sharper core
            draft = CardVersion.objects.create(
                card=card,
                number=2,
                why=why,
                core=core + " Elke maand bespreken we één voorbeeld.",
                autonomy=autonomy,
                how_we_see_it=version.how_we_see_it,
                created_by=writers[0],
            )
            draft.core_values.set(version.core_values.all())
    for author in rng.sample(staff, min(3, len(staff))):
        Reflection.objects.create(
            author=author,
            card=card,
            visibility=rng.choice(["private", "team"]),
            text=rng.choice(
                [
                    "Vandaag met wisbordjes gewerkt: ik zag meteen wie het lesdoel nog niet had.",
                    "In mijn groep lukt het nog niet elke dag; na de pauze schiet het erbij in.",
                    "Collega's tip geprobeerd, werkt goed bij de stille leerlingen.",
                ]
            ),
        )
    giver, receiver = rng.sample(staff, 2) if len(staff) > 1 else (staff[0], staff[0])
    if giver != receiver:
        Appreciation.objects.create(
            author=giver,
            recipient=receiver,
            card=card,
            text="Mooi hoe je de afspraak zichtbaar maakt in je klas: ik heb het overgenomen.",
        )
    return card


def _periods(school, cards, staff, rng):
    today = timezone.localdate()
    periods = [
        AssessmentPeriod.objects.create(
            school=school,
            name="Zelfevaluatie voorjaar",
            opens_on=today - timedelta(days=240),
            closes_on=today - timedelta(days=226),
        ),
        AssessmentPeriod.objects.create(
            school=school,
            name="Zelfevaluatie najaar",
            opens_on=today - timedelta(days=40),
            closes_on=today - timedelta(days=26),
        ),
    ]
    answers = []
    for step, period in enumerate(periods):
        for card in cards:
            if card.versions.filter(status="adopted").exists():
                for person in rng.sample(staff, min(len(staff), 5)):
                    score = min(4, max(1, round(rng.gauss(2.6 + 0.3 * step, 0.7))))
                    answers.append(
                        AssessmentAnswer(period=period, card=card, respondent=person, score=score)
                    )
    AssessmentAnswer.objects.bulk_create(answers)
