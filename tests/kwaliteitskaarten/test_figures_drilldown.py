"""The objects behind the cards' figures: they add up to the figure, for whoever may read them."""

from datetime import date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from kwaliteit import clock, figures, hooks
from kwaliteit.periods import Period
from kwaliteitskaarten import services
from kwaliteitskaarten.models import AssessmentAnswer, AssessmentPeriod, Reflection

from ..builders import adopted_card
from ..factories import UserFactory

pytestmark = pytest.mark.django_db

YEAR = Period(date(2025, 8, 1), date(2026, 7, 31))
NOW = timezone.make_aware(datetime(2026, 6, 1, 12))
SECRET = "Mijn geheime twijfel over deze kaart"
KEYS = [
    "cards.checks_kept",
    "cards.checks_partly",
    "cards.checks_not_kept",
    "cards.kept_share",
    "cards.followups_on_time",
    "cards.value_coverage",
    "cards.reviews_overdue",
    "cards.in_force",
    "cards.self_assessment",
]


def rows(key, world, persona="leader", team_id=None):
    provider = hooks.figure_objects.get(key)
    with clock.at(NOW), translation.override("en"):
        return provider(
            school=world.school, period=YEAR, team_id=team_id, user=world.users[persona]
        )


def figure(key, world, team_id=None):
    with clock.at(NOW):
        found, _failed = figures.collect(school_ids=[world.school.pk], period=YEAR, team_id=team_id)
    return next(v for v in found if v.key == key and v.month is None)


@pytest.fixture
def cards(world, vision):
    """Lezen (Bovenbouw, adopted May 2025: review overdue) with agreement A and three checks;
    Ouders (no team) with agreement B: one check; a private reflection; six answers."""
    samen, vertrouwen, _nieuw = vision["v2"].core_values.order_by("position")
    users, teacher = world.users, world.users["teacher"]
    with clock.at(NOW):
        reading = adopted_card(
            leader=users["leader"], adopted_on=date(2025, 5, 1), school=world.school,
            title="Lezen <script>alert(1)</script>", user=users["coordinator"], team=world.team,
            core_values=[samen],
        )  # fmt: skip
        parents = adopted_card(
            leader=users["leader"], adopted_on=date(2025, 9, 1), school=world.school,
            title="Ouders", user=users["coordinator"], core_values=[samen],
        )  # fmt: skip
        a = services.agreement_add(
            card=reading, text="Dagelijks lezen", owner=teacher, check_interval_months=3,
            first_check_on=date(2025, 9, 1),
        )  # fmt: skip
        for day, result in ((date(2025, 9, 1), "kept"), (date(2025, 12, 1), "kept"),
                            (date(2026, 3, 20), "not_kept")):  # fmt: skip
            services.agreement_check_record(
                agreement=a, result=result, note="", checked_on=day, user=teacher
            )
        b = services.agreement_add(
            card=parents, text="Ouders bellen", owner=teacher, check_interval_months=3,
            first_check_on=date(2025, 10, 1),
        )  # fmt: skip
        services.agreement_check_record(
            agreement=b, result="partly", note="", checked_on=date(2025, 10, 1), user=teacher
        )
        services.reflection_add(
            author=teacher, card=reading, text=SECRET, visibility=Reflection.Visibility.PRIVATE
        )
    round_ = AssessmentPeriod.objects.create(
        school=world.school, name="Najaar", opens_on=date(2025, 10, 6), closes_on=date(2025, 10, 20)
    )
    for card, scores in ((reading, [3, 3, 4]), (parents, [2, 4])):
        for score in scores:
            AssessmentAnswer.objects.create(
                period=round_, card=card, respondent=UserFactory(), score=score
            )
    return {"reading": reading, "parents": parents}


def test_every_card_figure_has_its_objects(cards):
    assert set(KEYS) <= set(hooks.figure_objects.keys())


