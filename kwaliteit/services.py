"""Writes of the core: people, teams and vision. Keyword-only, named <thing>_<verb>."""

import logging
import uuid

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from . import audit, queue, versioning
from .emails import send_templated_mail
from .models import CoreValue, Membership, Role, Team, User, VisionVersion
from .models.people import SESSION_IDLE_HOURS_MAX, SESSION_IDLE_HOURS_MIN
from .reminders import resolve_for
from .schoolyear import start_problem

logger = logging.getLogger(__name__)


# --- people and teams -----------------------------------------------------------------------


def _active_coordinators(school):
    return Membership.objects.filter(school=school, role=Role.COORDINATOR, is_active=True)


def school_lock(*, school_id):
    """Serialise changes that check a rule over the whole school (coordinators, drafts,
    periods); call inside a transaction."""
    versioning.lock_school(school_id)


@transaction.atomic
def membership_invite(*, school, email, full_name, role, teams, invited_by, send_invitation=True):
    """Add a person to the school; a new person gets an e-mail to set a password.

    send_invitation=False adds the person without any e-mail (the demo, which sets known
    passwords itself).
    """
    school_lock(school_id=school.pk)
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user and Membership.objects.filter(user=user, school=school).exists():
        raise ValidationError(
            {"email": _("%(email)s is already a member of this school.") % {"email": email}}
        )
    is_new = user is None
    if is_new:
        # The person chooses their own language later; until then the school's default.
        user = User.objects.create_user(email, full_name=full_name)
    membership = Membership.objects.create(
        user=user, school=school, role=role, invited_by=invited_by
    )
    membership.teams.set(teams)
    audit.record(
        actor=invited_by,
        verb="member_invited",
        obj=membership,
        data={"name": str(user), "role": role},
    )
    if send_invitation:
        queue.on_commit("kwaliteit.tasks.send_invite_mail", membership.pk, is_new)
    return membership


def invite_mail_send(*, membership_id, is_new, site_url):
    """The invitation e-mail; a new person gets a one-time link to set a password."""
    membership = Membership.objects.select_related("user", "school", "invited_by").get(
        pk=membership_id
    )
    user = membership.user
    if is_new:
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        token = default_token_generator.make_token(user)
        path = reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    else:
        path = reverse("kwaliteit:home", args=[membership.school.slug])
    context = {
        "school": membership.school,
        "invited_by": membership.invited_by,
        "is_new": is_new,
        "link": site_url + path,
        "valid_days": settings.PASSWORD_RESET_TIMEOUT // 86400,
    }
    send_templated_mail(user=user, template="invite", context=context)


