"""Reading and checking measurement files, without the database: real-world Dutch exports."""

import io
import re
import zipfile
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.utils import translation

from dataplan.importing import (
    FIELDS,
    IGNORE,
    Context,
    FileProblem,
    IndicatorSpec,
    csv_safe,
    guess_mapping,
    read_table,
    validate,
)
from kwaliteit.schoolyear import SchoolYear

MB = 1_000_000
SATISFACTION = IndicatorSpec(1, "Tevredenheid leerlingen", "percentage", None, None, "class")
ABSENCE = IndicatorSpec(2, "Verzuim", "count", None, None, "school")
GRADE = IndicatorSpec(3, "Gemiddeld cijfer", "score", Decimal("1"), Decimal("10"), "team")
BUDGET = IndicatorSpec(4, "Budget", "number", None, None, "school")
HEADER = "Indicator;Klas;Datum;Waarde;Toelichting"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


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


# Reading files


def test_dutch_excel_csv_with_bom_semicolons_decimal_commas_and_trailing_rows():
    data = "\ufeff" + "\r\n".join(
        [
            " Indicator ; Klas ;Datum; Waarde ;Toelichting ",
            "Tevredenheid leerlingen;3A;01-10-2025;72,5;nieuwe methode",
            "Tevredenheid leerlingen;3B;1-10-2025;80 %;",
            "Verzuim;;31-12-2025;1.234;",
            ";;;;",
            "",
            ";;;;",
        ]
    )
    table = read_table(data.encode("utf-8"), "export.csv", max_bytes=MB)
    assert table.headers == ["Indicator", "Klas", "Datum", "Waarde", "Toelichting"]
    assert table.first_row_number == 2
    assert list(table.frame.index) == [2, 3, 4]
    assert table.frame.loc[3, "Waarde"] == "80 %"
    assert not table.frame.isna().any().any()

    result = validate(table, guess_mapping(table.headers, fixed_indicator=False), make_context())
    assert result.ok, messages(result)
    assert result.row_count == 3
    assert list(result.rows["value"]) == ["72.5", "80", "1234"]
    assert list(result.rows["date"]) == [date(2025, 10, 1), date(2025, 10, 1), date(2025, 12, 31)]
    assert list(result.rows["group_name"]) == ["3A", "3B", ""]
    assert list(result.rows["note"]) == ["nieuwe methode", "", ""]
    assert result.new_groups == [("class", "3B")]


def test_windows_1252_file_keeps_accents():
    data = csv_file(
        HEADER, "Tevredenheid leerlingen;Groep Zoë;01-10-2025;70;Café-gesprek", encoding="cp1252"
    )
    result = check(data)
    assert result.ok, messages(result)
    assert result.rows.iloc[0]["group_name"] == "Groep Zoë"
    assert result.rows.iloc[0]["note"] == "Café-gesprek"


@pytest.mark.parametrize("separator", [",", "\t", ";"])
def test_separator_is_sniffed(separator):
    header = separator.join(["Indicator", "Groep", "Datum", "Waarde", "Notitie"])
    row = separator.join(["Verzuim", "", "2025-10-01", "12", '"Ziek, griep; veel"'])
    result = check(csv_file(header, row))
    assert result.ok, messages(result)
    assert result.rows.iloc[0]["note"] == "Ziek, griep; veel"


def test_blank_lines_above_the_header_shift_row_numbers():
    table = read_table(csv_file("", ";;", HEADER, "Verzuim;;01-10-2025;x;"), "a.csv", max_bytes=MB)
    assert table.first_row_number == 4
    result = validate(table, guess_mapping(table.headers, fixed_indicator=False), make_context())
    assert messages(result) == [(4, "Waarde", "“x” is not a number.")]


def test_rows_may_be_shorter_or_longer_than_the_header():
    table = read_table(csv_file("Datum;Waarde", "01-10-2025", "01-11-2025;3;;"), "a", max_bytes=MB)
    assert table.headers == ["Datum", "Waarde"]
    assert table.frame.loc[2, "Waarde"] == ""


