"""Card self-assessment: periods, answering every card once, team scores only in aggregate."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from kwaliteit.models import Role
from kwaliteit.permissions import Access
from kwaliteitskaarten import services
from kwaliteitskaarten.models import (
    AssessmentAnswer,
    AssessmentPeriod,
)
from kwaliteitskaarten.selectors_assessment import team_scores_for

from ..factories import CardVersionFactory, KwaliteitskaartFactory, MembershipFactory

TODAY = timezone.localdate()


def client_for(world, persona):
    """A client that reads the pages in English, whatever the person's profile says."""
    client = world.client_for(persona)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def adopted_card(world, title, *, core="Elke les eindigt met feedback.", archived=False):
    card = KwaliteitskaartFactory(
        school=world.school,
        title=title,
        owner=world.users["teacher"],
        archived_on=TODAY if archived else None,
    )
    CardVersionFactory(
        card=card,
        core=core,
        adopted=True,
        adopted_on=TODAY - timedelta(days=30),
        adopted_by=world.users["leader"],
        created_by=world.users["coordinator"],
    )
    return card


def period(world, name="Voorjaar", *, opens=-3, closes=3, school=None):
    return AssessmentPeriod.objects.create(
        school=school or world.school,
        name=name,
        opens_on=TODAY + timedelta(days=opens),
        closes_on=TODAY + timedelta(days=closes),
    )


def answer(the_period, card, score, respondent=None, remark=""):
    respondent = respondent or MembershipFactory(school=card.school, role=Role.TEACHER).user
    return AssessmentAnswer.objects.create(
        period=the_period, card=card, respondent=respondent, score=score, remark=remark
    )


def periods_url(world):
    return reverse("kwaliteitskaarten:assessment", args=[world.school.slug])


def answer_url(world, the_period):
    return reverse("kwaliteitskaarten:assessment-answer", args=[world.school.slug, the_period.pk])


# --- periods ----------------------------------------------------------------------------------


def test_coordinator_makes_a_period_and_everybody_sees_its_state(world):
    client = client_for(world, "coordinator")
    data = {
        "name": "Voorjaar 2026",
        "opens_on": (TODAY - timedelta(days=1)).isoformat(),
        "closes_on": (TODAY + timedelta(days=14)).isoformat(),
    }
    response = client.post(periods_url(world), data)
    assert response.status_code == 302
    made = AssessmentPeriod.objects.get(school=world.school)
    assert (made.name, made.opens_on) == ("Voorjaar 2026", TODAY - timedelta(days=1))
    period(world, "Najaar 2025", opens=-200, closes=-150)
    period(world, "Najaar 2026", opens=100, closes=130)
    page = client_for(world, "viewer").get(periods_url(world))
    assert page.status_code == 200
    names = [p.name for p in page.context["periods"]]
    assert names == ["Najaar 2026", "Voorjaar 2026", "Najaar 2025"]
    html = page.content.decode()
    assert "not open yet" in html and "closed" in html and ">open<" in html
    assert page.context["form"] is None  # viewers do not make periods
    assert answer_url(world, made) not in html  # nor answer


def test_a_period_that_closes_before_it_opens_is_refused(world):
    client = client_for(world, "coordinator")
    data = {"name": "Omgekeerd", "opens_on": "2026-05-10", "closes_on": "2026-05-01"}
    response = client.post(periods_url(world), data)
    assert response.status_code == 200
    assert "cannot close before" in str(response.context["form"].errors["closes_on"])
    assert not AssessmentPeriod.objects.exists()


def test_an_overlapping_period_is_refused_with_the_other_period_named(world):
    period(world, "Voorjaar", opens=0, closes=20)
    period(world, "Elders", opens=0, closes=20, school=world.other_school)
    client = client_for(world, "coordinator")
    data = {
        "name": "Dubbel",
        "opens_on": (TODAY + timedelta(days=20)).isoformat(),  # shares the last day
        "closes_on": (TODAY + timedelta(days=40)).isoformat(),
    }
    response = client.post(periods_url(world), data)
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert "overlaps “Voorjaar”" in errors[0]
    assert not AssessmentPeriod.objects.filter(name="Dubbel").exists()
    data["opens_on"] = (TODAY + timedelta(days=21)).isoformat()  # the day after: fine
    assert client.post(periods_url(world), data).status_code == 302


@pytest.mark.parametrize("persona", ["leader", "teacher", "viewer", "board_member"])
def test_only_coordinators_and_leaders_make_periods(world, persona):
    data = {"name": "X", "opens_on": "2026-05-01", "closes_on": "2026-05-10"}
    response = client_for(world, persona).post(periods_url(world), data)
    assert response.status_code == (302 if persona == "leader" else 403)
    assert AssessmentPeriod.objects.exists() == (persona == "leader")


def test_period_names_are_shown_as_text(world):
    period(world, "<script>alert(1)</script>")
    html = client_for(world, "teacher").get(periods_url(world)).content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html


# --- answering --------------------------------------------------------------------------------