def password_reset_mail_send(*, user_id, uid, token):
    user = User.objects.get(pk=user_id)
    context = {"uid": uid, "token": token, "valid_days": settings.PASSWORD_RESET_TIMEOUT // 86400}
    send_templated_mail(user=user, template="password_reset", context=context)


MEMBER_FIELDS = ("role", "teams", "is_active")


@transaction.atomic
def membership_update(*, membership, role, teams, is_active, user=None):
    """Change role, teams or active state; a school always keeps an active coordinator."""
    school_lock(school_id=membership.school_id)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    stays_coordinator = is_active and role == Role.COORDINATOR
    if membership.role == Role.COORDINATOR and membership.is_active and not stays_coordinator:
        others = _active_coordinators(membership.school).exclude(pk=membership.pk)
        if not others.exists():
            raise ValidationError(
                _(
                    "This is the school's only active quality coordinator. Make someone else "
                    "coordinator first."
                )
            )
    before = audit.snapshot(membership, MEMBER_FIELDS)
    membership.role = role
    membership.is_active = is_active
    membership.save(update_fields=["role", "is_active"])
    membership.teams.set(teams)
    if changes := audit.changed(before, membership, MEMBER_FIELDS):
        audit.record(actor=user, verb="member_changed", obj=membership, changes=changes)
    return membership


@transaction.atomic
def team_save(*, school, name, team=None, user=None):
    team = team or Team(school=school)
    before, is_new = audit.snapshot(team, ["name"]), team.pk is None
    team.name = name.strip()
    try:
        with transaction.atomic():
            team.save()
    except IntegrityError:  # the constraint ignores case, as people do
        raise ValidationError({"name": _("A team with this name already exists.")}) from None
    if is_new or (changes := audit.changed(before, team, ["name"])):
        verb, changes = ("team_created", {}) if is_new else ("team_renamed", changes)
        audit.record(actor=user, verb=verb, obj=team, changes=changes)
    return team


@transaction.atomic
def team_delete(*, team, user=None):
    audit.record(actor=user, verb="team_deleted", obj=team)
    team.delete()


def school_session_idle_set(*, school, hours):
    """How long people of this school may leave a signed-in page unused."""
    if not SESSION_IDLE_HOURS_MIN <= hours <= SESSION_IDLE_HOURS_MAX:
        raise ValidationError(
            {
                "session_idle_hours": _("Choose between %(min)s and %(max)s hours.")
                % {"min": SESSION_IDLE_HOURS_MIN, "max": SESSION_IDLE_HOURS_MAX}
            }
        )
    school.session_idle_hours = hours
    school.save(update_fields=["session_idle_hours"])


@transaction.atomic
def school_year_start_set(*, school, month, day, user=None):
    """The day this school's year starts. Measurements keep their dates; only how they group
    into school years (and which collection moments count as missed) follows the new start."""
    if problem := start_problem(month, day):
        raise ValidationError({"year_start_day": problem})
    fields = ("year_start_month", "year_start_day")
    before = audit.snapshot(school, fields)
    school.year_start_month, school.year_start_day = month, day
    school.save(update_fields=list(fields))
    if changes := audit.changed(before, school, fields):
        audit.record(actor=user, verb="school_year_start_changed", obj=school, changes=changes)


# --- vision ---------------------------------------------------------------------------------


def _frozen_error():
    return versioning.frozen_error(VisionVersion)


def vision_draft_start(*, school, user):
    """The school's draft; a new draft starts from the newest version."""

    def create(*, number, latest):
        draft = VisionVersion.objects.create(
            school=school,
            number=number,
            title=latest.title if latest else _("Our vision"),
            statement=latest.statement if latest else "",
            created_by=user,
        )
        if latest:  # the same values, each keeping its lineage
            CoreValue.objects.bulk_create(
                CoreValue(
                    vision=draft,
                    position=v.position,
                    name=v.name,
                    description=v.description,
                    lineage=v.lineage,
                )
                for v in latest.core_values.all()
            )
        return draft

    return versioning.draft_start(
        model=VisionVersion, owner=school, school_id=school.pk, user=user, create=create
    )


@transaction.atomic
def vision_draft_update(*, version, title, statement, values, user=None):
    """Replace the draft's text and core values.

    values is a list of (name, description) or (name, description, lineage): a value edited in
    place passes its lineage, so a renamed value stays the value the cards carry; without one, a
    value keeps the lineage of the draft's value of the same name.
    """
    version = VisionVersion.objects.select_for_update().get(pk=version.pk)
    if not version.is_draft:
        raise _frozen_error()
    names = [value[0].strip().casefold() for value in values]
    if len(names) != len(set(names)):
        raise ValidationError(_("Each core value may appear only once."))
    before = {**audit.snapshot(version, ["title", "statement"]), "core_values": _names(version)}
    version.title = title
    version.statement = statement
    version.full_clean(exclude=["created_by", "adopted_by"])
    version.save()
    lineages = _value_lineages(version, values)
    version.core_values.all().delete()
    CoreValue.objects.bulk_create(
        CoreValue(
            vision=version,
            position=index,
            name=value[0].strip(),
            description=value[1],
            lineage=lineage,
        )
        for index, (value, lineage) in enumerate(zip(values, lineages, strict=True))
    )
    after = {"title": title, "statement": statement, "core_values": _names(version)}
    changes = audit.changed(before, after, ["title", "statement", "core_values"])
    audit.record(
        actor=user,
        verb="vision_draft_updated",
        obj=version,
        changes=changes,
        data={"number": version.number},
    )
    return version


def _names(version):
    return " · ".join(value.name for value in version.core_values.order_by("position"))


def _value_lineages(version, values):
    """Per value, the lineage it keeps (its own, or the old value of that name) or a new one.

    Values that name their lineage go first, so a renamed value keeps it even when a new value
    takes over its old name.
    """
    existing = {v.name.strip().casefold(): v.lineage for v in version.core_values.all()}
    known = set(existing.values())
    lineages = [value[2] if len(value) > 2 and value[2] in known else None for value in values]
    lineages = [
        lineage if lineage not in lineages[:index] else None
        for index, lineage in enumerate(lineages)
    ]
    used = set(filter(None, lineages))
    for index, value in enumerate(values):
        if lineages[index] is None:
            lineage = existing.get(value[0].strip().casefold())
            lineages[index] = lineage if lineage and lineage not in used else uuid.uuid4()
            used.add(lineages[index])
    return lineages


def vision_adopt(*, version, user, adopted_on=None, seen_updated_at=None):
    """A leader adopts (stelt vast) the draft; from then on it is frozen.

    seen_updated_at is the draft's last-saved moment as the leader read it: a draft changed
    since then is not adopted unseen.
    """
    return versioning.adopt(
        version=version,
        user=user,
        adopted_on=adopted_on,
        seen_updated_at=seen_updated_at,
        problems=_vision_missing,
        on_adopt=lambda adopted: resolve_for(item_type="vision.draft", item_ids=[adopted.pk]),
    )


def _vision_missing(version):
    """What the draft needs before it can be adopted; the first missing thing is enough."""
    if not version.statement.strip():
        return [_("Write the vision statement before adopting it.")]
    if not version.core_values.exists():
        return [_("Name at least one core value before adopting the vision.")]
    return []


@transaction.atomic
def vision_draft_discard(*, version, user=None):
    """Throw the draft away; adopted versions stay."""
    versioning.discard(version=version, user=user)
    resolve_for(item_type="vision.draft", item_ids=[version.pk])  # nothing awaits adoption