def test_xlsx_with_dates_numbers_percent_format_and_a_formula():
    data = xlsx_file(
        [
            [" Indicator ", "Klas", "Datum", "Waarde", "Toelichting"],
            ["Tevredenheid leerlingen", "3A", date(2025, 10, 1), 72.5, None],
            ["Tevredenheid leerlingen", "3B", "15-10-2025", 0.8, "procent"],
            ["Tevredenheid leerlingen", "3C", date(2025, 11, 1), "=SUM(D2:D3)", None],
            [None, None, None, None, None],
        ],
        percent_cells=["D3"],
    )
    table = read_table(data, "metingen.xlsx", max_bytes=MB)
    assert table.headers[0] == "Indicator"
    assert list(table.frame["Waarde"]) == ["72.5", "80 %", "=SUM(D2:D3)"]
    assert list(table.frame["Datum"]) == ["2025-10-01", "15-10-2025", "2025-11-01"]
    result = validate(table, guess_mapping(table.headers, fixed_indicator=False), make_context())
    assert messages(result) == [(4, "Waarde", "Formulas are not evaluated; paste the values.")]
    assert result.rows.empty


def test_xlsx_without_problems_gives_rows():
    data = xlsx_file([["Datum", "Waarde"], [date(2025, 10, 1), 7], [date(2025, 11, 1), 7.25]])
    result = check(data, filename="cijfers.xlsx", context=make_context(fixed=BUDGET))
    assert result.ok, messages(result)
    assert list(result.rows["value"]) == ["7", "7.25"]
    assert set(result.rows["indicator_id"]) == {BUDGET.id}


def test_xlsx_row_numbers_match_the_sheet_and_styled_empty_rows_are_dropped():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Datum", "Waarde"])
    sheet.append([date(2025, 10, 1), 3])
    sheet["A5"], sheet["B5"] = date(2025, 11, 1), "veel"
    sheet["C60"].number_format = "0%"  # formatted but empty: what Excel leaves behind
    buffer = io.BytesIO()
    book.save(buffer)
    table = read_table(buffer.getvalue(), "a.xlsx", max_bytes=MB)
    assert table.headers == ["Datum", "Waarde"]
    assert list(table.frame.index) == [2, 5]
    result = validate(table, {"Datum": "date", "Waarde": "value"}, make_context(fixed=BUDGET))
    assert messages(result) == [(5, "Waarde", "“veel” is not a number.")]


def _zip(name):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, "hello")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "filename", "expected"),
    [
        (b"", "a.csv", "The file is empty."),
        (b"\r\n;;;\r\n\r\n", "a.csv", "The file is empty."),
        (HEADER.encode(), "a.csv", "The file has only a header row and no data."),
        (csv_file(HEADER, ";;;;", ""), "a.csv", "The file has only a header row and no data."),
        (
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
            "rapport.pdf",
            "This is not a CSV or Excel (.xlsx) file.",
        ),
        (b"%PDF-1.7\n1 0 obj", "rapport.csv", "This is not a CSV or Excel (.xlsx) file."),
        (_zip("word/document.xml"), "a.docx", "This is not a CSV or Excel (.xlsx) file."),
        (_zip("word/document.xml"), "a.xlsx", "This is not a CSV or Excel (.xlsx) file."),
        (_zip("xl/workbook.xml"), "a.xlsx", "This is not a CSV or Excel (.xlsx) file."),
        (b"PK\x03\x04", "a.xlsx", "This is not a CSV or Excel (.xlsx) file."),
        (_zip("xl/workbook.xml")[:-30], "a.xlsx", "This is not a CSV or Excel (.xlsx) file."),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "a.csv",
            "This is not a CSV or Excel (.xlsx) file.",
        ),
        (b"<html><table><tr><td>1</td></tr></table>", "a.xls", "This is not a CSV"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "oud.xls", "old Excel file (.xls)"),
        (b"Datum;Waarde;Datum\n1-10-2025;3;4\n", "a.csv", "“Datum” appears more than once"),
        (b"Datum;waarde ;WAARDE\n1-10-2025;3;4\n", "a.csv", "“WAARDE” appears more than once"),
        (b"Datum;;Waarde\n1-10-2025;3;4\n", "a.csv", "Column B has values but no name"),
    ],
)
def test_files_that_cannot_be_used(data, filename, expected):
    with pytest.raises(FileProblem, match=re.escape(expected)) as raised:
        read_table(data, filename, max_bytes=MB)
    assert expected in raised.value.message