def test_the_checks_behind_the_counts_and_the_share(world, cards):
    kept = rows("cards.checks_kept", world)
    assert len(kept.rows) == figure("cards.checks_kept", world).value == 2
    assert [row.date for row in kept.rows] == [date(2025, 9, 1), date(2025, 12, 1)]
    assert kept.rows[0].title == "Dagelijks lezen"
    assert kept.rows[0].cells[:2] == ("Lezen <script>alert(1)</script>", "kept")
    assert kept.rows[0].url == f"/s/{world.school.slug}/kaarten/{cards['reading'].pk}/"
    assert (
        len(rows("cards.kept_share", world).rows) == figure("cards.kept_share", world).denominator
    )
    assert [r.title for r in rows("cards.checks_partly", world).rows] == ["Ouders bellen"]
    assert len(rows("cards.checks_kept", world, team_id=world.team.pk).rows) == 2
    assert rows("cards.checks_partly", world, team_id=world.team.pk).rows == []


def test_the_follow_up_moments_behind_on_time(world, cards):
    moments = rows("cards.followups_on_time", world)
    on_time = figure("cards.followups_on_time", world)
    assert len(moments.rows) == on_time.denominator == 3  # 1 Dec, 1 Mar, and B's 1 Jan passed
    assert [(r.date, r.cells[-1]) for r in moments.rows] == [
        (date(2025, 12, 1), "yes"),
        (date(2026, 1, 1), "no"),
        (date(2026, 3, 1), "no"),
    ]
    assert moments.rows[1].cells[2] == "not recorded"
    assert sum(r.cells[-1] == "yes" for r in moments.rows) == on_time.numerator


def test_values_cards_and_scores(world, cards):
    values = rows("cards.value_coverage", world)
    assert [(r.title, r.cells[0]) for r in values.rows] == [
        ("Samen", "Lezen <script>alert(1)</script>, Ouders"),
        ("Vertrouwen", "no card yet"),
        ("Nieuwsgierigheid", "no card yet"),
    ]
    overdue = rows("cards.reviews_overdue", world)
    assert [(r.title, r.date, r.cells[-1]) for r in overdue.rows] == [
        ("Lezen <script>alert(1)</script>", date(2026, 5, 1), 31)
    ]
    assert len(rows("cards.in_force", world).rows) == figure("cards.in_force", world).value == 2
    scores = rows("cards.self_assessment", world)
    # Ouders has two answers: no score, and never the answers themselves.
    assert [(r.title, r.cells) for r in scores.rows] == [
        ("Lezen <script>alert(1)</script>", (figure("cards.self_assessment", world).value, 3)),
        ("Ouders", ("fewer than 3 answers", 2)),
    ]


def test_only_people_of_the_school_see_the_objects_and_never_a_reflection(world, cards):
    for key in KEYS:
        assert rows(key, world, persona="outsider").rows == []
        for persona in ("coordinator", "leader", "viewer", "board_member", "teacher"):
            found = rows(key, world, persona=persona)
            assert SECRET not in repr(found)
    assert len(rows("cards.checks_kept", world, persona="board_member").rows) == 2


def test_the_objects_cost_the_same_queries_however_many_there_are(world, cards):
    def count(key):
        with CaptureQueriesContext(connection) as context:
            rows(key, world)
        return len(context)

    before = {key: count(key) for key in KEYS}
    teacher = world.users["teacher"]
    with clock.at(NOW):
        for number in range(4):
            agreement = services.agreement_add(
                card=cards["parents"], text=f"Extra {number}", owner=teacher,
                check_interval_months=1, first_check_on=date(2025, 9, 1),
            )  # fmt: skip
            for month in (9, 10, 11):
                services.agreement_check_record(
                    agreement=agreement, result="kept", note="",
                    checked_on=date(2025, month, 1), user=teacher,
                )  # fmt: skip
    assert len(rows("cards.checks_kept", world).rows) == 14
    assert {key: count(key) for key in KEYS} == before
