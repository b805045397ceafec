from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from .. import compare, hooks, selectors, services, services_jobs, versioning
from .. import history as audit_history
from ..confirm import confirm_page, is_confirmed
from ..decorators import school_view
from ..forms import AdoptForm, CoreValueFormSet, VisionForm
from ..params import int_param

# What the compare page sets side by side: the texts word by word, the core values by name.
COMPARED_TEXTS = (("title", gettext_lazy("Title")), ("statement", gettext_lazy("Vision statement")))
COMPARED_LISTS = (
    (
        "values",
        gettext_lazy("Core values"),
        lambda version: {v.name: v.description for v in version.core_values.all()},
        gettext_lazy("description changed"),
    ),
)


@school_view("vision.view")
def vision_page(request):
    school = request.school
    version = selectors.vision_current(school=school)
    drafts = request.access.can("vision.drafts")
    history = None
    if version:
        others = selectors.vision_versions(school=school, with_drafts=drafts).exclude(pk=version.pk)
        hide = () if drafts else DRAFT_VERBS  # no draft history for those who see no drafts
        history = audit_history.for_request(request, version, include=[others], hide=hide)
        if more := audit_history.fragment(request, history):
            return more
    context = {
        "history": history,
        "version": version,
        "sections": hooks.vision_sections.results(request, version) if version else [],
        "draft": selectors.vision_draft(school=school)
        if request.access.can("vision.drafts")
        else None,
    }
    return render(request, "kwaliteit/vision.html", context)


@school_view("vision.view")
def vision_history(request):
    versions = selectors.vision_versions(
        school=request.school, with_drafts=request.access.can("vision.drafts")
    )
    return render(request, "kwaliteit/vision_history.html", {"versions": versions})


@school_view("vision.view")
def vision_version(request, number):
    drafts = request.access.can("vision.drafts")
    version = selectors.vision_version_get(school=request.school, number=number, with_drafts=drafts)
    previous = selectors.vision_previous(version=version, with_drafts=drafts)
    hide = () if drafts else DRAFT_VERBS  # no draft history for those who see no drafts
    history = audit_history.for_request(request, version, hide=hide)
    if more := audit_history.fragment(request, history):
        return more
    context = {"version": version, "previous": previous, "history": history}
    return render(request, "kwaliteit/vision_version.html", context)


DRAFT_VERBS = ("vision_draft_updated", *versioning.DRAFT_VERBS)


@school_view("vision.view")
def vision_compare(request, number):
    """What changed between this version and an earlier one (default: the one before)."""
    drafts = request.access.can("vision.drafts")
    version = selectors.vision_version_get(school=request.school, number=number, with_drafts=drafts)
    other_number = int_param(request, "with", minimum=1)
    if other_number is not None:
        other = selectors.vision_version_get(
            school=request.school, number=other_number, with_drafts=drafts
        )
    else:
        other = selectors.vision_previous(version=version, with_drafts=drafts)
    if other is None:
        messages.info(request, _("This is the first version: there is nothing to compare with."))
        return redirect("kwaliteit:vision-version", request.school.slug, version.number)
    old, new = sorted([other, version], key=lambda v: v.number)
    versions = selectors.vision_versions(school=request.school, with_drafts=drafts)
    context = {
        "old": old,
        "new": new,
        "numbers": [v.number for v in versions],
        "rows": compare.rows(old, new, texts=COMPARED_TEXTS, lists=COMPARED_LISTS),
    }
    return render(request, "kwaliteit/vision_compare.html", context)


@school_view("vision.edit")
@require_POST
def vision_draft_start(request):
    services.vision_draft_start(school=request.school, user=request.user)
    return redirect("kwaliteit:vision-draft", request.school.slug)


@school_view("vision.edit")
def vision_draft(request):
    """Edit the draft: statement, title and core values, all saved together or not at all."""
    draft = selectors.vision_draft(school=request.school)
    if draft is None:
        messages.info(request, _("There is no draft. Start a new draft from the vision page."))
        return redirect("kwaliteit:vision", request.school.slug)
    values = draft.core_values.all()
    form = VisionForm(request.POST or None, instance=draft)
    formset = CoreValueFormSet(request.POST or None, queryset=values, prefix="values")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        kept = [  # an edited value passes its lineage: renamed, it is still the same value
            (f.cleaned_data["name"], f.cleaned_data.get("description", ""), f.instance.lineage)
            for f in formset.forms
            if f.cleaned_data.get("name") and not f.cleaned_data.get("DELETE")
        ]
        try:
            services.vision_draft_update(
                version=draft,
                title=form.cleaned_data["title"],
                statement=form.cleaned_data["statement"],
                values=kept,
                user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The draft has been saved."))
            return redirect("kwaliteit:vision-draft", request.school.slug)
    context = {"draft": draft, "form": form, "formset": formset, **_draft_sections(request, draft)}
    return render(request, "kwaliteit/vision_draft.html", context)


def _draft_sections(request, draft):
    """What adopting the draft changes elsewhere (e.g. cards carrying a value it removes)."""
    adopted = selectors.vision_current(school=request.school)
    return {"draft_sections": hooks.vision_draft_sections.results(request, draft, adopted)}


@school_view("vision.edit")
def vision_draft_discard(request):
    """Asks first; the confirmed POST throws the draft away (adopted versions stay)."""
    draft = selectors.vision_draft(school=request.school)
    if draft is not None and not is_confirmed(request):
        return confirm_page(
            request,
            title=_("Discard the vision draft"),
            question=_("Discard draft version %(number)s of the vision?")
            % {"number": draft.number},
            consequence=_(
                "Everything written in this draft is lost. The adopted vision and its earlier "
                "versions stay as they are."
            ),
            button=_("Discard the draft"),
            cancel_url=reverse("kwaliteit:vision-draft", args=[request.school.slug]),
        )
    if draft is not None:
        services.vision_draft_discard(version=draft, user=request.user)
        messages.success(request, _("The draft has been discarded."))
    return redirect("kwaliteit:vision", request.school.slug)


@school_view("vision.adopt")
def vision_adopt(request):
    """A leader adopts the draft (vaststellen) with a date; the version is then frozen."""
    draft = selectors.vision_draft(school=request.school)
    if draft is None:
        messages.info(request, _("There is no draft to adopt."))
        return redirect("kwaliteit:vision", request.school.slug)
    form = AdoptForm(
        request.POST or None,
        initial={"adopted_on": timezone.localdate(), "seen": draft.updated_at.isoformat()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.vision_adopt(
                version=draft,
                user=request.user,
                adopted_on=form.cleaned_data["adopted_on"],
                seen_updated_at=form.cleaned_data["seen"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The vision has been adopted."))
            return redirect("kwaliteit:vision", request.school.slug)
    context = {"draft": draft, "form": form, **_draft_sections(request, draft)}
    return render(request, "kwaliteit/vision_adopt.html", context)


@school_view("vision.view")
@require_POST
def vision_pdf(request, number):
    version = selectors.vision_version_get(school=request.school, number=number, with_drafts=False)
    with transaction.atomic():
        job = services_jobs.job_create(
            school=request.school, user=request.user, kind="vision_pdf", about=version
        )
    return redirect("kwaliteit:job", request.school.slug, job.id)