def test_file_over_the_limit_names_the_limit():
    with pytest.raises(FileProblem, match=re.escape("The file is larger than 2 MB.")) as raised:
        read_table(b"x" * (2 * MB + 1), "a.csv", max_bytes=2 * MB)
    assert raised.value.message == "The file is larger than 2 MB."


def test_utf16_tab_separated_and_dos_end_of_file_marker():
    text = "Datum\tWaarde\r\n01-10-2025\t3,5\r\n"
    assert read_table(text.encode("utf-16"), "a.txt", max_bytes=MB).frame.shape == (1, 2)
    table = read_table(text.encode() + b"\x1a", "a.csv", max_bytes=MB)
    assert list(table.frame["Waarde"]) == ["3,5"]


def test_empty_column_without_a_name_is_left_out():
    table = read_table(b"Datum;;Waarde;\n1-10-2025;;3;\n", "a.csv", max_bytes=MB)
    assert table.headers == ["Datum", "Waarde"]
    assert list(table.frame.columns) == ["Datum", "Waarde"]


def test_file_problem_is_translated():
    with (
        translation.override("nl"),
        pytest.raises(FileProblem, match=re.escape("Het bestand is leeg.")) as raised,
    ):
        read_table(b"", "a.csv", max_bytes=MB)
    with translation.override("nl"):
        assert raised.value.message == translation.gettext("The file is empty.")


# Mapping


def test_guess_mapping_knows_dutch_and_english_names():
    headers = [" INDICATORNAAM", "Jaar groep", "Peil_datum", "Waarde (%)", "Context notitie", "x"]
    assert guess_mapping(headers, fixed_indicator=False) == {
        " INDICATORNAAM": "indicator",
        "Jaar groep": "group",
        "Peil_datum": "date",
        "Waarde (%)": "value",
        "Context notitie": "note",
        "x": "",
    }
    english = guess_mapping(["Indicator", "Team", "Date", "Score", "Note"], fixed_indicator=True)
    assert list(english.values()) == ["indicator", "group", "date", "value", "note"]
    assert set(english.values()) <= set(FIELDS)


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("klas", "group"),
        ("Opleiding", "group"),
        ("meetdatum", "date"),
        ("Meetmoment", "date"),
        ("resultaat", "value"),
        ("Percentage", "value"),
        ("aantal", "value"),
        ("opmerking", "note"),
        ("Toelichting", "note"),
    ],
)
def test_guess_mapping_synonyms(header, field):
    assert guess_mapping([header], fixed_indicator=False) == {header: field}


def test_guess_mapping_gives_a_field_to_the_first_column_only():
    assert guess_mapping(["Waarde", "Score"], fixed_indicator=False) == {
        "Waarde": "value",
        "Score": "",
    }


def test_unmapped_column_must_be_chosen_or_ignored():
    data = csv_file("Datum;Waarde;Docent;Leeg", "01-10-2025;3;Jansen;")
    result = check(data, context=make_context(fixed=BUDGET))
    assert messages(result) == [(None, "Docent", "Choose what this column holds, or ignore it.")]
    mapping = {"Datum": "date", "Waarde": "value", "Docent": IGNORE}
    assert check(data, context=make_context(fixed=BUDGET), mapping=mapping).ok


