"""Checking measurement values, without the database: dates, numbers, duplicates, exports and
formulas."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from dataplan.importing import (
    IndicatorSpec,
    csv_safe,
)

from .helpers import (
    ABSENCE,
    BUDGET,
    GRADE,
    HEADER,
    SATISFACTION,
    check,
    csv_file,
    make_context,
    messages,
    single_value,
)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


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
