"""What the core adds to the start page: e-mail addresses our mail does not reach.

A digest that still fails after its last retry marks its recipient's address as failing
(`User.email_failing_since` and `email_error`, kwaliteit/services_reminders.py); the next digest
that goes through clears it. Invitations and password-reset mails are retried by their tasks but
record nothing when they fail for good, so a failing address is known from the digests only.
The members page shows the same mark; it is where a coordinator sees it and follows it up.
"""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from .attention import AttentionItem, Kind
from .models import Membership

ERROR_CHARS = 120  # the mail server's answer, shortened: the members page shows it whole


def failing_addresses(*, school, user, access, today):
    """One line per active member of the school whose e-mail could not be delivered, for those
    who see the members page (the coordinator, the leaders); one query. A teacher whose own
    address fails is told so, without a query (the signed-in user is loaded already)."""
    if not access.can("members.view"):
        if user.email_failing_since and access.can("reflections.write"):
            yield _own_address(school=school, user=user)
        return
    rows = (
        Membership.objects.filter(
            school=school, is_active=True, user__email_failing_since__isnull=False
        )
        .order_by("user__email_failing_since", "user__full_name")
        .values_list(
            "pk", "user__full_name", "user__email", "user__email_failing_since",
            "user__email_error",
        )
    )  # fmt: skip
    members = reverse("kwaliteit:members", args=[school.slug])
    for pk, name, email, since, error in rows:
        day = timezone.localdate(since)
        detail = _("Not delivered since %(date)s · %(name)s") % {
            "date": formats.date_format(day, "d-m-Y"),
            "name": name,
        }
        if error:
            detail += " · " + Truncator(error).chars(ERROR_CHARS)
        yield AttentionItem(
            kind=Kind.PROBLEM,
            title=email,
            url=f"{members}#member-{pk}",
            detail=detail,
            school_id=school.pk,
        )


def _own_address(*, school, user):
    since = formats.date_format(timezone.localdate(user.email_failing_since), "d-m-Y")
    return AttentionItem(
        kind=Kind.PROBLEM,
        title=_("Our e-mails to %(email)s are not delivered") % {"email": user.email},
        url=reverse("reminder-settings"),
        detail=_("Since %(date)s; your reminders stay in the notification list.") % {"date": since},
        school_id=school.pk,
        waits_for=(user.pk,),
    )
