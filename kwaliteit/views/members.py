from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import history as audit_history
from .. import selectors, services
from ..confirm import carried, confirm_page, is_confirmed
from ..decorators import school_view
from ..forms import InviteForm, MembershipForm, TeamForm


@school_view("members.view")
def members_list(request):
    members = selectors.members_list(school=request.school)
    return render(request, "kwaliteit/members.html", {"members": members})


@school_view("members.manage")
def member_invite(request):
    form = InviteForm(request.POST or None, school=request.school)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.membership_invite(
                school=request.school,
                invited_by=request.user,
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(name)s has been invited by e-mail.") % {"name": membership.user.full_name},
            )
            url = reverse("kwaliteit:members", args=[request.school.slug])
            return redirect(f"{url}#member-{membership.pk}")
    return render(request, "kwaliteit/member_invite.html", {"form": form})


@school_view("members.manage")
def member_edit(request, pk):
    membership = selectors.membership_get(school=request.school, pk=pk)
    history = audit_history.for_request(request, membership)
    if more := audit_history.fragment(request, history):
        return more
    was_active = membership.is_active  # the form's validation already changes the instance
    form = MembershipForm(request.POST or None, instance=membership)
    if request.method == "POST" and form.is_valid():
        name = membership.user.full_name
        if was_active and not form.cleaned_data["is_active"] and not is_confirmed(request):
            return confirm_page(
                request,
                title=_("Deactivate: %(name)s") % {"name": name},
                question=_("Deactivate %(name)s in this school?") % {"name": name},
                consequence=_(
                    "%(name)s can no longer open this school's pages and gets no more "
                    "reminders from it. What they wrote stays; you can make them active again."
                )
                % {"name": name},
                button=_("Deactivate"),
                cancel_url=reverse("kwaliteit:member-edit", args=[request.school.slug, pk]),
                carry=carried(request),
            )
        try:
            services.membership_update(
                membership=membership,
                role=form.cleaned_data["role"],
                teams=form.cleaned_data["teams"],
                is_active=form.cleaned_data["is_active"],
                user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The changes have been saved."))
            url = reverse("kwaliteit:members", args=[request.school.slug])
            return redirect(f"{url}#member-{membership.pk}")
    context = {"membership": membership, "form": form, "history": history}
    return render(request, "kwaliteit/member_edit.html", context)


@school_view("members.view")
def teams_list(request):
    form = TeamForm(request.POST or None)
    if request.method == "POST":
        if not request.access.can("members.manage"):
            raise PermissionDenied
        if form.is_valid():
            try:
                team = services.team_save(
                    school=request.school, name=form.cleaned_data["name"], user=request.user
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The team has been added."))
                url = reverse("kwaliteit:teams", args=[request.school.slug])
                return redirect(f"{url}#team-{team.pk}")
    teams = selectors.teams_list(school=request.school)
    return render(request, "kwaliteit/teams.html", {"teams": teams, "form": form})


@school_view("members.manage")
def team_edit(request, pk):
    team = selectors.team_get(school=request.school, pk=pk)
    form = TeamForm(request.POST or None, initial={"name": team.name})
    if request.method == "POST" and form.is_valid():
        try:
            services.team_save(
                school=request.school, team=team, name=form.cleaned_data["name"], user=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The changes have been saved."))
            url = reverse("kwaliteit:teams", args=[request.school.slug])
            return redirect(f"{url}#team-{team.pk}")
    return render(request, "kwaliteit/team_edit.html", {"team": team, "form": form})


@school_view("members.manage")
def team_delete(request, pk):
    """Asks first; the confirmed POST removes the team (its members stay in the school)."""
    team = selectors.team_get(school=request.school, pk=pk)
    if not is_confirmed(request):
        return confirm_page(
            request,
            title=_("Remove team: %(name)s") % {"name": team.name},
            question=_("Remove the team “%(name)s”?") % {"name": team.name},
            consequence=_(
                "The team disappears from the school. Its members stay in the school; cards "
                "and cycles of this team keep their history but no longer name a team."
            ),
            button=_("Remove the team"),
            cancel_url=reverse("kwaliteit:team-edit", args=[request.school.slug, team.pk]),
        )
    services.team_delete(team=team, user=request.user)
    messages.success(request, _("The team has been removed."))
    return redirect("kwaliteit:teams", request.school.slug)
