"""Demo dataplan: about ten indicators per school, three school years of measurements."""

import random
from datetime import datetime, time
from decimal import Decimal

from django.utils import timezone

from .models import Decision, Group, Indicator, Measurement

# name, question, source, kind, unit, norm, target, higher_is_better, level, months, base, trend
PRIMARY = [
    (
        "Technisch lezen (DMT) op niveau",
        "Lezen onze leerlingen vlot genoeg om te kunnen begrijpend lezen?",
        "test",
        "percentage",
        "%",
        75,
        85,
        True,
        "year",
        [1, 6],
        74,
        1.5,
    ),
    (
        "Begrijpend lezen op niveau",
        "Begrijpen onze leerlingen wat ze lezen?",
        "test",
        "percentage",
        "%",
        65,
        75,
        True,
        "year",
        [1, 6],
        66,
        -1.0,
    ),
    (
        "Rekenen-wiskunde op niveau",
        "Beheersen onze leerlingen de rekenvaardigheden voor hun jaargroep?",
        "test",
        "percentage",
        "%",
        70,
        80,
        True,
        "year",
        [1, 6],
        72,
        0.5,
    ),
    (
        "Welbevinden leerlingen",
        "Voelen onze leerlingen zich veilig en thuis op school?",
        "survey",
        "score",
        "",
        Decimal("3.2"),
        Decimal("3.5"),
        True,
        "class",
        [11, 4],
        Decimal("3.3"),
        0.02,
    ),
    (
        "Ongeoorloofd verzuim",
        "Komen leerlingen zonder geldige reden niet naar school?",
        "registration",
        "count",
        "meldingen",
        4,
        2,
        False,
        "school",
        [12, 3, 7],
        4,
        -0.3,
    ),
    (
        "Referentieniveau 1F lezen eind groep 8",
        "Halen onze schoolverlaters het fundamentele niveau lezen?",
        "external",
        "percentage",
        "%",
        95,
        98,
        True,
        "school",
        [6],
        96,
        0.3,
    ),
    (
        "Referentieniveau 2F/1S lezen eind groep 8",
        "Halen genoeg schoolverlaters het streefniveau lezen?",
        "external",
        "percentage",
        "%",
        55,
        65,
        True,
        "school",
        [6],
        52,
        1.0,
    ),
    (
        "Tevredenheid ouders",
        "Voelen ouders zich gehoord en geïnformeerd?",
        "survey",
        "score",
        "",
        Decimal("7"),
        Decimal("7.5"),
        True,
        "school",
        [3],
        Decimal("7.2"),
        0.1,
    ),
    (
        "Klassenbezoeken met feedback",
        "Krijgt elke leerkracht feedback op de afspraken uit de kwaliteitskaarten?",
        "observation",
        "count",
        "bezoeken",
        2,
        3,
        True,
        "team",
        [12, 5],
        2,
        0.2,
    ),
    (
        "Doorstroom naar vervolgonderwijs volgens advies",
        "Past ons schooladvies bij waar leerlingen na een jaar staan?",
        "external",
        "percentage",
        "%",
        85,
        90,
        True,
        "school",
        [10],
        88,
        -0.5,
    ),
]
HIGHER = [
    (
        "Studenttevredenheid (NSE) opleiding",
        "Hoe tevreden zijn studenten over de opleiding als geheel?",
        "survey",
        "score",
        "",
        Decimal("3.5"),
        Decimal("3.8"),
        True,
        "programme",
        [3],
        Decimal("3.6"),
        -0.05,
    ),
    (
        "Rendement propedeuse",
        "Haalt een student de propedeuse binnen een jaar?",
        "registration",
        "percentage",
        "%",
        60,
        70,
        True,
        "year",
        [9],
        62,
        0.5,
    ),
    (
        "Uitval eerste jaar",
        "Hoeveel studenten stoppen in het eerste jaar?",
        "registration",
        "percentage",
        "%",
        25,
        18,
        False,
        "year",
        [9, 2],
        24,
        0.8,
    ),
    (
        "Diplomarendement na vijf jaar",
        "Studeren studenten binnen redelijke tijd af?",
        "registration",
        "percentage",
        "%",
        65,
        75,
        True,
        "programme",
        [10],
        67,
        0.2,
    ),
    (
        "Kwaliteit beoordeling eindwerken (kalibratie)",
        "Beoordelen examinatoren eindwerken even streng?",
        "observation",
        "percentage",
        "% overeenstemming",
        80,
        90,
        True,
        "programme",
        [7],
        82,
        0.5,
    ),
    (
        "Tevredenheid werkveld over afgestudeerden",
        "Zijn scholen tevreden over onze startende leraren?",
        "survey",
        "score",
        "",
        Decimal("7"),
        Decimal("7.5"),
        True,
        "programme",
        [5],
        Decimal("7.3"),
        0.0,
    ),
    (
        "Studenten in opleidingscommissie gehoord",
        "Worden evaluatieresultaten besproken met studenten?",
        "registration",
        "count",
        "overleggen",
        4,
        6,
        True,
        "programme",
        [12, 4, 7],
        4,
        0.3,
    ),
    (
        "Feedback op stage binnen twee weken",
        "Krijgen studenten op tijd feedback op hun stageverslag?",
        "registration",
        "percentage",
        "%",
        80,
        95,
        True,
        "year",
        [1, 6],
        78,
        1.0,
    ),
    (
        "Toetsen met toetsmatrijs",
        "Is elke toets gebaseerd op een toetsmatrijs?",
        "registration",
        "percentage",
        "%",
        90,
        100,
        True,
        "programme",
        [2],
        92,
        1.0,
    ),
]
GROUPS = {
    "year": ["Groep 3", "Groep 4", "Groep 5", "Groep 6", "Groep 7", "Groep 8"],
    "class": ["3A", "3B", "5A", "5B", "7A", "8A"],
    "team": ["Onderbouw", "Middenbouw", "Bovenbouw"],
    "programme": ["Voltijd", "Deeltijd"],
    "school": [""],
}
HE_GROUPS = {**GROUPS, "year": ["Jaar 1", "Jaar 2", "Jaar 3", "Jaar 4"]}


