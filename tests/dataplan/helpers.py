"""Helpers the dataplan tests share: indicator form data, the import pages, and the files
and contexts that the importer is tested with (no tests here)."""

import io
import zipfile
from decimal import Decimal

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dataplan.importing import Context, IndicatorSpec, guess_mapping, read_table, validate
from kwaliteit.schoolyear import SchoolYear

MB = 1_000_000
SATISFACTION = IndicatorSpec(1, "Tevredenheid leerlingen", "percentage", None, None, "class")
ABSENCE = IndicatorSpec(2, "Verzuim", "count", None, None, "school")
GRADE = IndicatorSpec(3, "Gemiddeld cijfer", "score", Decimal("1"), Decimal("10"), "team")
BUDGET = IndicatorSpec(4, "Budget", "number", None, None, "school")
HEADER = "Indicator;Klas;Datum;Waarde;Toelichting"


def make_context(*, fixed=None, existing=None, groups=None):
    specs = [SATISFACTION, ABSENCE, GRADE, BUDGET]
    return Context(
        indicators={spec.name.casefold(): spec for spec in specs},
        fixed_indicator=fixed,
        groups={("class", "3a"): 10, ("school", ""): 1} if groups is None else groups,
        school_year=SchoolYear(2025),
        existing=existing or {},
    )


def csv_file(*lines, encoding="utf-8"):
    return "\r\n".join(lines).encode(encoding)


def check(data, *, filename="metingen.csv", context=None, mapping=None):
    context = context or make_context()
    table = read_table(data, filename, max_bytes=5 * MB)
    if mapping is None:
        mapping = guess_mapping(table.headers, fixed_indicator=context.fixed_indicator is not None)
    return validate(table, mapping, context)


def messages(result):
    return [(p.row, p.column, p.message) for p in result.problems]


def single_value(value, indicator=SATISFACTION, group="3A"):
    return check(csv_file(HEADER, f"{indicator.name};{group};01-10-2025;{value};"))


def xlsx_file(rows, *, percent_cells=()):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for cell in percent_cells:
        sheet[cell].number_format = "0%"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _zip(name):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, "hello")
    return buffer.getvalue()


def _zip_bomb(megabytes):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            for _ in range(megabytes):
                sheet.write(b" " * 1_000_000)
    return buffer.getvalue()


def _xlsx_with_one_wide_row(cells):
    xml = (
        '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        'spreadsheetml/2006/main"><sheetData><row r="1">'
        + '<c t="inlineStr"><is><t>x</t></is></c>' * cells
        + "</row></sheetData></worksheet>"
    )
    book = openpyxl.Workbook()
    buffer = io.BytesIO()
    book.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = xml.encode()
            archive.writestr(info.filename, data)
    return out.getvalue()


# Pages

INDICATOR_DATA = {
    "name": "Begrijpend lezen",
    "question": "Begrijpen onze leerlingen wat ze lezen?",
    "source": "test",
    "kind": "percentage",
    "unit": "%",
    "higher_is_better": "on",
    "norm": "65",
    "target": "75",
    "level": "year",
    "collection_months": ["1", "6"],
    "is_active": "on",
}

GOOD = (
    "\ufeffIndicator ; Groep ;Datum;Waarde;Toelichting\n"
    "Leesresultaten;Groep 5B;01-10-2025;72,5;\n"
    "Leesresultaten;Groep 6;01-10-2025;81;nieuwe methode\n"
    "Leesresultaten;Groep 7;15-03-2026;66,0;\n"
    ";;;;\n"
)
BAD = GOOD.replace("81;nieuwe", "veel;nieuwe").replace("15-03-2026", "15-03-2027")


def upload(client, school, text, name="metingen.csv", encoding="utf-8"):
    data = SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")
    return client.post(
        reverse("dataplan:import-upload", args=[school.slug]),
        {"file": data, "school_year": "2025"},
    )


def map_columns(client, response):
    """Accept the guessed mapping, as a user who checks it and clicks on."""
    page = client.get(response["Location"])
    form = page.context["form"]
    data = {name: form[name].initial for name in form.fields}
    return client.post(response["Location"], data)
