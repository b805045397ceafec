"""The signed-in person's notifications across their schools, and their reminder settings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import selectors_reminders as selectors
from .. import services_reminders as services
from ..decorators import school_view
from ..forms import ReminderFrequencyForm, SchoolReminderForm
from ..params import int_param

EARLIER_PER_PAGE = 25


@login_required
def notifications(request):
    earlier = Paginator(selectors.notifications_earlier(user=request.user), EARLIER_PER_PAGE)
    context = {
        "open": selectors.notifications_open(user=request.user),
        "earlier": selectors.label_page(
            earlier.get_page(int_param(request, "pagina", default=1, minimum=1))
        ),
    }
    return render(request, "kwaliteit/notifications.html", context)


@login_required
@require_POST
def notification_read(request, pk):
    services.notification_read(user=request.user, pk=pk)
    return redirect("notifications")


@login_required
@require_POST
def notifications_read_all(request):
    services.notifications_read_all(user=request.user)
    messages.success(request, _("All notifications have been marked as read."))
    return redirect("notifications")


@login_required
def reminder_settings(request):
    """How the person wants their reminders: a daily or weekly e-mail, or only in the list."""
    form = ReminderFrequencyForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.reminder_frequency_set(
            user=request.user, frequency=form.cleaned_data["reminder_frequency"]
        )
        messages.success(request, _("Your reminder settings have been saved."))
        return redirect("reminder-settings")
    return render(request, "kwaliteit/reminder_settings.html", {"form": form})


@school_view("reminders.manage")
def school_reminder_settings(request):
    """A coordinator decides how early reminders come and when an overdue phase escalates."""
    form = SchoolReminderForm(request.POST or None, instance=request.school)
    if request.method == "POST" and form.is_valid():
        services.school_reminder_settings_save(
            school=request.school,
            due_soon_days=form.cleaned_data["reminder_due_soon_days"],
            escalate_after_days=form.cleaned_data["reminder_escalate_after_days"],
        )
        messages.success(request, _("The reminder settings have been saved."))
        return redirect("kwaliteit:reminder-settings", request.school.slug)
    return render(request, "kwaliteit/school_reminder_settings.html", {"form": form})
