"""The school's audit trail as CSV, for a period: for the coordinator (and the panel after)."""

from datetime import timedelta

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify

from .. import history
from ..decorators import school_view
from ..forms import AuditExportForm


@school_view("audit.export")
def audit_export(request):
    """A GET form: with a valid period it answers the CSV, else the page with the form."""
    today = timezone.localdate()
    asked = "start" in request.GET or "end" in request.GET
    form = AuditExportForm(
        request.GET if asked else None,
        initial={"start": today - timedelta(days=365), "end": today},
    )
    if asked and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        content = history.export_csv(school=request.school, start=start, end=end)
        response = HttpResponse(content, content_type="text/csv; charset=utf-8")
        name = slugify(f"audit {request.school.slug} {start} {end}")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    return render(request, "kwaliteit/audit_export.html", {"form": form})
