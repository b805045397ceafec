"""Cards through the pages: write, adopt, follow agreements up, read the register."""

from datetime import date

from django.urls import reverse
from django.utils import timezone

from kwaliteitskaarten import services
from kwaliteitskaarten.models import CardVersion, Kwaliteitskaart


def test_coordinator_writes_a_card_and_a_leader_adopts_it(world, vision):
    client = world.client_for("coordinator")
    slug = world.school.slug
    response = client.post(
        reverse("kwaliteitskaarten:new", args=[slug]),
        {
            "title": "Begrijpend lezen",
            "owner": world.users["teacher"].pk,
            "team": world.team.pk,
            "review_interval_months": 12,
        },
    )
    card = Kwaliteitskaart.objects.get(title="Begrijpend lezen")
    assert response["Location"] == reverse("kwaliteitskaarten:draft", args=[slug, card.pk])
    value = vision["v2"].core_values.first()
    client.post(
        reverse("kwaliteitskaarten:draft", args=[slug, card.pk]),
        {
            "why": "Lezen opent de wereld.",
            "core": "Elke dag twintig minuten stillezen.",
            "autonomy": "De boekkeuze is vrij.",
            "how_we_see_it": "",
            "core_values": [value.pk],
        },
    )
    leader = world.client_for("leader")
    url = reverse("kwaliteitskaarten:adopt", args=[slug, card.pk])
    seen = leader.get(url).context["form"].initial["seen"]
    response = leader.post(url, {"adopted_on": "2026-01-15", "seen": seen})
    assert response.status_code == 302
    version = card.versions.get()
    assert (version.status, version.adopted_by) == ("adopted", world.users["leader"])
    page = world.client_for("viewer").get(reverse("kwaliteitskaarten:card", args=[slug, card.pk]))
    html = page.content.decode()
    assert "Elke dag twintig minuten stillezen." in html and value.name in html


def test_adopting_without_core_or_value_shows_what_is_missing(world):
    client = world.client_for("leader")
    url = reverse("kwaliteitskaarten:adopt", args=[world.school.slug, world.card.pk])
    seen = client.get(url).context["form"].initial["seen"]
    response = client.post(url, {"adopted_on": "2026-01-15", "seen": seen})
    assert response.status_code == 200
    assert len(response.context["form"].non_field_errors()) == 2  # core and core value
    assert world.card.versions.get().status == "draft"


def test_teacher_records_a_check_on_an_own_agreement(world):
    client = world.client_for("teacher")
    url = reverse("kwaliteitskaarten:agreement-check", args=[world.school.slug, world.agreement.pk])
    response = client.post(url, {"result": "partly", "checked_on": "2026-03-04", "note": "Bijna"})
    assert response.status_code == 302
    world.agreement.refresh_from_db()
    assert world.agreement.checks.get().result == "partly"
    assert world.agreement.next_check_on == date(2026, 6, 4)


def test_teacher_cannot_check_someone_elses_agreement(world):
    agreement = services.agreement_add(
        card=world.card,
        text="Andere afspraak",
        owner=world.users["leader"],
        check_interval_months=3,
        first_check_on=date(2026, 3, 1),
    )
    client = world.client_for("teacher")
    url = reverse("kwaliteitskaarten:agreement-check", args=[world.school.slug, agreement.pk])
    assert client.post(url, {"result": "kept", "checked_on": "2026-03-04"}).status_code == 403
    assert not agreement.checks.exists()


def test_a_check_in_the_future_gets_a_message_and_saves_nothing(world):
    client = world.client_for("teacher")
    url = reverse("kwaliteitskaarten:agreement-check", args=[world.school.slug, world.agreement.pk])
    tomorrow = timezone.localdate().replace(year=timezone.localdate().year + 1)
    response = client.post(url, {"result": "kept", "checked_on": tomorrow.isoformat()}, follow=True)
    card = reverse("kwaliteitskaarten:card", args=[world.school.slug, world.card.pk])
    assert response.redirect_chain == [(card, 302)]  # no `next`: the agreement's card
    pk = world.agreement.pk
    html = response.content.decode()
    assert (
        f'<p class="error" id="check-date-error-{pk}">Een opvolging kan niet in de toekomst' in html
    )
    assert f'value="{tomorrow.isoformat()}"' in html
    assert not world.agreement.checks.exists()