def test_field_chosen_twice_and_required_fields_missing():
    data = csv_file("Datum;Waarde;Score", "01-10-2025;3;4")
    result = check(data, mapping={"Datum": "value", "Waarde": "value", "Score": "note"})
    assert messages(result) == [
        (None, "Waarde", "“value” is chosen for more than one column: “Datum”, “Waarde”."),
        (None, None, "The file needs a column with the indicator."),
        (None, None, "The file needs a column with the date."),
    ]
    assert result.rows.empty


def test_indicator_column_is_not_required_with_a_fixed_indicator():
    result = check(csv_file("Datum;Waarde", "01-10-2025;3"), context=make_context(fixed=ABSENCE))
    assert result.ok
    assert list(result.rows["indicator_id"]) == [ABSENCE.id]
    assert check(csv_file("Datum;Waarde", "01-10-2025;3")).problems[0].message == (
        "The file needs a column with the indicator."
    )


# Indicators and groups


def test_unknown_and_missing_indicators():
    data = csv_file(HEADER, "Leesniveau;3A;01-10-2025;3;", ";3A;01-10-2025;3;")
    assert messages(check(data)) == [
        (2, "Indicator", "Unknown indicator “Leesniveau”."),
        (3, "Indicator", "The indicator is missing."),
    ]


def test_indicator_names_match_without_case():
    assert single_value("3", indicator=ABSENCE, group="").ok
    result = check(csv_file(HEADER, "VERZUIM;;01-10-2025;3;"))
    assert result.ok
    assert list(result.rows["indicator_id"]) == [ABSENCE.id]


def test_rows_for_another_indicator_than_the_fixed_one():
    data = csv_file(HEADER, "Verzuim;;01-10-2025;3;", "Budget;;01-10-2025;3;", ";;01-11-2025;4;")
    result = check(data, context=make_context(fixed=ABSENCE))
    assert messages(result) == [
        (3, "Indicator", "This import is for “Verzuim”, not for “Budget”."),
    ]


def test_group_rules():
    data = csv_file(
        HEADER,
        "Verzuim;;01-10-2025;3;",  # whole school: fine
        "Tevredenheid leerlingen;3a;01-10-2025;70;",  # existing 3A, other case
        "Tevredenheid leerlingen;4B;01-10-2025;70;",  # new
        "Tevredenheid leerlingen;4b;01-11-2025;70;",  # the same new group
        "Gemiddeld cijfer;Onderbouw;01-10-2025;7;",  # new team
    )
    result = check(data)
    assert result.ok, messages(result)
    assert result.new_groups == [("class", "4B"), ("team", "Onderbouw")]
    assert list(result.rows["level"]) == ["school", "class", "class", "class", "team"]
    assert list(result.rows["group_name"]) == ["", "3a", "4B", "4b", "Onderbouw"]


def test_group_required_unless_whole_school():
    data = csv_file(
        HEADER,
        "Tevredenheid leerlingen;;01-10-2025;70;",
        "Verzuim;Groep 8;01-10-2025;3;",
        f"Gemiddeld cijfer;{'x' * 101};01-10-2025;7;",
    )
    assert messages(check(data)) == [
        (2, "Klas", "Tevredenheid leerlingen is measured per class: the group is missing."),
        (3, "Klas", "Verzuim is measured for the whole school: leave the group empty."),
        (4, "Klas", "A group name can have at most 100 characters."),
    ]


def test_missing_group_column_is_reported_once():
    data = csv_file("Datum;Waarde", "01-10-2025;70", "01-11-2025;70")
    result = check(data, context=make_context(fixed=SATISFACTION))
    assert messages(result) == [
        (None, None, "Tevredenheid leerlingen is measured per class: the group is missing.")
    ]


def test_whole_school_group_is_new_when_the_school_has_none():
    result = check(csv_file(HEADER, "Verzuim;;01-10-2025;3;"), context=make_context(groups={}))
    assert result.ok
    assert result.new_groups == [("school", "")]


# Dates


