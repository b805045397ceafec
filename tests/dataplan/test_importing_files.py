"""Reading measurement files, without the database: real-world Dutch exports, encodings and
hostile files."""

import io
import re
from datetime import date

import openpyxl
import pytest
from django.utils import translation

from dataplan.importing import (
    FileProblem,
    guess_mapping,
    read_table,
    validate,
)

from .helpers import (
    BUDGET,
    HEADER,
    MB,
    _xlsx_with_one_wide_row,
    _zip,
    _zip_bomb,
    check,
    csv_file,
    make_context,
    messages,
    xlsx_file,
)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


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
