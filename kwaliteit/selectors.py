"""Reads, always scoped to what the user may see."""

from django.db.models import Count, Prefetch, Q
from django.http import Http404

from . import jobs as job_kinds
from .models import Board, CoreValue, Document, Job, Membership, School, Team, VisionVersion
from .permissions import BOARD, Access


def school_access(*, user, slug) -> Access:
    """The user's access to the school with this slug; 404 when they have none."""
    if not user.is_authenticated:
        raise Http404
    membership = (
        Membership.objects.filter(user=user, school__slug=slug, is_active=True)
        .select_related("school")
        .first()
    )
    if membership:
        return Access(school=membership.school, role=membership.role, membership=membership)
    school = School.objects.filter(slug=slug, board__members=user).first()
    if school is None:
        raise Http404
    return Access(school=school, role=BOARD)


def schools_for_user(*, user):
    """Every school the user can open: own memberships and their boards' schools."""
    if not user.is_authenticated:
        return School.objects.none()
    return (
        School.objects.filter(
            Q(memberships__user=user, memberships__is_active=True) | Q(board__members=user)
        )
        .distinct()
        .order_by("name")
    )


def board_for_member(*, user, slug) -> Board:
    board = Board.objects.filter(slug=slug, members=user).first()
    if board is None:
        raise Http404
    return board


def members_list(*, school):
    return (
        Membership.objects.filter(school=school)
        .select_related("user")
        .prefetch_related("teams")
        .order_by("-is_active", "user__full_name")
    )


def membership_get(*, school, pk) -> Membership:
    membership = Membership.objects.filter(school=school, pk=pk).select_related("user").first()
    if membership is None:
        raise Http404
    return membership


def teams_list(*, school):
    return Team.objects.filter(school=school).annotate(
        member_count=Count("memberships", filter=Q(memberships__is_active=True))
    )


def team_get(*, school, pk) -> Team:
    team = Team.objects.filter(school=school, pk=pk).first()
    if team is None:
        raise Http404
    return team


def _with_values(queryset):
    return queryset.select_related("adopted_by", "created_by").prefetch_related(
        Prefetch("core_values", queryset=CoreValue.objects.order_by("position", "id"))
    )


def vision_current(*, school):
    """The adopted version in force: the newest adopted one."""
    return (
        _with_values(
            VisionVersion.objects.filter(school=school, status=VisionVersion.Status.ADOPTED)
        )
        .order_by("-number")
        .first()
    )


def vision_draft(*, school):
    drafts = VisionVersion.objects.filter(school=school, status=VisionVersion.Status.DRAFT)
    return _with_values(drafts).first()


def _visible_versions(school, with_drafts):
    versions = VisionVersion.objects.filter(school=school)
    return versions if with_drafts else versions.filter(status=VisionVersion.Status.ADOPTED)


def vision_versions(*, school, with_drafts):
    """Every version, newest first; drafts only for those who write or adopt them."""
    return (
        _visible_versions(school, with_drafts)
        .select_related("adopted_by", "created_by")
        .annotate(value_count=Count("core_values"))
        .order_by("-number")
    )


def vision_version_get(*, school, with_drafts, number=None, pk=None) -> VisionVersion:
    """A version by its number (pages) or its pk (stored references)."""
    versions = _visible_versions(school, with_drafts)
    versions = versions.filter(number=number) if pk is None else versions.filter(pk=pk)
    version = _with_values(versions).first()
    if version is None:
        raise Http404
    return version


def vision_previous(*, version, with_drafts):
    earlier = _visible_versions(version.school_id, with_drafts).filter(number__lt=version.number)
    return _with_values(earlier).order_by("-number").first()


def job_get(*, user, school, job_id, access=None) -> Job:
    """A job is personal: only the person who asked for it sees it. A step's run (checking an
    import) is followed too by whoever has its kind's permission in the school (access)."""
    job = Job.objects.filter(id=job_id, school=school).select_related("document").first()
    if job is None or job.created_by_id != user.id and not _may_follow(job, access):
        raise Http404
    return job


def _may_follow(job, access):
    permission = job_kinds.get(job.kind).permission
    return bool(permission) and access is not None and access.can(permission)


def document_get(*, user, school, document_id) -> Document:
    """A personal document: only the person who asked for it, within the school, gets it
    (expired or not: the view says which)."""
    document = Document.objects.filter(id=document_id, school=school, created_by=user).first()
    if document is None:
        raise Http404
    return document