@pytest.mark.parametrize(
    "written",
    ["31-12-2025", "31/12/2025", "31-12-25", "31.12.2025", "2025-12-31", "31-12-2025 00:00"],
)
def test_date_formats(written):
    result = check(csv_file(HEADER, f"Verzuim;;{written};3;"))
    assert result.ok, messages(result)
    assert list(result.rows["date"]) == [date(2025, 12, 31)]


def test_short_day_and_month():
    result = check(csv_file(HEADER, "Verzuim;;1-9-2025;3;"))
    assert list(result.rows["date"]) == [date(2025, 9, 1)]


@pytest.mark.parametrize("written", ["31-02-2026", "12/31/2025", "gisteren", "45000"])
def test_not_a_date(written):
    result = check(csv_file(HEADER, f"Verzuim;;{written};3;"))
    assert messages(result) == [
        (
            2,
            "Datum",
            f"“{written}” is not a date. Write it as day-month-year, for example 31-12-2025.",
        )
    ]


def test_date_formula():
    result = check(csv_file(HEADER, "Verzuim;;=TODAY();3;"))
    assert messages(result) == [(2, "Datum", "Formulas are not evaluated; paste the values.")]


def test_missing_date():
    assert messages(check(csv_file(HEADER, "Verzuim;;;3;"))) == [
        (2, "Datum", "The date is missing.")
    ]


@pytest.mark.parametrize("written", ["31-07-2025", "01-08-2026"])
def test_date_outside_the_school_year(written):
    result = check(csv_file(HEADER, f"Verzuim;;{written};3;"))
    [problem] = result.problems
    assert (problem.row, problem.column) == (2, "Datum")
    assert "is outside school year 2025-2026 (1 August to 31 July)." in problem.message


def test_school_year_edges_are_inside():
    result = check(csv_file(HEADER, "Verzuim;;01-08-2025;3;", "Verzuim;;31-07-2026;3;"))
    assert result.ok


# Values


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("72,5", "72.5"),
        ("72.5", "72.5"),
        (" 80 %", "80"),
        ("80%", "80"),
        ("0,123456", "0.1235"),
        ("0,00005", "0.0001"),
        ("99,99994", "99.9999"),
        ("100", "100"),
        ("0", "0"),
        ("+7", "7"),
    ],
)
def test_percentage_values(written, stored):
    result = single_value(written)
    assert result.ok, messages(result)
    assert list(result.rows["value"]) == [stored]


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("1.234,5", "1234.5"),
        ("1,234.5", "1234.5"),
        ("1 234,5", "1234.5"),
        ("1.234.567", "1234567"),
        ("-3,25", "-3.25"),
        ("\u22123", "-3"),
        ("99999999,9999", "99999999.9999"),
        ("12,345678", "12.3457"),
        ("-0,00001", "0"),
    ],
)
def test_number_values(written, stored):
    result = single_value(written, indicator=BUDGET, group="")
    assert result.ok, messages(result)
    assert list(result.rows["value"]) == [stored]
    assert Decimal(result.rows["value"].iloc[0]) == Decimal(stored)


def test_point_is_a_thousands_separator_in_a_column_with_decimal_commas():
    data = csv_file(HEADER, "Budget;;01-10-2025;1.234;", "Budget;;01-11-2025;2,5;")
    assert list(check(data).rows["value"]) == ["1234", "2.5"]
    data = csv_file(HEADER, "Budget;;01-10-2025;1.234;", "Budget;;01-11-2025;2.5;")
    assert list(check(data).rows["value"]) == ["1.234", "2.5"]