def build(*, schools, people):
    """Ten indicators per school with three school years of measurements, some below norm."""
    for slug, school in schools.items():
        if Indicator.objects.filter(school=school).exists():
            continue
        rng = random.Random(slug)  # the same demo every time
        owners = [
            m.user
            for m in school.memberships.select_related("user")
            .exclude(role="viewer")
            .order_by("role")
        ]
        specs = HIGHER if school.sector == "ho" else PRIMARY
        groups_by_level = HE_GROUPS if school.sector == "ho" else GROUPS
        for index, spec in enumerate(specs):
            _indicator(school, spec, owners[index % len(owners)], groups_by_level, rng)


def _indicator(school, spec, owner, groups_by_level, rng):
    name, question, source, kind, unit, norm, target, better, level, months, base, trend = spec
    scale = (Decimal(1), Decimal(4)) if kind == "score" and norm < 5 else (None, None)
    if kind == "score" and norm >= 5:
        scale = (Decimal(1), Decimal(10))
    indicator = Indicator.objects.create(
        school=school,
        name=name,
        question=question,
        source=source,
        kind=kind,
        unit=unit,
        scale_min=scale[0],
        scale_max=scale[1],
        norm=norm,
        target=target,
        higher_is_better=better,
        owner=owner,
        level=level,
        collection_months=months,
        action_when_missed="Bespreken in de kwaliteitscel; zo nodig een verbetertraject starten.",
    )
    groups = [
        Group.objects.get_or_create(school=school, level=level, name=group_name)[0]
        for group_name in groups_by_level[level]
    ]
    today = timezone.localdate()
    current = school.school_year(today)
    # The demo's indicators have existed since their first measurements: their missed moments
    # are real ones (moments before an indicator existed are never missed).
    first_day = current.shifted(-2).first_day
    Indicator.objects.filter(pk=indicator.pk).update(
        created_at=timezone.make_aware(datetime.combine(first_day, time(8)))
    )
    rows = []
    for years_back in (2, 1, 0):
        year = current.shifted(-years_back)
        for month in months:
            day = year.month_date(month).replace(day=15)
            if day > today:
                continue
            step = (2 - years_back) * len(months) + months.index(month)
            for offset, group in enumerate(groups):
                value = Decimal(base) + Decimal(str(trend)) * step
                # groups differ a little from each other, and from one moment to the next
                spread = _spread(kind, base)
                value += (Decimal(str(rng.uniform(-1, 1))) - Decimal(offset % 3) / 3) * spread
                rows.append(
                    Measurement(
                        indicator=indicator,
                        group=group,
                        measured_on=day,
                        value=_clip(kind, value, scale),
                        created_by=owner,
                        note=_note(name, year, current, rng),
                    )
                )
    Measurement.objects.bulk_create(rows)
    if rng.random() < 0.6:
        Decision.objects.create(
            indicator=indicator,
            decided_on=today.replace(day=1),
            created_by=owner,
            text="Besproken in de kwaliteitscel: aanpak in de bouwvergadering afgestemd.",
        )


def _spread(kind, base):
    return Decimal(base) * Decimal("0.05") if kind == "score" else Decimal(3)


def _clip(kind, value, scale):
    low, high = scale
    if kind == "percentage":
        value = min(max(value, Decimal(0)), Decimal(100))
    if kind == "count":
        value = max(value, Decimal(0)).to_integral_value()
    if low is not None:
        value = min(max(value, low), high)
    return value.quantize(Decimal("0.1"))


def _note(name, year, current, rng):
    if "tevreden" in name.lower() and year == current:
        return "Nieuw, pittig vak in jaar 1: lagere tevredenheid zegt weinig over de kwaliteit."
    return "" if rng.random() < 0.9 else "Afname in een drukke week (toetsweek)."
