"""One way to type numbers and one way to show numbers and dates, in Dutch and in English."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import timezone, translation

from kwaliteit.fields import DecimalNumberField
from kwaliteit.numbers import NotANumber, parse_decimal


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("7,0", "7"),
        ("7,5", "7.5"),
        ("7.5", "7.5"),
        ("1.234,5", "1234.5"),
        ("1,234.5", "1234.5"),
        ("1 234,5", "1234.5"),
        ("1\u00a0234,5", "1234.5"),
        ("12.345.678", "12345678"),
        ("0.125", "0.125"),  # a leading 0 never starts a thousands group
        ("0,125", "0.125"),
        ("-7,5", "-7.5"),
        ("\u22127,5", "-7.5"),  # a typographic minus
        (" 75 ", "75"),
        (",5", "0.5"),
    ],
)
def test_numbers_are_read_the_way_people_type_them(typed, meant):
    assert parse_decimal(typed) == Decimal(meant)
    assert parse_decimal(typed, thousands_separator=",") == Decimal(meant)


def test_the_one_ambiguous_shape_follows_the_language():
    assert parse_decimal("1.234", thousands_separator=".") == Decimal(1234)  # Dutch
    assert parse_decimal("1,234", thousands_separator=".") == Decimal("1.234")
    assert parse_decimal("1,234", thousands_separator=",") == Decimal(1234)  # English
    assert parse_decimal("1.234", thousands_separator=",") == Decimal("1.234")


@pytest.mark.parametrize(
    "typed", ["zeven", "7,", "1e3", "NaN", "Infinity", "²", "٣", "1.23,5", "1,2,3", "7 5", "--7"]
)
def test_what_is_not_a_number_is_refused(typed):
    # Misplaced thousands marks are named as such, so the form can say what to fix.
    reason = "grouping" if typed in {"1.23,5", "1,2,3", "7 5"} else "invalid"
    with pytest.raises(NotANumber, match=f"^{reason}$"):
        parse_decimal(typed)


class NormForm(forms.Form):
    norm = DecimalNumberField(max_digits=12, decimal_places=4)


@pytest.mark.parametrize(
    ("typed", "saved"), [("7,0", "7"), ("7,5", "7.5"), ("1.234,5", "1234.5"), ("7.5", "7.5")]
)
def test_the_field_reads_dutch_numbers(typed, saved):
    with translation.override("nl"):
        form = NormForm({"norm": typed})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["norm"] == Decimal(saved)


def test_the_field_refuses_garbage_with_a_message_in_the_users_language():
    with translation.override("nl"):
        form = NormForm({"norm": "zeven"})
        assert not form.is_valid()
        assert form.errors["norm"] == ["Typ een getal, bijvoorbeeld 7,5 of 1.234,5."]
    with translation.override("en"):
        form = NormForm({"norm": "1.23,5"})
        assert not form.is_valid()
        assert "without thousands separators" in form.errors["norm"][0]


def test_the_field_is_a_text_input_with_a_decimal_keyboard_showing_the_stored_value():
    with translation.override("nl"):
        html = str(NormForm(initial={"norm": Decimal("7.5000")})["norm"])
    assert 'type="text"' in html and 'inputmode="decimal"' in html
    assert 'value="7,5"' in html
    with translation.override("en"):
        html = str(NormForm(initial={"norm": Decimal("70.0000")})["norm"])
    assert 'value="70"' in html
    with translation.override("nl"):
        form = NormForm({"norm": "7,5x"})
        form.is_valid()
        assert 'value="7,5x"' in str(form["norm"])  # what the user typed comes back


def test_too_many_decimals_are_refused():
    with translation.override("en"):
        form = NormForm({"norm": "7,12345"})
        assert not form.is_valid()
        assert "4 decimal places" in form.errors["norm"][0]


def render(text, **context):
    return Template(text).render(Context(context))


@pytest.mark.parametrize(
    ("language", "small", "large"), [("nl", "7,5", "12.345,5"), ("en", "7.5", "12,345.5")]
)
def test_numbers_are_shown_without_trailing_zeros(language, small, large):
    with translation.override(language):
        shown = render(
            "{{ a|number }} {{ b|number }} {{ c|number }}",
            a=Decimal("7.5000"),
            b=Decimal("12345.5000"),
            c=Decimal("70.0000"),
        )
    assert shown == f"{small} {large} 70"


@pytest.mark.parametrize(
    ("language", "long", "short", "march", "may"),
    [
        ("nl", "1 augustus 2026", "1 aug. 2026", "12 mrt. 2026", "1 mei 2026"),
        ("en", "1 August 2026", "1 Aug 2026", "12 Mar 2026", "1 May 2026"),
    ],
)
def test_one_date_format_in_both_languages(language, long, short, march, may):
    template = (
        '{{ d|date }}|{{ d|date:"SHORT_DATE_FORMAT" }}|{{ m|date:"SHORT_DATE_FORMAT" }}|'
        '{{ y|date:"SHORT_DATE_FORMAT" }}|{{ t|date:"DATETIME_FORMAT" }}'
    )
    moment = timezone.make_aware(datetime(2026, 8, 1, 14, 5))
    with translation.override(language):
        shown = render(
            template, d=date(2026, 8, 1), m=date(2026, 3, 12), y=date(2026, 5, 1), t=moment
        )
    assert shown.split("|") == [long, short, march, may, f"{long}, 14:05"]


def test_iso_stays_iso_where_it_is_a_machine_value():
    with translation.override("nl"):
        assert render("{{ d|date:'Y-m-d' }}", d=date(2026, 8, 1)) == "2026-08-01"


def test_a_number_with_a_unit_is_refused():
    with translation.override("en"), pytest.raises(ValidationError, match="Type a number"):
        DecimalNumberField(max_digits=12, decimal_places=4).clean("7,5 %")
