"""Random and malformed files never crash the importer: they give rows or problems, not both."""

import csv
import io
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils import translation
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from dataplan.importing import IGNORE, FileProblem, guess_mapping, read_table, validate
from dataplan.importing.exporting import looks_like_formula

from .helpers import ABSENCE, BUDGET, make_context

# The autouse fixtures of conftest are function-scoped; they do not change between examples.
EXAMPLES = settings(
    max_examples=200,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

HEADERS = ["Indicator", "Groep", "Datum", "Waarde", "Toelichting", "Docent", "", " waarde "]
CELLS = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["Verzuim", "Budget", "3A", "", " ", "\x00", "=1+1", "=SUM(A1:A3)", "@x"]),
    st.sampled_from(["31-12-2025", "1-9-25", "2025-10-01", "31.02.2026", "01/08/2025 10:00"]),
    st.sampled_from(
        ["72,5", "1.234,5", "80 %", "-3", "1e5", "NaN", "∞", "−4", "0,00005", "٣,5", "１２"]
    ),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.decimals(allow_nan=False, allow_infinity=False).map(lambda d: str(d).replace(".", ",")),
)


DAYS = st.dates(min_value=date(2025, 8, 1), max_value=date(2026, 7, 31))
# Mostly good cells per column, so that some files import cleanly.
GOOD = {
    "Indicator": st.sampled_from(["Budget", "BUDGET ", "budget", "Verzuim", ""]),
    "Groep": st.just(""),
    "Datum": st.builds(
        date.strftime, DAYS, st.sampled_from(["%d-%m-%Y", "%Y-%m-%d", "%d/%m/%y", "%d.%m.%Y"])
    ),
    "Waarde": st.sampled_from(["3", "0", "17", "4,5", "1.234,5", "12,34567"]),
    "Toelichting": st.text(st.characters(categories=["L", "N", "P", "Zs"]), max_size=30),
}


@st.composite
def plausible_files(draw):
    """Files a school could really upload, with some bad rows."""
    extra = draw(st.lists(st.sampled_from(["Groep", "Toelichting"]), unique=True))
    header = draw(st.permutations(["Indicator", "Datum", "Waarde", *extra]))
    buffer = io.StringIO()
    writer = csv.writer(
        buffer,
        delimiter=draw(st.sampled_from([";", ",", "\t"])),
        lineterminator=draw(st.sampled_from(["\n", "\r\n", "\r"])),
    )
    writer.writerow(header)
    for _ in range(draw(st.integers(0, 12))):
        if draw(st.sampled_from([True] * 9 + [False])):  # mostly good rows
            writer.writerow([draw(GOOD[name]) for name in header])
        else:
            writer.writerow(draw(st.lists(CELLS, max_size=len(header))))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    return buffer.getvalue().encode(encoding, errors="replace")


@st.composite
def malformed_files(draw):
    """Random headers and cells joined without quoting: broken rows, odd separators."""
    separator = draw(st.sampled_from([";", ",", "\t", "|"]))
    header = draw(st.lists(st.sampled_from(HEADERS), max_size=7))
    lines = [separator.join(header)]
    for row in draw(st.lists(st.lists(CELLS, max_size=len(header) + 2), max_size=12)):
        lines.append(separator.join(row))
    ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = ending.join(lines) + draw(st.sampled_from(["", ending * 3]))
    text = draw(st.sampled_from(["", "\ufeff"])) + text
    encoding = draw(st.sampled_from(["utf-8", "cp1252", "utf-16"]))
    return text.encode(encoding, errors="replace")


FILES = st.one_of(
    plausible_files(),
    malformed_files(),
    st.binary(max_size=300),
    st.text(max_size=300).map(str.encode),
)