@pytest.mark.parametrize(
    ("indicator", "written", "message"),
    [
        (SATISFACTION, "veel", "“veel” is not a number."),
        (SATISFACTION, "72,5,1", "“72,5,1” is not a number."),
        (SATISFACTION, "=AVERAGE(B2:B9)", "Formulas are not evaluated; paste the values."),
        (SATISFACTION, "", "The value is missing."),
        (SATISFACTION, "100,01", "A percentage must be between 0 and 100."),
        (SATISFACTION, "-1", "A percentage must be between 0 and 100."),
        (ABSENCE, "-1", "A count cannot be negative."),
        (ABSENCE, "2,5", "A count must be a whole number."),
        (ABSENCE, "3 %", "“3 %” is not a number."),
        (GRADE, "11", "The value must be between 1 and 10."),
        (GRADE, "0,5", "The value must be between 1 and 10."),
        (BUDGET, "123456789", "“123456789” is too large for a value."),
        (BUDGET, "99999999,99995", "“99999999,99995” is too large for a value."),
        (BUDGET, "1" * 400, f"“{'1' * 39}…” is too large for a value."),
        (BUDGET, "1e5", "“1e5” is not a number."),
        (BUDGET, "\u0663", "“\u0663” is not a number."),  # an Arabic-Indic 3
        (BUDGET, "１２,5", "“１２,5” is not a number."),  # full-width digits
    ],
)
def test_bad_values(indicator, written, message):
    group = {"class": "3A", "team": "Bovenbouw"}.get(indicator.level, "")
    result = single_value(written, indicator=indicator, group=group)
    assert messages(result) == [(2, "Waarde", message)]
    assert not result.ok
    assert result.rows.empty


def test_score_with_only_a_maximum():
    capped = IndicatorSpec(5, "Wachttijd", "score", None, Decimal("30"), "school")
    context = make_context(fixed=capped)
    result = check(csv_file("Datum;Waarde", "01-10-2025;31", "01-11-2025;-5"), context=context)
    assert messages(result) == [(2, "Waarde", "The value must be at most 30.")]


def test_note_length():
    data = csv_file(
        HEADER, f"Verzuim;;01-10-2025;3;{'a' * 500}", f"Verzuim;;01-11-2025;3;{'a' * 501}"
    )
    assert messages(check(data)) == [
        (3, "Toelichting", "The note is longer than 500 characters (501).")
    ]


# Duplicates, the database, and reporting


def test_duplicate_rows_in_the_file_name_the_first_row():
    data = csv_file(
        HEADER,
        "Tevredenheid leerlingen;3A;01-10-2025;70;",
        "Tevredenheid leerlingen;3B;01-10-2025;70;",
        "tevredenheid leerlingen;3a;1-10-2025;71;",
    )
    assert messages(check(data)) == [
        (4, "Datum", "Row 2 already has this indicator, group and date.")
    ]


def test_rows_already_in_the_database():
    existing = {
        (SATISFACTION.id, ("class", "3a"), date(2025, 10, 1)): Decimal("72.5000"),
        (ABSENCE.id, ("school", ""), date(2025, 10, 1)): Decimal("3"),
    }
    same = csv_file(HEADER, "Tevredenheid leerlingen;3A;01-10-2025;72,5;", "Verzuim;;1-11-2025;4;")
    result = check(same, context=make_context(existing=existing))
    assert result.ok
    assert result.already_present == 1
    assert list(result.rows.index) == [3]

    other = csv_file(HEADER, "Verzuim;;01-10-2025;5;")
    result = check(other, context=make_context(existing=existing))
    assert messages(result) == [
        (2, "Waarde", "The database already has a different value 3 on 1 October 2025.")
    ]


def test_importing_the_same_file_twice_adds_nothing():
    data = csv_file(HEADER, "Tevredenheid leerlingen;3A;01-10-2025;72,5;", "Verzuim;;1-11-2025;4;")
    first = check(data)
    existing = {
        (row.indicator_id, (row.level, row.group_name.casefold()), row.date): Decimal(row.value)
        for row in first.rows.itertuples()
    }
    second = check(data, context=make_context(existing=existing))
    assert second.ok
    assert second.rows.empty
    assert second.already_present == second.row_count == 2