def test_an_agreement_without_owner_comes_back_on_the_card_with_the_message(world):
    client = world.client_for("coordinator")
    card = reverse("kwaliteitskaarten:card", args=[world.school.slug, world.card.pk])
    url = reverse("kwaliteitskaarten:agreement-add", args=[world.school.slug, world.card.pk])
    data = {"text": "Elke dag <em>buiten</em> spelen", "check_interval_months": 2}
    response = client.post(url, data, follow=True)
    assert response.redirect_chain == [(card, 302)]
    html = response.content.decode()
    assert '<details class="card narrow" id="add-agreement" open>' in html
    assert 'value="Elke dag &lt;em&gt;buiten&lt;/em&gt; spelen"' in html  # what was typed
    form = response.context["agreement_form"]
    assert form.errors["owner"] == ["Kies wie de afspraak opvolgt."]
    assert "autofocus" in str(form["owner"])  # the first field with a message takes the focus
    assert not world.card.agreements.filter(text__contains="buiten").exists()

    data.update(owner=world.users["teacher"].pk, first_check_on="2027-01-04")
    response = client.post(url, data)
    agreement = world.card.agreements.get(text__contains="buiten")
    assert response["Location"] == f"{card}#agreement-{agreement.pk}"


def test_register_flags_overdue_checks(world):
    client = world.client_for("viewer")
    url = reverse("kwaliteitskaarten:register", args=[world.school.slug])
    response = client.get(url + "?achterstallig=1")
    assert list(response.context["agreements"]) == [world.agreement]  # due 1 March 2026
    assert "opvolging te laat" in response.content.decode()  # the overdue badge


def test_review_starts_a_draft_and_the_next_redirect_stays_on_this_site(world, vision):
    draft = world.card.versions.get()
    draft.core = "Kern"
    draft.save()
    draft.core_values.set(vision["v2"].core_values.all())
    services.card_adopt(version=draft, user=world.users["leader"])
    client = world.client_for("coordinator")
    response = client.post(
        reverse("kwaliteitskaarten:review", args=[world.school.slug, world.card.pk])
    )
    assert response.status_code == 302
    assert CardVersion.objects.filter(card=world.card, status="draft").get().number == 2
    url = reverse("kwaliteitskaarten:agreement-check", args=[world.school.slug, world.agreement.pk])
    response = client.post(
        url, {"result": "kept", "checked_on": "2026-03-04", "next": "https://evil.example/"}
    )
    assert response["Location"].startswith("/s/")


def test_archived_card_leaves_the_register(world):
    client = world.client_for("coordinator")
    client.post(
        reverse("kwaliteitskaarten:archive", args=[world.school.slug, world.card.pk]),
        {"bevestigd": "ja"},
    )
    world.card.refresh_from_db()
    assert world.card.archived_on == timezone.localdate()
    register = client.get(reverse("kwaliteitskaarten:register", args=[world.school.slug]))
    assert list(register.context["agreements"]) == []
    teacher = world.client_for("teacher")
    url = reverse("kwaliteitskaarten:archive", args=[world.school.slug, world.card.pk])
    assert teacher.post(url).status_code == 403


def test_the_cards_owner_writes_its_draft_and_other_teachers_do_not(world, vision):
    from django.test import Client

    from ..factories import MembershipFactory

    url = reverse("kwaliteitskaarten:draft", args=[world.school.slug, world.card.pk])
    owner = world.client_for("teacher")  # the teacher persona owns world.card
    value = vision["v2"].core_values.first()
    response = owner.post(
        url,
        {
            "why": "",
            "core": "Door de eigenaar",
            "autonomy": "",
            "how_we_see_it": "",
            "core_values": [value.pk],
        },
    )
    assert response.status_code == 302
    assert world.card.versions.get().core == "Door de eigenaar"
    colleague = Client()
    colleague.force_login(MembershipFactory(school=world.school, role="teacher").user)
    assert colleague.get(url).status_code == 403
    assert colleague.post(url, {"core": "Niet van mij"}).status_code == 403
    assert world.card.versions.get().core == "Door de eigenaar"