def test_answer_page_lists_every_adopted_card_that_is_not_archived(world):
    adopted_card(world, "Begrijpend lezen", core="Elke dag stillezen.")
    adopted_card(world, "Oud thema", archived=True)
    open_period = period(world)
    response = client_for(world, "teacher").get(answer_url(world, open_period))
    assert response.status_code == 200
    assert [c.title for c in response.context["cards"]] == ["Begrijpend lezen"]  # not the concept
    html = response.content.decode()
    assert "Elke dag stillezen." in html
    for label in ("1 · not recognisable", "2 · a little", "3 · largely", "4 · fully"):
        assert label in html
    assert html.count('type="radio"') == 4


def test_teacher_answers_several_cards_at_once_and_each_only_once(world):
    lezen, rekenen = adopted_card(world, "Lezen"), adopted_card(world, "Rekenen")
    skipped = adopted_card(world, "Sociaal")
    open_period = period(world)
    client = client_for(world, "teacher")
    data = {f"score-{lezen.pk}": "3", f"remark-{lezen.pk}": "Mooi", f"score-{rekenen.pk}": "2"}
    response = client.post(answer_url(world, open_period), data)
    assert response.status_code == 302
    saved = AssessmentAnswer.objects.filter(respondent=world.users["teacher"])
    assert sorted(saved.values_list("card__title", "score", "remark")) == [
        ("Lezen", 3, "Mooi"),
        ("Rekenen", 2, ""),
    ]
    page = client.get(answer_url(world, open_period))
    answered = {c.title: c.answered for c in page.context["cards"]}
    assert answered == {"Lezen": True, "Rekenen": True, "Sociaal": False}
    html = page.content.decode()
    assert html.count(">answered<") == 2
    assert f'name="score-{skipped.pk}"' in html and f'name="score-{lezen.pk}"' not in html
    assert "Mooi" not in html  # not even one's own remark comes back


def test_answering_a_card_twice_saves_nothing_of_the_submission(world):
    lezen, rekenen = adopted_card(world, "Lezen"), adopted_card(world, "Rekenen")
    open_period = period(world)
    services.assessment_answer(
        period=open_period, card=lezen, respondent=world.users["teacher"], score=4, remark=""
    )
    data = {f"score-{lezen.pk}": "1", f"score-{rekenen.pk}": "2"}  # a stale second tab
    response = client_for(world, "teacher").post(answer_url(world, open_period), data)
    assert response.status_code == 200
    assert "already answered" in response.content.decode()
    assert list(AssessmentAnswer.objects.values_list("card__title", "score")) == [("Lezen", 4)]


@pytest.mark.parametrize(
    "bad",
    [
        {"score": "5"},
        {"score": "", "remark": "Alleen een opmerking"},
        {"score": "2", "remark": "x" * 501},
    ],
    ids=["score-out-of-scale", "remark-without-score", "remark-too-long"],
)
def test_one_bad_answer_saves_none(world, bad):
    good, other = adopted_card(world, "Lezen"), adopted_card(world, "Rekenen")
    open_period = period(world)
    data = {f"score-{good.pk}": "3", f"score-{other.pk}": bad["score"]}
    if "remark" in bad:
        data[f"remark-{other.pk}"] = bad["remark"]
    response = client_for(world, "coordinator").post(answer_url(world, open_period), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not AssessmentAnswer.objects.exists()


def test_an_empty_submission_asks_for_a_score(world):
    adopted_card(world, "Lezen")
    open_period = period(world)
    response = client_for(world, "leader").post(answer_url(world, open_period), {})
    assert response.status_code == 200
    assert "at least one card" in response.content.decode()


@pytest.mark.parametrize("when", [{"opens": -20, "closes": -1}, {"opens": 1, "closes": 20}])
def test_outside_the_open_period_nothing_is_saved(world, when):
    card = adopted_card(world, "Lezen")
    the_period = period(world, **when)
    client = client_for(world, "teacher")
    page = client.get(answer_url(world, the_period))
    assert page.status_code == 200
    assert 'type="radio"' not in page.content.decode()
    assert ("closed" if when["closes"] < 0 else "not open yet") in page.content.decode()
    response = client.post(answer_url(world, the_period), {f"score-{card.pk}": "3"}, follow=True)
    assert any("not open" in str(m) for m in response.context["messages"])
    assert not AssessmentAnswer.objects.exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [("viewer", 403), ("board_member", 403), ("outsider", 404), ("anonymous", 302)],
)
def test_who_cannot_answer(world, persona, status):
    card = adopted_card(world, "Lezen")
    open_period = period(world)
    client = client_for(world, persona)
    assert client.get(answer_url(world, open_period)).status_code == status
    assert client.post(answer_url(world, open_period), {f"score-{card.pk}": "3"}).status_code == (
        status
    )
    assert not AssessmentAnswer.objects.exists()


def test_a_period_of_another_school_is_not_found(world):
    foreign = period(world, "Elders", school=world.other_school)
    assert client_for(world, "teacher").get(answer_url(world, foreign)).status_code == 404


# --- team scores ------------------------------------------------------------------------------


