"""Reminders: what is due reaches the right person once, by e-mail and in the notification list."""

import smtplib
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kwaliteit import reminders, services_reminders
from kwaliteit.models import Digest, Membership, Reminder, Role, User
from pdca.models import Phase

from .factories import MembershipFactory
from .helpers.reminders import DUE, at, complete, mails_to, make_cycle, phase_reminders


@pytest.fixture(autouse=True)
def english(world):
    """Pages and e-mails in English, so that the tests read the texts as written here."""
    User.objects.update(language="en")
    for user in world.users.values():
        user.language = "en"


def test_due_soon_then_overdue_then_escalated_to_the_coordinator(world, dispatch):
    teacher, coordinator = world.users["teacher"], world.users["coordinator"]
    cycle = make_cycle(world.school, teacher)

    dispatch(at(DUE - timedelta(days=3)))
    soon = phase_reminders(recipient=teacher).get()
    assert (soon.item_type, soon.kind, soon.day) == ("pdca.plan", "due_soon", DUE)
    assert soon.url == reverse("pdca:cycle", args=[world.school.slug, cycle.pk])

    dispatch(at(DUE + timedelta(days=1)))
    soon.refresh_from_db()
    assert soon.resolved_at is not None, "a due-soon reminder gives way to the overdue one"
    assert phase_reminders(recipient=teacher, resolved_at=None).get().kind == "overdue"
    assert not phase_reminders(recipient=coordinator).exists()

    dispatch(at(DUE + timedelta(days=7)))
    escalation = phase_reminders(recipient=coordinator).get()
    assert (escalation.kind, escalation.item_type) == ("escalation", "pdca.plan")
    assert not phase_reminders(recipient=world.users["leader"]).exists()
    [message] = [m for m in mails_to(coordinator) if cycle.title in m.body]
    assert "Begrijpend lezen" in message.body

    complete(cycle, Phase.Kind.PLAN)
    dispatch(at(DUE + timedelta(days=8)))
    assert not phase_reminders(item_type="pdca.plan", resolved_at=None).exists()


def test_an_overdue_act_phase_also_reaches_the_leaders(world, dispatch):
    teacher, leader = world.users["teacher"], world.users["leader"]
    cycle = make_cycle(world.school, teacher, due=DUE - timedelta(weeks=12))
    complete(cycle, Phase.Kind.PLAN, Phase.Kind.DO, Phase.Kind.CHECK)
    dispatch(at(DUE + timedelta(days=7)))
    act = phase_reminders(item_type="pdca.act", kind="escalation")
    assert set(act.values_list("recipient", flat=True)) == {
        world.users["coordinator"].pk,
        leader.pk,
    }


def test_a_phase_owner_is_reminded_instead_of_the_cycle_owner(world, dispatch):
    coordinator, teacher = world.users["coordinator"], world.users["teacher"]
    make_cycle(world.school, coordinator, phase_owners={Phase.Kind.PLAN: teacher})
    dispatch(at(DUE))
    assert phase_reminders().get().recipient == teacher


def test_a_dispatcher_that_was_down_catches_up_once(world, dispatch):
    teacher = world.users["teacher"]
    make_cycle(world.school, teacher)
    dispatch(at(DUE - timedelta(days=20)))  # nothing due yet; then down for three weeks
    assert not phase_reminders().exists()

    for day in range(1, 4):
        dispatch(at(DUE + timedelta(days=day)))
        dispatch(at(DUE + timedelta(days=day), hour=12))

    [reminder] = phase_reminders()
    assert reminder.kind == "overdue", "the due-soon moment passed while it was down: skipped"
    mentions = [m for m in mails_to(teacher) if "Begrijpend lezen" in m.body]
    assert len(mentions) == 1, "one e-mail about the item, not one per missed day"
    assert reminder.digest.status == Digest.Status.SENT


def test_a_moved_due_date_is_a_new_reminder(world, dispatch):
    teacher = world.users["teacher"]
    cycle = make_cycle(world.school, teacher)
    dispatch(at(DUE + timedelta(days=1)))
    cycle.phases.filter(kind="plan").update(due_on=DUE + timedelta(days=5))
    dispatch(at(DUE + timedelta(days=2)))
    still_open = phase_reminders(resolved_at=None)
    assert list(still_open.values_list("kind", "day")) == [("due_soon", DUE + timedelta(days=5))]
    # Back to the old date (a reopened or re-planned phase): the old reminder shows again.
    cycle.phases.filter(kind="plan").update(due_on=DUE)
    dispatch(at(DUE + timedelta(days=3)))
    assert list(still_open.values_list("kind", "day")) == [("overdue", DUE)]
    assert phase_reminders().count() == 2


