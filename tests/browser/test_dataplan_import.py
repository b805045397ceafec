"""Importing measurements in a real browser: a Dutch Excel export with one bad row is refused as
a whole, the fixed file is imported, and the indicator page shows the new trend."""

import re
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.translation import ngettext
from playwright.sync_api import expect

from dataplan.models import DataImport, Measurement
from kwaliteit.models import Role
from tests.factories import IndicatorFactory, MembershipFactory, SchoolFactory, UserFactory

from .helpers import tr

pytestmark = pytest.mark.browser

# What Dutch Excel writes: a BOM, semicolons, decimal commas, day-month-year dates; the header
# names carry stray spaces and the last row is empty.
GOOD = (
    "\ufeff Indicator ; Groep ;Datum ; Waarde ;Toelichting\r\n"
    "Leesresultaten;Groep 5B;01-10-2025;72,5;\r\n"
    "Leesresultaten;Groep 6;01-10-2025;81,25;nieuwe methode\r\n"
    "Leesresultaten;Groep 5B;15-03-2026;78,0;\r\n"
    ";;;;\r\n"
)
BAD = GOOD.replace("81,25;nieuwe", "veel;nieuwe")


@pytest.fixture
def school(transactional_db):
    school = SchoolFactory(name="OBS De Regenboog", slug="regenboog")
    coordinator = UserFactory(email="carla@regenboog.example", full_name="Carla Jansen")
    MembershipFactory(user=coordinator, school=school, role=Role.COORDINATOR)
    school.coordinator = coordinator
    school.indicator = IndicatorFactory(
        school=school,
        name="Leesresultaten",
        kind="percentage",
        unit="%",
        level="class",
        norm=Decimal("75"),
        target=Decimal("85"),
        owner=coordinator,
    )
    return school


