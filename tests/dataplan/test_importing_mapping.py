"""Mapping the columns of a measurement file, and matching its indicators and groups."""

import pytest
from django.utils import translation

from dataplan.importing import (
    FIELDS,
    IGNORE,
    guess_mapping,
)

from .helpers import (
    ABSENCE,
    BUDGET,
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