def test_two_dispatchers_and_a_retried_task_send_once(world, dispatch):
    teacher = world.users["teacher"]
    make_cycle(world.school, teacher)
    first = dispatch(at(DUE + timedelta(days=1)))
    second = dispatch(at(DUE + timedelta(days=1)))
    assert first and second == []
    digest = Digest.objects.get(recipient=teacher)
    services_reminders.digest_send(digest_id=digest.pk, site_url="http://testserver")
    assert len(mails_to(teacher)) == 1
    assert phase_reminders(recipient=teacher).get().digest == digest


def test_a_reminder_claimed_after_the_digest_was_claimed_still_goes_out_today(world):
    teacher = world.users["teacher"]
    make_cycle(world.school, teacher)
    now = at(DUE + timedelta(days=1))
    # This dispatcher claims the digest; its task has not run yet.
    reminders.dispatch(now=now)
    digest_id = Digest.objects.get(recipient=teacher).pk
    make_cycle(world.school, teacher, title="Rekenen")
    reminders.dispatch(now=now)  # another dispatcher claims the new reminder, no new digest
    services_reminders.digest_send(digest_id=digest_id, site_url="http://testserver")
    [message] = mails_to(teacher)
    assert "Begrijpend lezen" in message.body and "Rekenen" in message.body


def test_no_e_mail_before_the_digest_hour_but_the_list_shows_it(world, dispatch):
    teacher = world.users["teacher"]
    make_cycle(world.school, teacher)
    assert dispatch(at(DUE + timedelta(days=1), hour=5)) == []
    assert not mail.outbox
    page = world.client_for("teacher").get(reverse("notifications"))
    assert "Begrijpend lezen" in page.content.decode()


def test_one_digest_lists_everything_from_every_app(world, dispatch):
    teacher, coordinator = world.users["teacher"], world.users["coordinator"]
    make_cycle(world.school, teacher)
    world.card.next_review_on = DUE + timedelta(days=3)
    world.card.save()
    world.agreement.next_check_on = DUE
    world.agreement.save()
    dispatch(at(DUE + timedelta(days=1)))

    [message] = mails_to(teacher)
    assert "Begrijpend lezen" in message.body  # the Plan phase
    assert "Elke les een exit-ticket" in message.body  # the agreement follow-up
    assert "Feedback in de klas" in message.body  # the card review
    html = message.alternatives[0][0]
    card = reverse("kwaliteitskaarten:card", args=["regenboog", world.agreement.card_id])
    assert f'href="http://testserver{card}#agreement-{world.agreement.pk}"' in html
    # The indicator's October collection moment passed without a measurement.
    [missed] = Reminder.objects.filter(recipient=coordinator, item_type="dataplan.collection")
    assert (missed.kind, missed.day) == ("missed", date(2025, 10, 1))
    assert "Leesresultaten" in mails_to(coordinator)[0].body


def test_people_who_left_the_school_get_nothing(world, dispatch):
    teacher = world.users["teacher"]
    make_cycle(world.school, teacher)
    Membership.objects.filter(user=teacher).update(is_active=False)
    dispatch(at(DUE + timedelta(days=1)))
    assert not Reminder.objects.filter(recipient=teacher).exists()
    assert not mails_to(teacher)


def test_weekly_people_get_one_e_mail_a_week(world, dispatch):
    teacher = world.users["teacher"]
    teacher.reminder_frequency = User.Frequency.WEEKLY
    teacher.save()
    make_cycle(world.school, teacher, due=DUE - timedelta(days=1))  # overdue on Monday
    dispatch(at(DUE))  # Monday
    assert len(mails_to(teacher)) == 1
    make_cycle(world.school, teacher, title="Rekenen", due=DUE + timedelta(days=1))
    for day in range(1, 7):  # Tuesday to Sunday: the new item waits for next Monday
        dispatch(at(DUE + timedelta(days=day)))
    assert len(mails_to(teacher)) == 1
    dispatch(at(DUE + timedelta(days=7)))
    assert len(mails_to(teacher)) == 2
    assert "Rekenen" in mails_to(teacher)[1].body
    assert "Begrijpend lezen" not in mails_to(teacher)[1].body, "sent once, last week"


def test_in_product_people_get_no_e_mail_but_see_the_list(world, dispatch):
    teacher = world.users["teacher"]
    teacher.reminder_frequency = User.Frequency.IN_PRODUCT
    teacher.save()
    make_cycle(world.school, teacher)
    dispatch(at(DUE + timedelta(days=1)))
    assert not mails_to(teacher)
    page = world.client_for("teacher").get(reverse("notifications")).content.decode()
    assert "Begrijpend lezen" in page and "overdue" in page


@pytest.mark.parametrize(
    ("language", "expected", "unexpected"),
    [("nl", "Beste", "Hello"), ("en", "Hello", "Beste")],
)
def test_the_digest_speaks_the_recipients_language(world, dispatch, language, expected, unexpected):
    teacher = world.users["teacher"]
    teacher.language = language
    teacher.save()
    make_cycle(world.school, teacher)
    dispatch(at(DUE + timedelta(days=1)))
    [message] = mails_to(teacher)
    assert expected in message.body and unexpected not in message.body