def upload(page, path):
    page.locator("#id_file").set_input_files(path)
    year = page.locator("#id_school_year")
    year.select_option(label="2025-2026")
    expect(year).to_have_value("2025")
    page.get_by_role("button", name=tr("Upload and check columns")).click()
    expect(page).to_have_url(re.compile(r"/s/regenboog/dataplan/importeren/[0-9a-f-]{36}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(path.name)
    assert DataImport.objects.get(original_name=path.name).school_year == 2025


def accept_mapping_and_check(page):
    """The guessed mapping is right despite the spaces around the header names."""
    guessed = {
        "Indicator": "indicator",
        "Groep": "group",
        "Datum": "date",
        "Waarde": "value",
        "Toelichting": "note",
    }
    for index, (header, field) in enumerate(guessed.items()):
        expect(page.locator(f"label[for=id_col{index}]")).to_contain_text(header)
        expect(page.locator(f"#id_col{index}")).to_have_value(field)
    page.get_by_role("button", name=tr("Check every row")).click()


def test_import_a_dutch_csv_with_a_bad_row_then_the_fixed_file(page, school, log_in_as, tmp_path):
    bad_file = tmp_path / "leesresultaten.csv"
    bad_file.write_bytes(BAD.encode("utf-8"))
    good_file = tmp_path / "leesresultaten-verbeterd.csv"
    good_file.write_bytes(GOOD.encode("utf-8"))

    log_in_as(school.coordinator)
    page.goto("/s/regenboog/")
    page.locator("nav.main-nav").get_by_role("link", name=tr("Dataplan"), exact=True).click()
    expect(page).to_have_url(re.compile(r"/s/regenboog/dataplan/$"))
    page.get_by_role("link", name=tr("Import measurements")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(tr("Import measurements"))

    # The file with "veel" as a value: every row is checked, nothing is saved.
    upload(page, bad_file)
    accept_mapping_and_check(page)
    report = page.locator("#import-progress [role=alert]")
    expect(report).to_be_visible()
    problems = report.locator("table.problems tbody tr")
    expect(problems).to_have_count(1)
    # Row 3 of the file: the header is row 1, "Groep 6" is row 3.
    expect(problems.locator("td")).to_have_text(
        ["3", "Waarde", tr("“%(value)s” is not a number.") % {"value": "veel"}]
    )
    assert Measurement.objects.count() == 0
    assert DataImport.objects.get(original_name="leesresultaten.csv").status == "invalid"
    expect(page.get_by_role("button", name=tr("Import"), exact=True)).to_have_count(0)

    # The fixed file passes the check and is imported.
    page.get_by_role("link", name=tr("Upload another file")).click()
    upload(page, good_file)
    accept_mapping_and_check(page)
    check = page.locator("#import-progress .card[role=status]")
    expect(check.get_by_role("heading")).to_have_text(tr("Every row is fine"))
    expect(check).to_contain_text("Groep 5B")
    expect(check).to_contain_text("Groep 6")
    assert Measurement.objects.count() == 0, "nothing is saved before the import is confirmed"
    check.get_by_role("button", name=tr("Import"), exact=True).click()

    done = page.locator("#import-progress p.status[role=status]")
    with translation.override("nl"):
        imported = ngettext(
            "%(counter)s measurement imported.", "%(counter)s measurements imported.", 3
        ) % {"counter": 3}
    expect(done).to_have_text(imported)
    assert Measurement.objects.filter(indicator=school.indicator).count() == 3
    assert DataImport.objects.get(original_name="leesresultaten-verbeterd.csv").status == "done"

    # The indicator page: the trend chart and the latest value per group.
    page.get_by_role("link", name=tr("See the result")).click()
    page.locator("main").get_by_role("link", name="Leesresultaten", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/dataplan/indicatoren/{school.indicator.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Leesresultaten")
    chart = page.locator("main figure.chart svg[role=img]")
    expect(chart).to_be_visible()
    expect(chart.locator(":scope > title")).to_have_text("Leesresultaten")
    expect(chart.locator(":scope > desc")).to_contain_text("Groep 5B")
    expect(chart.locator(":scope > desc")).to_contain_text("Groep 6")
    latest = page.locator("main table").filter(
        has=page.locator("caption", has_text=tr("Latest value per group"))
    )
    rows = latest.locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="Groep 5B").locator("td").nth(1)).to_have_text("78 %")
    expect(rows.filter(has_text="Groep 6").locator("td").nth(1)).to_have_text("81,25 %")
    expect(rows.filter(has_text="Groep 6").locator("td").nth(3)).to_have_text("nieuwe methode")


def test_import_the_good_rows_and_download_the_skipped_one(page, school, log_in_as, tmp_path):
    bad_file = tmp_path / "leesresultaten.csv"
    bad_file.write_bytes(BAD.encode("utf-8"))
    log_in_as(school.coordinator)
    page.goto("/s/regenboog/dataplan/importeren/")
    upload(page, bad_file)
    accept_mapping_and_check(page)
    expect(page.locator("#import-progress [role=alert] table.problems tbody tr")).to_have_count(1)

    # The report offers the choice, and names the row that would be skipped.
    with translation.override("nl"):
        label = ngettext(
            "Import the %(counter)s good row and skip the %(skipped)s with problems",
            "Import the %(counter)s good rows and skip the %(skipped)s with problems",
            2,
        ) % {"counter": 2, "skipped": 1}
    expect(page.locator(".skipped-rows")).to_have_text("3")
    assert Measurement.objects.count() == 0
    page.get_by_role("button", name=label).click()

    done = page.locator("#import-progress p.status[role=status]")
    expect(done).to_contain_text(tr("%(counter)s row with problems was skipped.") % {"counter": 1})
    assert sorted(Measurement.objects.values_list("value", flat=True)) == [
        Decimal("72.5"),
        Decimal("78"),
    ]
    with page.expect_download() as download_info:
        page.get_by_role(
            "link", name=tr("Download the skipped rows (CSV) to fix and import later")
        ).click()
    skipped = download_info.value.path().read_bytes().decode("utf-8")
    assert skipped.startswith("\ufeff")
    assert skipped.lstrip("\ufeff").splitlines() == [
        "Indicator;Groep;Datum;Waarde;Toelichting",
        "Leesresultaten;Groep 6;01-10-2025;veel;nieuwe methode",
    ]

    # The imported values are on the indicator page.
    page.goto(f"/s/regenboog/dataplan/indicatoren/{school.indicator.pk}/")
    latest = page.locator("main table").filter(
        has=page.locator("caption", has_text=tr("Latest value per group"))
    )
    expect(latest.locator("tbody tr")).to_have_count(1)
    expect(
        latest.locator("tbody tr").filter(has_text="Groep 5B").locator("td").nth(1)
    ).to_have_text("78 %")