def render_scores(world, card, persona="viewer"):
    request = RequestFactory().get("/")
    request.school = world.school
    request.user = world.users[persona]
    role = "board" if persona == "board_member" else persona
    context = {"team_scores": team_scores_for(card), "access": Access(world.school, role)}
    with translation.override("en"):
        return render_to_string("kwaliteitskaarten/_team_score.html", context, request=request)


def test_team_scores_follow_the_minimum_of_three_and_show_a_trend(world):
    card = adopted_card(world, "Lezen")
    autumn = period(world, "Najaar", opens=-300, closes=-280)
    winter = period(world, "Winter", opens=-200, closes=-180)
    spring = period(world, "Voorjaar", opens=-100, closes=-80)
    now = period(world, "Zomer", opens=-2, closes=5)
    period(world, "Later", opens=50, closes=60)  # not opened: not on the card
    for score in (2, 2, 3):
        answer(autumn, card, score, remark="persoonlijke opmerking")
    for score in (4, 4):
        answer(winter, card, score)  # two answers: never a mean
    for score in (3, 3, 4, 4):
        answer(spring, card, score)
    for score in (3, 3, 3, 3):
        answer(now, card, score)
    answer(now, adopted_card(world, "Rekenen"), 1)  # another card does not count
    rows = team_scores_for(card)
    assert [p.name for p, _ in rows] == ["Najaar", "Winter", "Voorjaar", "Zomer"]
    assert [(s.answers, s.mean and str(s.mean)) for _, s in rows] == [
        (3, "2.3"),
        (2, None),
        (4, "3.5"),
        (4, "3.0"),
    ]
    assert [p.trend for p, _ in rows] == [None, None, "up", "down"]
    assert rows[2][0].previous[0] == autumn  # skips the period without a shown score
    html = render_scores(world, card)
    assert "<caption>" in html and 'scope="col"' in html
    assert "fewer than 3 answers" in html
    assert "2.3" in html and "± 0.5" in html and "up from 2.3 in Najaar" in html
    assert "down from 3.5 in Voorjaar" in html
    assert "persoonlijke opmerking" not in html and "4.0" not in html


def test_the_same_score_reads_as_the_same(world):
    card = adopted_card(world, "Lezen")
    first, second = period(world, "A", opens=-100, closes=-90), period(world, "B", opens=-50)
    for the_period in (first, second):
        for score in (2, 3, 4):
            answer(the_period, card, score)
    assert [p.trend for p, _ in team_scores_for(card)] == [None, "same"]
    assert "the same as in A" in render_scores(world, card)


def test_the_answer_link_on_the_card_is_for_those_who_answer(world):
    card = adopted_card(world, "Lezen")
    open_period = period(world, "<b>Zomer</b>")
    url = answer_url(world, open_period)
    assert url in render_scores(world, card, "teacher")
    viewer_html = render_scores(world, card, "viewer")
    assert url not in viewer_html
    assert "&lt;b&gt;Zomer&lt;/b&gt;" in viewer_html


def test_a_card_without_periods_says_so(world):
    html = render_scores(world, adopted_card(world, "Lezen"))
    assert "No self-assessment periods yet." in html and "<table" not in html


# --- query counts -----------------------------------------------------------------------------


def add_rows(world, periods, n, start):
    """n more cards, each answered by n more colleagues in every period."""
    people = [MembershipFactory(school=world.school, role=Role.TEACHER).user for _ in range(n)]
    for i in range(start, start + n):
        card = adopted_card(world, f"Thema {i}")
        for the_period in periods:
            AssessmentAnswer.objects.bulk_create(
                AssessmentAnswer(period=the_period, card=card, respondent=person, score=3)
                for person in people
            )
            answer(the_period, world.card, 2)


def count(callable_):
    with CaptureQueriesContext(connection) as context:
        result = callable_()
    return len(context.captured_queries), result


def test_query_counts_do_not_grow_with_cards_and_answers(world):
    periods = [period(world, "Voorjaar", opens=-2, closes=5), period(world, "Najaar", opens=-90)]
    periods[1].closes_on = TODAY - timedelta(days=60)
    periods[1].save()
    client = client_for(world, "coordinator")
    urls = [periods_url(world), answer_url(world, periods[0])]
    add_rows(world, periods, 1, start=0)
    for url in urls:
        client.get(url)  # warm up: session
    with_one = [count(lambda url=url: client.get(url))[0] for url in urls]
    with_one.append(count(lambda: team_scores_for(world.card))[0])
    add_rows(world, periods, 49, start=1)
    with_fifty = [count(lambda url=url: client.get(url))[0] for url in urls]
    queries, rows = count(lambda: team_scores_for(world.card))
    with_fifty.append(queries)
    assert with_fifty == with_one
    assert with_one[2] == 2
    assert [s.answers for _, s in rows] == [50, 50]


def test_card_text_on_the_answer_page_is_shown_as_text(world):
    adopted_card(world, "<i>Lezen</i>", core="<script>alert(1)</script>")
    open_period = period(world)
    html = client_for(world, "teacher").get(answer_url(world, open_period)).content.decode()
    assert "<i>Lezen" not in html and "&lt;i&gt;Lezen&lt;/i&gt;" in html
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
