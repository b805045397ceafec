"""Writes of the core: people, teams, vision and jobs. Keyword-only, named <thing>_<verb>."""

import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from . import audit
from . import jobs as job_kinds
from .emails import send_templated_mail
from .models import CoreValue, Job, Membership, Role, School, Team, User, VisionVersion
from .models.people import SESSION_IDLE_HOURS_MAX, SESSION_IDLE_HOURS_MIN
from .reminders import resolve_for

logger = logging.getLogger(__name__)


# --- people and teams -----------------------------------------------------------------------


def _active_coordinators(school):
    return Membership.objects.filter(school=school, role=Role.COORDINATOR, is_active=True)


def school_lock(*, school_id):
    """Serialise changes that check a rule over the whole school (coordinators, drafts,
    periods); call inside a transaction."""
    School.objects.select_for_update().filter(pk=school_id).first()


@transaction.atomic
def membership_invite(*, school, email, full_name, role, teams, invited_by):
    """Add a person to the school; a new person gets an e-mail to set a password."""
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
    from .tasks import invite_mail_send

    invite_mail_send.delay_on_commit(membership.pk, is_new)
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


# --- vision ---------------------------------------------------------------------------------


def _frozen_error():
    return ValidationError(
        _("This version has been adopted and can no longer be changed. Start a new draft.")
    )


@transaction.atomic
def vision_draft_start(*, school, user):
    """The school's draft; a new draft starts from the newest version."""
    school_lock(school_id=school.pk)  # a double click must not start two drafts
    draft = VisionVersion.objects.filter(school=school, status=VisionVersion.Status.DRAFT).first()
    if draft:
        return draft
    latest = VisionVersion.objects.filter(school=school).order_by("-number").first()
    draft = VisionVersion.objects.create(
        school=school,
        number=(latest.number + 1) if latest else 1,
        title=latest.title if latest else _("Our vision"),
        statement=latest.statement if latest else "",
        created_by=user,
    )
    if latest:
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


@transaction.atomic
def vision_adopt(*, version, user, adopted_on=None, seen_updated_at=None):
    """A leader adopts (stelt vast) the draft; from then on it is frozen.

    seen_updated_at is the draft's last-saved moment as the leader read it: a draft changed
    since then is not adopted unseen.
    """
    version = VisionVersion.objects.select_for_update().get(pk=version.pk)
    if not version.is_draft:
        raise _frozen_error()
    if seen_updated_at is not None and version.updated_at != seen_updated_at:
        raise ValidationError(
            _("The draft was changed while you were reading it. Read it again, then adopt it.")
        )
    if not version.statement.strip():
        raise ValidationError(_("Write the vision statement before adopting it."))
    if not version.core_values.exists():
        raise ValidationError(_("Name at least one core value before adopting the vision."))
    adopted_on = adopted_on or timezone.localdate()
    if adopted_on > timezone.localdate():
        raise ValidationError(_("The adoption date cannot lie in the future."))
    previous = (
        VisionVersion.objects.filter(
            school_id=version.school_id, status=VisionVersion.Status.ADOPTED
        )
        .order_by("-number")
        .first()
    )
    if previous and adopted_on < previous.adopted_on:
        raise ValidationError(
            _("Version %(number)s was adopted on %(date)s; this one cannot be adopted earlier.")
            % {"number": previous.number, "date": formats.date_format(previous.adopted_on)}
        )
    version.status = VisionVersion.Status.ADOPTED
    version.adopted_on = adopted_on
    version.adopted_by = user
    version.save(update_fields=["status", "adopted_on", "adopted_by", "updated_at"])
    resolve_for(item_type="vision.draft", item_ids=[version.pk])
    return version


@transaction.atomic
def vision_draft_discard(*, version):
    version = VisionVersion.objects.select_for_update().get(pk=version.pk)
    if not version.is_draft:
        raise _frozen_error()
    version.delete()


# --- jobs -----------------------------------------------------------------------------------


def job_create(*, school, user, kind, object_id=None):
    """Ask for a generated file; the task is queued once the transaction commits."""
    from .tasks import job_run

    job_kinds.get(kind)  # unknown kinds fail here, in the request, not in the worker
    job = Job.objects.create(
        school=school,
        created_by=user,
        kind=kind,
        object_id=object_id,
        language=translation.get_language() or "nl",
    )
    job_run.delay_on_commit(str(job.id))
    return job


def job_run(*, job_id):
    """Produce the job's file; a failure is stored as a message the user can read."""
    now = timezone.now()
    abandoned = now - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    # Claim the job; one left running by a worker that died is claimed again.
    claimed = (
        Job.objects.filter(id=job_id)
        .filter(
            Q(status=Job.Status.PENDING) | Q(status=Job.Status.RUNNING, started_at__lt=abandoned)
        )
        .update(status=Job.Status.RUNNING, started_at=now)
    )
    if not claimed:
        return  # already done, or being made by another worker (a redelivered message)
    job = Job.objects.select_related("school", "created_by").get(id=job_id)
    try:
        kind = job_kinds.get(job.kind)
        with translation.override(job.language):
            filename, content = kind.render(job)
        job.file.save(filename, ContentFile(content), save=False)
    except Exception:
        logger.exception("Job %s (%s) failed", job.id, job.kind)
        with translation.override(job.language):
            job.error = _("The file could not be made. Try again; if it fails again, tell us.")
        job.status = Job.Status.FAILED
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "error", "finished_at"])
        return
    job.filename = filename
    job.status = Job.Status.DONE
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "file", "filename", "finished_at"])


def generated_files_cleanup(*, older_than):
    """Delete generated files older than the given moment; returns how many went."""
    count = 0
    for job in Job.objects.filter(created_at__lt=older_than).iterator():
        if job.file:
            job.file.delete(save=False)
        job.delete()
        count += 1
    return count