def assert_consistent(result):
    assert result.ok == (not result.problems)
    assert result.more_problems >= 0
    assert len(result.problems) <= 1000
    if result.problems:
        assert result.rows.empty  # the caller saves nothing
    else:
        assert len(result.rows) + result.already_present == result.row_count
    # Skipping is offered only with rows left to save, and never keeps a row with a problem.
    assert set(result.good_rows.index).isdisjoint(result.skipped_rows)
    assert len(result.good_rows) + len(result.skipped_rows) <= result.row_count
    if result.skipped_rows:
        problem_rows = {problem.row for problem in result.problems}
        assert None not in problem_rows
        assert problem_rows <= set(result.skipped_rows)
    for row in [*result.rows.itertuples(), *result.good_rows.itertuples()]:
        value = Decimal(row.value)
        assert value == value.quantize(Decimal("0.0001"))
        assert abs(value) < 10**8
        assert date(2025, 8, 1) <= row.date <= date(2026, 7, 31)
        assert len(row.note) <= 500


@EXAMPLES
@given(data=FILES, fixed=st.sampled_from([None, ABSENCE, BUDGET]), mapping_choice=st.data())
def test_any_file_gives_a_file_problem_rows_or_problems(data, fixed, mapping_choice):
    with translation.override("en"):
        try:
            table = read_table(data, "upload.csv", max_bytes=100_000)
        except FileProblem as problem:
            assert problem.message
            event("file problem")
            return
        assert table.frame.index.is_monotonic_increasing
        assert table.frame.index[0] >= table.first_row_number
        assert {str(dtype) for dtype in table.frame.dtypes} <= {"object"}
        assert not table.frame.isna().any().any()
        context = make_context(fixed=fixed)
        guessed = guess_mapping(table.headers, fixed_indicator=fixed is not None)
        result = validate(table, guessed, context)
        event("rows" if result.ok else "problems")
        assert_consistent(result)
        choices = st.sampled_from(["", IGNORE, "indicator", "group", "date", "value", "note"])
        chosen = {header: mapping_choice.draw(choices) for header in table.headers}
        assert_consistent(validate(table, chosen, context))


@EXAMPLES
@given(
    values=st.lists(
        st.decimals(min_value=-99_999_999, max_value=99_999_999, places=6), min_size=1, max_size=20
    ),
    dutch=st.booleans(),
)
def test_valid_numbers_round_half_up_to_four_decimals(values, dutch):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(["Datum", "Waarde"])
    for day, value in enumerate(values):
        written = format(value, "f")
        writer.writerow(
            [
                f"{day % 28 + 1}-{day // 28 + 9}-2025",
                written.replace(".", ",") if dutch else written,
            ]
        )
    with translation.override("en"):
        table = read_table(buffer.getvalue().encode(), "a.csv", max_bytes=100_000)
        result = validate(table, {"Datum": "date", "Waarde": "value"}, make_context(fixed=BUDGET))
    expected = [value.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP) for value in values]
    if any(abs(value) >= 10**8 for value in expected):
        assert not result.ok
        return
    assert result.ok, result.problems
    assert [Decimal(value) for value in result.rows["value"]] == expected


@EXAMPLES
@given(
    value=st.decimals(min_value=-99_999_999, max_value=99_999_999, places=4),
    sign=st.sampled_from(["", "+", "-"]),
    comma=st.booleans(),
)
def test_signed_numbers_are_never_formulas(value, sign, comma):
    written = sign + format(abs(value), "f")
    written = written.replace(".", ",") if comma else written
    assert not looks_like_formula(written)
    assert looks_like_formula(f"{sign or '@'}SUM({written})")


LETTERS = st.text(st.characters(categories=["L", "N"], exclude_characters="\x85"), min_size=1)


@EXAMPLES
@given(notes=st.lists(LETTERS, min_size=1, max_size=20), stray=st.booleans())
def test_utf8_text_reads_back_as_written_even_with_one_stray_byte(notes, stray):
    notes = [*notes, "één"]  # at least one line that only UTF-8 reads this way
    lines = [b"Datum;Toelichting"] + [f"1-10-2025;{note}".encode() for note in notes]
    if stray:
        lines.append(b"2-10-2025;caf\xe9")
    with translation.override("en"):
        table = read_table(b"\r\n".join(lines), "a.csv", max_bytes=100_000)
    assert table.encoding == "utf-8"
    assert table.bad_lines == int(stray)
    assert list(table.frame["Toelichting"])[: len(notes)] == [note.strip() for note in notes]
