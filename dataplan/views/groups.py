"""The groups page: rename a group, or merge two that are the same."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kwaliteit.decorators import school_view
from kwaliteit.params import parse_int

from .. import groups, selectors
from ..forms import MergeForm, RenameForm
from ..models import Level


def _add_errors(form, error):
    for field, problems in error.message_dict.items():
        for problem in problems:
            form.add_error(field if field in form.fields else None, problem)


@school_view("dataplan.measure")
def group_list(request):
    """Every group with its measurements; POST renames or (after a confirmation) merges."""
    bound = {}
    confirm = None
    every = selectors.groups_with_counts(school=request.school)
    by_pk = {group.pk: group for group in every}
    if request.method == "POST":
        group = by_pk.get(parse_int(request.POST.get("group")))
        if group is None:
            raise Http404
        if request.POST.get("action") == "rename":
            form = RenameForm(request.POST, prefix=f"rename{group.pk}")
            if form.is_valid():
                try:
                    groups.group_rename(group=group, name=form.cleaned_data["name"])
                except ValidationError as error:
                    _add_errors(form, error)
                else:
                    messages.success(request, _("The group has been renamed."))
                    return redirect("dataplan:groups", request.school.slug)
            bound[(group.pk, "rename")] = form
        else:
            form = MergeForm(
                request.POST, prefix=f"merge{group.pk}", source=group, candidates=every
            )
            if form.is_valid():
                target = by_pk[form.cleaned_data["target"]]
                if request.POST.get("confirm") != "1":
                    confirm = {"source": group, "target": target, "form": form}
                else:
                    try:
                        moved = groups.group_merge(source=group, target=target)
                    except ValidationError as error:
                        _add_errors(form, error)
                    else:
                        message = _(
                            "“%(source)s” has been merged into “%(target)s”: %(count)s "
                            "measurements moved."
                        )
                        messages.success(
                            request,
                            message % {"source": group.name, "target": target.name, "count": moved},
                        )
                        return redirect("dataplan:groups", request.school.slug)
            bound[(group.pk, "merge")] = form
    rows = []
    for group in every:
        if group.level == Level.SCHOOL:
            rows.append({"group": group})
            continue
        rows.append(
            {
                "group": group,
                "rename": bound.get((group.pk, "rename"))
                or RenameForm(prefix=f"rename{group.pk}", initial={"name": group.name}),
                "merge": bound.get((group.pk, "merge"))
                or MergeForm(prefix=f"merge{group.pk}", source=group, candidates=every),
            }
        )
    return render(request, "dataplan/groups.html", {"rows": rows, "confirm": confirm})
