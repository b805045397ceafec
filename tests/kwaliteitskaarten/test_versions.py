"""A card's versions, what changed between two of them, its staff-room PDF, and vision coverage."""

import io
from datetime import date

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from kwaliteit.models import CoreValue, Job
from kwaliteitskaarten import services
from kwaliteitskaarten.coverage import coverage_for_vision
from kwaliteitskaarten.models import CardVersion

from ..helpers.pages import get


def pdf_pages(data):
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def adopt(world, card, *, core, values, why="", autonomy="", how="", indicators=()):
    """Write the card's draft (starting a review if needed) and have the leader adopt it."""
    draft = card.versions.filter(status="draft").first()
    if draft is None:
        draft = services.card_review_start(card=card, user=world.users["coordinator"])
    services.card_draft_update(
        version=draft,
        why=why,
        core=core,
        autonomy=autonomy,
        how_we_see_it=how,
        core_values=list(values),
        indicators=list(indicators),
    )
    return services.card_adopt(version=draft, user=world.users["leader"])


def draft(world, card, **changes):
    version = services.card_review_start(card=card, user=world.users["coordinator"])
    CardVersion.objects.filter(pk=version.pk).update(**changes)
    return version


def values_of(vision, *names):
    return [v for v in vision["v2"].core_values.all() if v.name in names]


def url(name, world, *args, card=None):
    return reverse(
        f"kwaliteitskaarten:{name}", args=[world.school.slug, (card or world.card).pk, *args]
    )


@pytest.fixture
def history(world, vision):
    """world.card: version 1 and 2 adopted, version 3 a draft."""
    adopt(
        world,
        world.card,
        why="Feedback helpt leren.",
        core="Elke les sluit af met een exit-ticket.",
        values=values_of(vision, "Samen"),
    )
    services.agreement_add(
        card=world.card,
        text="Wekelijks een collegiale lesbezoek",
        owner=world.users["leader"],
        check_interval_months=2,
        first_check_on=date(2026, 4, 1),
    )
    adopt(
        world,
        world.card,
        why="Feedback helpt leren.",
        core="Elke les sluit af met een korte exit-ticket.",
        autonomy="De vorm kies je zelf.",
        values=values_of(vision, "Samen", "Nieuwsgierigheid"),
        indicators=[world.indicator],
    )
    draft(world, world.card, core="Nog in bespreking: de geheime nieuwe kern.")
    return world.card


# --- the versions page --------------------------------------------------------------------------


def test_teachers_see_adopted_versions_only_writers_see_the_draft(world, history):
    teacher = get(world.client_for("teacher"), url("versions", world))
    assert [v.number for v in teacher.context["versions"]] == [2, 1]
    coordinator = get(world.client_for("coordinator"), url("versions", world))
    assert [v.number for v in coordinator.context["versions"]] == [3, 2, 1]
    html = coordinator.content.decode()
    assert world.users["leader"].full_name in html  # adopted by whom
    # nor can a teacher open the draft through the comparison
    assert get(world.client_for("teacher"), url("compare", world, 3)).status_code == 404
    assert get(world.client_for("leader"), url("compare", world, 3)).status_code == 200


def test_other_schools_and_anonymous_people_are_kept_out(world, history):
    assert get(world.client_for("outsider"), url("versions", world)).status_code == 404
    anonymous = get(world.client_for("anonymous"), url("versions", world))
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("login"))
    assert get(world.client_for("teacher"), url("pdf", world)).status_code == 405


# --- comparing two versions ---------------------------------------------------------------------


def test_compare_shows_what_changed_word_by_word_and_in_lists(world, history):
    response = get(world.client_for("viewer"), url("compare", world, 2))
    assert response.status_code == 200
    assert (response.context["old"].number, response.context["new"].number) == (1, 2)
    html = response.content.decode()
    assert 'class="visually-hidden">[' in html
    core = next(p for p in response.context["parts"] if p["name"] == "core")
    assert [c.text for c in core["new_chunks"] if c.op == "insert"] == ["korte "]
    assert [c.op for c in core["old_chunks"]] == ["equal"]
    assert "<ins>" in html and "korte " in html
    why = next(p for p in response.context["parts"] if p["name"] == "why")
    assert not why["changed"]
    values = {c.name: c.status for c in response.context["value_changes"]}
    assert values == {"Samen": "same", "Nieuwsgierigheid": "added"}
    indicators = {c.name: c.status for c in response.context["indicator_changes"]}
    assert indicators == {world.indicator.name: "added"}
    agreements = {c.name: c.status for c in response.context["agreement_changes"]}
    assert agreements == {
        world.agreement.text: "same",
        "Wekelijks een collegiale lesbezoek": "added",
    }