def test_every_problem_is_reported_at_once_in_file_order():
    data = csv_file(
        HEADER + ";Docent",
        "Onbekend;3A;gisteren;veel;;",
        "Verzuim;;01-10-2025;-2;;",
        "Tevredenheid leerlingen;3A;01-10-2024;70;;Jansen",
    )
    assert messages(check(data)) == [
        (None, "Docent", "Choose what this column holds, or ignore it."),
        (2, "Indicator", "Unknown indicator “Onbekend”."),
        (
            2,
            "Datum",
            "“gisteren” is not a date. Write it as day-month-year, for example 31-12-2025.",
        ),
        (2, "Waarde", "“veel” is not a number."),
        (3, "Waarde", "A count cannot be negative."),
        (4, "Datum", "1 October 2024 is outside school year 2025-2026 (1 August to 31 July)."),
    ]


def test_at_most_a_thousand_problems_are_kept():
    rows = [f"Tevredenheid leerlingen;G{number};01-10-2025;x;" for number in range(1500)]
    result = check(csv_file(HEADER, *rows))
    assert len(result.problems) == 1000
    assert result.more_problems == 500
    assert [p.row for p in result.problems[:3]] == [2, 3, 4]
    assert result.row_count == 1500


def test_result_rows_are_ready_to_save():
    data = csv_file(HEADER, "Gemiddeld cijfer;Bovenbouw;01-10-2025;7,25;goed")
    rows = check(data).rows
    assert list(rows.columns) == ["indicator_id", "level", "group_name", "date", "value", "note"]
    assert rows.to_dict("index") == {
        2: {
            "indicator_id": GRADE.id,
            "level": "team",
            "group_name": "Bovenbouw",
            "date": date(2025, 10, 1),
            "value": "7.25",
            "note": "goed",
        }
    }


def test_messages_follow_the_active_language():
    with translation.override("nl"):
        result = single_value("veel")
    with translation.override("nl"):
        expected = translation.gettext("“%(value)s” is not a number.") % {"value": "veel"}
    assert result.problems[0].message == expected


# Exports


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+31 6 1234", "'+31 6 1234"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("-3,5", "-3,5"),
        ("+7", "+7"),
        (Decimal("-3.5"), "-3.5"),
        (-2, "-2"),
        (None, ""),
        ("Groep 8", "Groep 8"),
    ],
)
def test_csv_safe(value, safe):
    assert csv_safe(value) == safe


# Headers of real exports


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("groep", "group"),
        ("Klas", "group"),
        ("Groep/klas", "group"),
        ("Leerjaar", "group"),
        ("Year group", "group"),
        ("Class", "group"),
        ("Periode", "date"),
        ("Period", "date"),
        ("Meetmoment", "date"),
        ("Peildatum", "date"),
        ("Datum afname", "date"),
        ("Date", "date"),
        ("Score", "value"),
        ("Gemiddelde", "value"),
        ("Mean", "value"),
        ("Average", "value"),
        ("Percentage", "value"),
        ("Aantal", "value"),
        ("Count", "value"),
        ("Opmerking", "note"),
        ("Toelichting", "note"),
        ("Comment", "note"),
        ("Notes", "note"),
    ],
)
def test_headers_people_use_are_recognised(header, field):
    assert guess_mapping([header], fixed_indicator=True) == {header: field}


def test_a_real_date_column_beats_a_period_column():
    headers = ["Leerjaar", "Periode", "Datum afname", "Gemiddelde", "Opmerking"]
    assert guess_mapping(headers, fixed_indicator=True) == {
        "Leerjaar": "group",
        "Periode": "",
        "Datum afname": "date",
        "Gemiddelde": "value",
        "Opmerking": "note",
    }


# Formulas that start with another sign than "="


@pytest.mark.parametrize(
    "cell",
    ['+HYPERLINK("http://x")', "-1+cmd|' /C calc'!A0", "@SUM(A1:A3)", "=1+1", "+A1", "-2*3"],
)
def test_formula_like_cells_are_refused_in_every_column(cell):
    data = csv_file(HEADER, f"Budget;;01-10-2025;{cell};{cell}", f"{cell};;{cell};5;")
    result = check(data)
    formula = "Formulas are not evaluated; paste the values."
    assert {(row, column) for row, column, message in messages(result) if message == formula} == {
        (2, "Waarde"),
        (2, "Toelichting"),
        (3, "Indicator"),
        (3, "Datum"),
    }


