"""The demo's annual report: De Regenboog's report of the school year in which it adopted its
second vision, written by the coordinator and waiting for the leader to adopt it.

Only a draft: its chapters are generated whenever it is read, so it shows every app's data even
though this builder runs before the apps' own (core first); adopting it is left to the demo's
leader (Marco), which is the step worth showing.
"""

from datetime import date, timedelta

from . import clock, services_reports
from .models import AnnualReport

SCHOOL = "obs-de-regenboog"
COORDINATOR = "anouk@regenboog.example"
IN_THE_YEAR = date(2025, 9, 4)  # the second vision's adoption (kwaliteit/demo_data.py)

NARRATIVES = {
    "vision": (
        "Aan het begin van het schooljaar hebben we onze visie aangescherpt: we geven elkaar "
        "feedback om beter te worden, en nieuwsgierigheid is een kernwaarde geworden. Het team "
        "schreef er in twee studiemiddagen aan mee.\n\n"
        "Volgend jaar willen we zichtbaar maken hoe de kernwaarden terugkomen in de lessen."
    ),
    "cards": (
        "De kwaliteitskaarten zijn dit jaar echt in gebruik genomen. De afspraken worden in de "
        "bouwvergaderingen besproken; niet elke afspraak werd op tijd gecheckt, en daar letten "
        "we volgend jaar beter op."
    ),
    "dataplan": (
        "We meten minder dan vroeger, maar gerichter. Waar een indicator onder de norm bleef, "
        "hebben we besproken wat we gaan doen en dat vastgelegd."
    ),
    "pdca": (
        "De verbetertrajecten liepen dit jaar door de hele cyclus. Wat werkte, hebben we geborgd "
        "in afspraken op de kaarten; één traject stellen we bij in het nieuwe schooljaar."
    ),
}


def build(*, schools, people):
    """Safe to run again: nothing is written once the school has a report of that year."""
    school, coordinator = schools.get(SCHOOL), people.get(COORDINATOR)
    if school is None or coordinator is None:
        return
    year = school.school_year(IN_THE_YEAR)
    if year.start_year > school.school_year(clock.today()).start_year:
        return
    if AnnualReport.objects.filter(school=school, start_year=year.start_year).exists():
        return
    written_on = min(year.last_day - timedelta(days=14), clock.today())
    with clock.on(written_on, 15):
        report = services_reports.report_start(
            school=school, start_year=year.start_year, user=coordinator
        )
        for key, text in NARRATIVES.items():
            services_reports.narrative_update(report=report, key=key, text=text, user=coordinator)