def test_user_text_is_escaped_in_the_html_mail(world, dispatch):
    teacher = world.users["teacher"]
    make_cycle(world.school, teacher, title="<script>alert(1)</script> & lezen")
    dispatch(at(DUE + timedelta(days=1)))
    [message] = mails_to(teacher)
    html = message.alternatives[0][0]
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; lezen" in html
    assert "<script>alert(1)</script> & lezen" in message.body  # plain text stays readable


class RefusingBackend(EmailBackend):
    """Delivers like locmem, but the server refuses one address."""

    refused = "teacher@regenboog.example"

    def send_messages(self, messages):
        for message in messages:
            if self.refused in message.to:
                raise smtplib.SMTPRecipientsRefused({self.refused: (550, b"No such user")})
        return super().send_messages(messages)


def test_a_failing_address_does_not_stop_others_and_the_coordinator_sees_it(
    world, dispatch, settings
):
    settings.EMAIL_BACKEND = "tests.test_reminders.RefusingBackend"
    teacher, leader = world.users["teacher"], world.users["leader"]
    make_cycle(world.school, teacher)
    make_cycle(world.school, leader, title="Rekenen")
    dispatch(at(DUE + timedelta(days=1)))

    assert len(mails_to(leader)) == 1
    assert not mails_to(teacher)
    digest = Digest.objects.get(recipient=teacher)
    assert digest.status == Digest.Status.FAILED
    assert digest.attempts == 6, "the first try and five retries"
    teacher.refresh_from_db()
    assert teacher.email_failing_since is not None

    members = world.client_for("coordinator").get(
        reverse("kwaliteit:members", args=[world.school.slug])
    )
    assert "E-mail not delivered since" in members.content.decode()
    assert "No such user" in members.content.decode()
    settings_page = world.client_for("teacher").get(reverse("reminder-settings"))
    assert "teacher@regenboog.example" in settings_page.content.decode()

    # The address works again: the next day's digest carries what failed and clears the flag.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    dispatch(at(DUE + timedelta(days=2)))
    [message] = mails_to(teacher)
    assert "Begrijpend lezen" in message.body
    teacher.refresh_from_db()
    assert teacher.email_failing_since is None


def statements(context):
    """The number of queries; SQLite splits big inserts by its parameter limit, PostgreSQL
    never does (and the benchmark runs there)."""
    sqlite = connection.vendor == "sqlite"
    sql = [q["sql"] for q in context.captured_queries]
    return len([q for q in sql if not (sqlite and q.startswith("INSERT"))])


def test_dispatch_queries_do_not_grow_with_the_number_of_items(world):
    def add(n):
        for i in range(n):
            person = MembershipFactory(school=world.school, role=Role.TEACHER).user
            make_cycle(world.school, person, title=f"Traject {i}")

    add(10)
    reminders.dispatch(now=at(DUE - timedelta(days=30)))  # warm up
    with CaptureQueriesContext(connection) as few:
        reminders.dispatch(now=at(DUE + timedelta(days=1)))
    add(90)
    with CaptureQueriesContext(connection) as many:
        reminders.dispatch(now=at(DUE + timedelta(days=2)))
    sql = "\n".join(q["sql"][:200] for q in many.captured_queries)
    assert statements(many) == statements(few), sql
    assert Digest.objects.filter(day=DUE + timedelta(days=2)).count() >= 90


def test_the_management_command_does_what_beat_does(world, capsys, settings):
    settings.REMINDER_DIGEST_HOUR = 0
    make_cycle(world.school, world.users["teacher"], due=timezone.localdate() - timedelta(days=1))
    call_command("send_reminders")
    out = capsys.readouterr().out
    assert "digests queued" in out
    assert phase_reminders(recipient=world.users["teacher"]).exists()


def test_a_weekly_digest_goes_out_on_monday_only(world, dispatch):
    teacher = world.users["teacher"]
    tuesday = DUE + timedelta(days=1)
    week = [tuesday + timedelta(days=n) for n in range(7)]  # Tuesday to the next Monday
    for day in week:  # something falls due on every day of the week
        make_cycle(world.school, teacher, title=f"Traject {day:%A}", due=day)
    # On Tuesday the teacher chooses a weekly e-mail, before the day's dispatch.
    response = world.client_for("teacher").post(
        reverse("reminder-settings"), {"reminder_frequency": "weekly"}
    )
    assert response.status_code == 302
    for day in week:
        dispatch(at(day))
        dispatch(at(day, hour=15))  # a second dispatcher run on the same day changes nothing
    [digest] = Digest.objects.filter(recipient=teacher).exclude(status=Digest.Status.EMPTY)
    assert digest.day == week[-1] and digest.day.weekday() == 0, "the next Monday"
    [message] = mails_to(teacher)
    for day in week:
        assert f"Traject {day:%A}" in message.body