def test_negative_numbers_and_dashes_before_words_are_no_formulas():
    data = csv_file(HEADER, "Budget;;01-10-2025;-3,5;- goed gegaan", "Budget;;02-10-2025;+4;@team")
    result = check(data)
    assert result.ok, messages(result)
    assert list(result.rows["value"]) == ["-3.5", "4"]
    assert list(result.rows["note"]) == ["- goed gegaan", "@team"]


# Encoding


def test_utf8_file_with_one_stray_byte_stays_utf8_and_reports_the_line():
    lines = [HEADER] + [f"Tevredenheid leerlingen;Groep één;{d:02d}-10-2025;70;" for d in (1, 2)]
    data = "\r\n".join(lines).encode("utf-8") + b"\r\nVerzuim;;03-10-2025;4;caf\xe9"
    table = read_table(data, "a.csv", max_bytes=MB)
    assert table.encoding == "utf-8"
    assert table.bad_lines == 1
    assert list(table.frame["Klas"])[:2] == ["Groep één", "Groep één"]
    assert list(table.frame["Toelichting"])[2] == "caf\ufffd"


def test_windows_1252_file_is_detected_and_another_encoding_can_be_chosen():
    data = csv_file(HEADER, "Verzuim;;01-10-2025;4;één café", encoding="cp1252")
    table = read_table(data, "a.csv", max_bytes=MB)
    assert (table.encoding, table.bad_lines) == ("cp1252", 0)
    assert list(table.frame["Toelichting"]) == ["één café"]
    utf8 = csv_file(HEADER, "Verzuim;;01-10-2025;4;één", encoding="utf-8")
    assert list(
        read_table(utf8, "a.csv", max_bytes=MB, encoding="cp1252").frame["Toelichting"]
    ) == ["Ã©Ã©n"]


# Hostile files: refused before they are parsed, with a message


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


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda: (";".join(["x"] * 100_000) + "\r\n1\r\n").encode(), "100.000 columns"),
        (lambda: ("a;" * 1_000_000 + "\r\n1\r\n").encode(), "at most 200 can be imported"),
        (
            lambda: ("Datum;Waarde\r\n" + "1-10-2025;" + ";" * 5000 + "\r\n").encode(),
            "at most 200 can be imported",
        ),
        (lambda: b"Datum;Waarde\r\n1-10-2025;" + b"9" * 5_000_000, "longer than 100.000"),
        (lambda: b"Datum;Waarde\r\n1-10-2025;" + b"9" * 50_000, "more than 2000 characters"),
        (lambda: _xlsx_with_one_wide_row(1_000_000), "once unpacked"),
        (lambda: _xlsx_with_one_wide_row(5_000), "at most 200 can be imported"),
        (lambda: _zip_bomb(300), "once unpacked"),
    ],
    ids=[
        "100k-columns",
        "1M-columns",
        "wide-data-row",
        "huge-line",
        "long-cell",
        "xlsx-million-cells",
        "xlsx-wide-row",
        "zip-bomb",
    ],
)
def test_hostile_files_are_refused_with_a_message(make, expected):
    with pytest.raises(FileProblem, match=re.escape(expected)) as raised:
        read_table(
            make(), "aanval.xlsx" if expected == "once unpacked" else "a.csv", max_bytes=20 * MB
        )
    assert expected in raised.value.message


def test_a_long_file_with_old_mac_line_endings_is_not_taken_for_one_wide_line():
    rows = [HEADER] + [f"Verzuim;;{day % 28 + 1:02d}-10-2025;{day};" for day in range(28)] * 200
    table = read_table("\r".join(rows).encode(), "mac.csv", max_bytes=5 * MB)
    assert len(table.frame) == 28 * 200
