"""What the cards put on a start page that is not a dated item (`hooks.attention_items`).

A teacher who has not written a reflection in the last seven days (today and the six days before)
gets a prompt to take a minute for one, linking to "Mijn kwaliteit" — only when one of their cards
is adopted, so there is something to reflect on. It is theirs alone: it waits for them, and it says
nothing about what they wrote (a reflection may be private).
"""

from datetime import datetime, time, timedelta

from django.db.models import Exists, Subquery
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from kwaliteit.attention import AttentionItem, Kind
from kwaliteit.models import Role, School

from .models import Reflection
from .selectors_mine import my_cards

PROMPT_EVERY_DAYS = 7


def reflection_prompt(*, school, user, access, today):
    """The weekly reflection prompt for a teacher, in one query."""
    if access.role != Role.TEACHER or access.membership is None:
        return []
    last = (
        Reflection.objects.filter(author=user, card__school=school)
        .order_by("-created_at")
        .values("created_at")[:1]
    )
    cards = my_cards(school=school, membership=access.membership)
    row = (
        School.objects.filter(pk=school.pk)
        .annotate(has_cards=Exists(cards), last_written=Subquery(last))
        .values_list("has_cards", "last_written")
        .first()
    )
    if row is None or not row[0]:
        return []
    last_written = row[1]
    since = timezone.make_aware(
        datetime.combine(today - timedelta(days=PROMPT_EVERY_DAYS - 1), time.min)
    )
    if last_written is not None and last_written >= since:
        return []
    if last_written is None:
        detail = _("You have not written a reflection yet.")
    else:
        day = formats.date_format(timezone.localdate(last_written), "SHORT_DATE_FORMAT")
        detail = _("Your last reflection: %(day)s") % {"day": day}
    return [
        AttentionItem(
            kind=Kind.COMING,
            title=_("Take a minute to reflect on one of your cards"),
            url=reverse("kwaliteitskaarten:mine", args=[school.slug]) + "#reflect",
            detail=detail,
            school_id=school.pk,
            waits_for=(user.id,),
        )
    ]
