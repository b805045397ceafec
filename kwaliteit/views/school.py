from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import home, services
from ..decorators import school_view
from ..forms import SchoolSessionForm, SchoolYearStartForm


@school_view("school.view")
def school_home(request):
    """The school's start page: what needs attention now, for this person in their role."""
    school, access = request.school, request.access
    page = home.start_page(school=school, user=request.user, access=access)
    context = {
        "page": page,
        "vision": home.vision_line(school=school),
        "overdue_lists": home.overdue_lists(school=school, mode=page.mode),
        "dashboard_url": home.dashboard_url(school=school, access=access),
    }
    return render(request, "kwaliteit/school_home.html", context)


@school_view("members.manage")
def school_security(request):
    """A coordinator decides how long a signed-in page may stay unused (shared computers)."""
    form = SchoolSessionForm(request.POST or None, instance=request.school)
    if request.method == "POST" and form.is_valid():
        services.school_session_idle_set(
            school=request.school, hours=form.cleaned_data["session_idle_hours"]
        )
        messages.success(request, _("The sign-in settings have been saved."))
        return redirect("kwaliteit:security", request.school.slug)
    return render(request, "kwaliteit/school_security.html", {"form": form})


@school_view("school.manage")
def school_year_settings(request):
    """A coordinator sets the day the school year starts (Netherlands, Flanders or their own)."""
    form = SchoolYearStartForm(request.POST or None, school=request.school)
    if request.method == "POST" and form.is_valid():
        month, day = form.cleaned_data["start"]
        services.school_year_start_set(
            school=request.school, month=month, day=day, user=request.user
        )
        messages.success(request, _("The start of the school year has been saved."))
        return redirect("kwaliteit:school-year", request.school.slug)
    year = request.school.school_year(timezone.localdate())
    return render(request, "kwaliteit/school_year.html", {"form": form, "year": year})