def test_compare_with_a_chosen_version(world, history):
    response = get(world.client_for("coordinator"), url("compare", world, 3) + "?with=1")
    assert (response.context["old"].number, response.context["new"].number) == (1, 3)
    core = next(p for p in response.context["parts"] if p["name"] == "core")
    inserted = [c.text for c in core["new_chunks"] if c.op == "insert"]
    assert inserted == ["Nog in bespreking: de geheime nieuwe kern."]  # one run, not per word
    assert "geheime nieuwe kern" in response.content.decode()
    missing = get(world.client_for("coordinator"), url("compare", world, 3) + "?with=9")
    assert missing.status_code == 404


def test_the_first_version_has_nothing_to_compare_and_goes_to_the_versions(world, history):
    response = world.client_for("teacher").get(url("compare", world, 1), follow=True)
    assert response.redirect_chain == [(url("versions", world), 302)]
    assert len(list(response.context["messages"])) == 1


def test_html_in_card_text_is_shown_as_text(world, vision):
    adopt(
        world,
        world.card,
        core="<script>alert(1)</script> & meer",
        values=values_of(vision, "Samen"),
    )
    adopt(
        world,
        world.card,
        core="<b>vet</b> <script>alert(2)</script>",
        values=values_of(vision, "Samen"),
    )
    html = get(world.client_for("teacher"), url("compare", world, 2)).content.decode()
    assert "<script>alert" not in html and "<b>vet" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;vet&lt;/b&gt;" in html


# --- the staff-room PDF -------------------------------------------------------------------------


def request_pdf(world, card, capture, persona="teacher"):
    with capture(execute=True):
        response = world.client_for(persona).post(url("pdf", world, card=card))
    assert response.status_code == 302
    job = Job.objects.get()
    assert response["Location"] == reverse("kwaliteit:job", args=[world.school.slug, job.id])
    assert job.kind == "card_pdf" and job.status == "done", job.error
    with job.file.open("rb") as handle:
        return pdf_pages(handle.read())


def test_the_card_prints_on_one_page_with_its_core_and_agreements(
    world, history, django_capture_on_commit_callbacks
):
    pages = request_pdf(world, world.card, django_capture_on_commit_callbacks)
    assert len(pages) == 1
    text = " ".join(pages[0].split())
    assert world.card.title in text
    assert "korte exit-ticket" in text  # the adopted version's core, not the draft's
    assert "geheime" not in text
    assert world.agreement.text in text and world.users["leader"].full_name in text
    assert "Samen" in text and world.indicator.name in text
    assert world.team.name in text and world.users["teacher"].full_name in text


def test_a_long_card_with_every_text_at_its_limit_still_prints_on_one_page(
    world, vision, django_capture_on_commit_callbacks
):
    for i in range(8):
        services.agreement_add(
            card=world.card,
            text=(f"Afspraak {i}: " + "we doen dit samen elke week " * 9)[:160],
            owner=world.users["leader"],
            check_interval_months=3,
            first_check_on=date(2026, 4, 1),
        )
    adopt(
        world,
        world.card,
        why=("Waarom dit ertoe doet. " * 80)[:1500],
        core=("Zo ziet goed eruit in elke klas. " * 70)[:2000],
        autonomy=("Hier ben je vrij in. " * 80)[:1500],
        how=("Zo zien we het terug. " * 50)[:1000],
        values=vision["v2"].core_values.all(),
        indicators=[world.indicator],
    )
    pages = request_pdf(world, world.card, django_capture_on_commit_callbacks)
    assert len(pages) == 1


def test_html_in_card_text_is_text_in_the_pdf(world, vision, django_capture_on_commit_callbacks):
    world.card.title = "<b>Vet</b> & co"
    world.card.save()
    adopt(
        world,
        world.card,
        core="<i>schuin</i> & <script>x</script>",
        values=values_of(vision, "Samen"),
    )
    text = " ".join(request_pdf(world, world.card, django_capture_on_commit_callbacks))
    assert "<b>Vet</b> & co" in text
    assert "<i>schuin</i> & <script>x</script>" in text


def test_a_card_without_an_adopted_version_has_no_pdf(world):
    response = world.client_for("teacher").post(url("pdf", world))
    assert response.status_code == 404
    assert not Job.objects.exists()


# --- coverage of the vision ---------------------------------------------------------------------


