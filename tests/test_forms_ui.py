"""How every form looks and behaves: one field group per field, labels without colons, optional
fields marked, "Kies…" for an empty choice, help connected, and a page title that says when a
form came back with errors while keeping what the person typed."""

import re

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation

from kwaliteit.models import Team

from .helpers.pages import get


class SampleForm(forms.Form):
    name = forms.CharField(label="Naam", help_text="Zoals op het rooster.")
    team = forms.ModelChoiceField(label="Team", queryset=Team.objects.none())
    remark = forms.CharField(label="Opmerking", required=False)
    level = forms.ChoiceField(label="Niveau", choices=[("", "---------"), ("a", "A")])
    agree = forms.BooleanField(label="Akkoord", required=False)
    days = forms.MultipleChoiceField(
        label="Dagen",
        choices=[("ma", "maandag"), ("di", "dinsdag")],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


def field_groups(html):
    return re.findall(r'<div class="field[^"]*">(.*?)\n</div>', html, flags=re.S)


@pytest.mark.django_db
def test_every_field_sits_in_its_own_group_with_a_label_without_colon():
    with translation.override("nl"):
        html = str(SampleForm().as_div())

    groups = field_groups(html)
    assert len(groups) == 6
    labels = re.findall(r"<label[^>]*>(.*?)</label>", html, flags=re.S)
    assert labels[:5] == ["Naam", "Team", "Opmerking", "Niveau", "Akkoord"]


@pytest.mark.django_db
def test_optional_fields_are_marked_in_words_and_required_ones_are_required():
    with translation.override("nl"):
        form = SampleForm()
        remark, name = form["remark"].as_field_group(), form["name"].as_field_group()
        agree = form["agree"].as_field_group()
        days = form["days"].as_field_group()

    assert '<span class="optional">(optioneel)</span>' in remark
    assert "optioneel" not in name and "required" in name
    assert "optioneel" not in agree  # a single checkbox is a choice, not a field to fill in
    assert re.search(r'<legend>Dagen <span class="optional">\(optioneel\)</span></legend>', days)


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "text"), [("nl", "Kies…"), ("en", "Choose…")])
def test_empty_choices_say_choose_instead_of_dashes(language, text):
    with translation.override(language):
        html = str(SampleForm().as_div())

    assert "---------" not in html
    assert html.count(f'<option value="" selected>{text}</option>') == 2


@pytest.mark.django_db
def test_help_text_is_connected_to_its_field():
    html = SampleForm()["name"].as_field_group()

    assert 'aria-describedby="id_name_helptext"' in html
    assert '<div class="helptext" id="id_name_helptext">Zoals op het rooster.</div>' in html


def invite_url(world):
    return reverse("kwaliteit:member-invite", kwargs={"school_slug": world.school.slug})


def title(response):
    return re.search(r"<title>(.*?)</title>", response.content.decode(), flags=re.S).group(1)


def test_the_page_title_says_error_after_a_form_error_and_the_input_is_kept(world):
    client = world.client_for("coordinator")

    response = client.post(invite_url(world), {"email": "geen-adres", "full_name": "Anna de Wit"})

    assert response.status_code == 200
    assert title(response).startswith("Fout: ")
    html = response.content.decode()
    assert 'id="form-errors"' in html
    assert 'value="Anna de Wit"' in html and 'value="geen-adres"' in html


@pytest.mark.parametrize(
    ("name", "data", "kept"),
    [
        ("pdca:new", {"title": "Begrijpend lezen omhoog", "owner": ""}, "Begrijpend lezen omhoog"),
        ("dataplan:indicator-new", {"name": "Rekenen groep 6", "unit": "?"}, "Rekenen groep 6"),
        ("kwaliteitskaarten:new", {"title": "Rekenles met een doel", "owner": ""}, "Rekenles"),
    ],
)
def test_what_was_typed_survives_a_form_error(world, name, data, kept):
    url = reverse(name, kwargs={"school_slug": world.school.slug})

    response = world.client_for("coordinator").post(url, data)

    assert response.status_code == 200
    assert title(response).startswith("Fout: ")
    assert f'value="{kept}' in response.content.decode()


def test_the_page_title_is_plain_without_errors(world):
    response = get(world.client_for("coordinator"), invite_url(world))

    assert not title(response).startswith("Fout")


def test_the_error_title_is_english_in_english(world):
    client = world.client_for("coordinator")
    client.cookies["django_language"] = "en"
    world.users["coordinator"].language = "en"
    world.users["coordinator"].save()

    response = client.post(invite_url(world), {"email": "", "full_name": ""})

    assert title(response).startswith("Error: ")


def test_a_formset_with_errors_also_marks_the_title(world, vision):
    """The vision draft edits a form and a formset of values; an error in a value counts."""
    url = reverse("kwaliteit:vision-draft", kwargs={"school_slug": world.school.slug})
    page = get(world.client_for("coordinator"), url).content.decode()
    data = dict(re.findall(r'name="([^"]+)"[^>]*value="([^"]*)"', page))
    data.update({"title": "Visie", "statement": "Samen", "values-0-name": ""})
    data["values-0-description"] = "Zonder naam"

    response = world.client_for("coordinator").post(url, data)

    assert response.status_code == 200
    assert title(response).startswith("Fout: ")