def test_coverage_lists_the_cards_per_value_and_flags_an_uncovered_one(world, vision):
    def card(title):
        return services.card_create(
            school=world.school,
            title=title,
            owner=world.users["teacher"],
            team=None,
            user=world.users["coordinator"],
        )

    samen, vertrouwen, nieuwsgierig = (
        values_of(vision, n)[0] for n in ("Samen", "Vertrouwen", "Nieuwsgierigheid")
    )
    old_vertrouwen = vision["v1"].core_values.get(name="Vertrouwen")
    adopt(world, world.card, core="Kern", values=[samen])
    reading = card("Begrijpend lezen")
    adopt(world, reading, core="Kern", values=[old_vertrouwen, samen])  # older vision: same name
    archived = card("Oud thema")
    adopt(world, archived, core="Kern", values=[nieuwsgierig])
    services.card_archive(card=archived)
    concept = card("Nog een concept")
    services.card_draft_update(
        version=concept.versions.get(),
        why="",
        core="Kern",
        autonomy="",
        how_we_see_it="",
        core_values=[nieuwsgierig],
        indicators=[],
    )
    moved_on = card("Onderzoekend leren")
    adopt(world, moved_on, core="Kern", values=[nieuwsgierig])
    adopt(world, moved_on, core="Kern 2", values=[samen])  # the version in force dropped it
    draft(world, moved_on)  # a draft is not in force either
    CoreValue.objects.create(vision=vision["v2"], name="Elders", position=9)

    with CaptureQueriesContext(connection) as queries:
        coverage = coverage_for_vision(vision["v2"])
    assert len(queries.captured_queries) <= 2
    cards = {item.value.name: [c.title for c in item.cards] for item in coverage}
    assert cards == {
        "Samen": ["Begrijpend lezen", "Feedback in de klas", "Onderzoekend leren"],
        "Vertrouwen": ["Begrijpend lezen"],
        "Nieuwsgierigheid": [],
        "Elders": [],
    }
    assert [item.covered for item in coverage] == [True, True, False, False]

    request = RequestFactory().get("/")
    request.school = world.school
    html = render_to_string("kwaliteitskaarten/_coverage.html", {"coverage": coverage}, request)
    assert html.count('class="badge action"') == 2
    assert reverse("kwaliteitskaarten:card", args=[world.school.slug, reading.pk]) in html


def test_coverage_escapes_card_titles(world, vision):
    world.card.title = "<script>x</script>"
    world.card.save()
    adopt(world, world.card, core="Kern", values=values_of(vision, "Samen"))
    request = RequestFactory().get("/")
    request.school = world.school
    html = render_to_string(
        "kwaliteitskaarten/_coverage.html", {"coverage": coverage_for_vision(vision["v2"])}, request
    )
    assert "<script>x" not in html and "&lt;script&gt;x" in html


def test_the_vision_section_uses_the_prefetched_values_and_renders_the_block(world, vision):
    from kwaliteit import selectors as core_selectors
    from kwaliteit.permissions import Access
    from kwaliteitskaarten.coverage import vision_section

    adopt(world, world.card, core="Kern", values=values_of(vision, "Samen"))
    current = core_selectors.vision_current(school=world.school)
    request = RequestFactory().get("/")
    request.school = world.school
    request.access = Access(world.school, "viewer")
    with CaptureQueriesContext(connection) as queries:
        html = vision_section(request, current)
    assert len(queries.captured_queries) == 1  # the values came with the version
    assert world.card.title in html and html.count('class="badge action"') == 2
    assert vision_section(request, None) == ""


# --- query counts -------------------------------------------------------------------------------


def count(client, address):
    with CaptureQueriesContext(connection) as context:
        response = get(client, address)
    assert response.status_code == 200, address
    return len(context.captured_queries)


@pytest.mark.parametrize("page", ["versions", "compare"])
def test_query_counts_do_not_grow_with_the_number_of_versions(world, vision, page):
    client = world.client_for("coordinator")
    values = vision["v2"].core_values.all()

    def grow(n):
        for i in range(n):
            adopt(world, world.card, core=f"Kern {i}", values=values, indicators=[world.indicator])
            services.agreement_add(
                card=world.card,
                text=f"Afspraak {i}",
                owner=world.users["leader"],
                check_interval_months=3,
                first_check_on=date(2026, 4, 1),
            )

    grow(2)
    draft(world, world.card, core="Een concept")

    def address():
        latest = world.card.versions.order_by("-number").first().number
        return url("versions", world) if page == "versions" else url("compare", world, latest)

    get(client, address())  # warm up
    few = count(client, address())
    grow(48)
    draft(world, world.card, core="Nog een concept")
    many = count(client, address())
    assert few == many
    assert many <= 16
