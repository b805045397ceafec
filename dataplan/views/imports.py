"""Import flow: upload → column mapping → validation report → confirm → done."""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from kwaliteit.decorators import school_view
from kwaliteit.params import int_param

from .. import importing, imports, selectors, tasks
from ..forms import UploadForm
from ..models import DataImport

FIELD_LABELS = {
    "indicator": gettext_lazy("indicator"),
    "group": gettext_lazy("group"),
    "date": gettext_lazy("date"),
    "value": gettext_lazy("value"),
    "note": gettext_lazy("context note"),
    importing.IGNORE: gettext_lazy("— ignore this column —"),
}


EDITABLE = {
    DataImport.Status.UPLOADED,
    DataImport.Status.INVALID,
    DataImport.Status.VALID,
    DataImport.Status.FAILED,
}


class MappingForm(forms.Form):
    """One choice per column of the file: which field it holds."""

    def __init__(self, *args, headers, mapping, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("— choose —"))] + list(FIELD_LABELS.items())
        for index, header in enumerate(headers):
            self.fields[f"col{index}"] = forms.ChoiceField(
                label=header, choices=choices, required=False, initial=mapping.get(header, "")
            )
        self.headers = headers

    def mapping(self):
        return {
            header: self.cleaned_data[f"col{index}"] for index, header in enumerate(self.headers)
        }


def _queue(task, data_import):
    """Small files are handled within the request; large ones in the background."""
    if data_import.row_count <= imports.INLINE_ROWS:
        task.apply(args=[str(data_import.id)])
    else:
        transaction.on_commit(lambda: task.delay(str(data_import.id)))


@school_view("dataplan.measure")
def import_upload(request):
    form = UploadForm(
        request.POST or None,
        request.FILES or None,
        school=request.school,
        initial={"indicator": int_param(request, "indicator")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            data_import = imports.import_create(
                school=request.school,
                user=request.user,
                uploaded_file=form.cleaned_data["file"],
                school_year=form.cleaned_data["school_year"],
                indicator=form.cleaned_data["indicator"],
            )
        except importing.FileProblem as problem:
            form.add_error("file", problem.message)
        else:
            return redirect("dataplan:import", request.school.slug, data_import.id)
    return render(request, "dataplan/import_upload.html", {"form": form})


@school_view("dataplan.measure")
def import_detail(request, import_id):
    """Mapping and report in one page; while busy, htmx polls the progress fragment."""
    data_import = selectors.import_get(school=request.school, import_id=import_id)
    if request.htmx and request.method == "GET":
        if not data_import.is_busy:
            # Finished: reload the whole page, so the report and the mapping form appear.
            return HttpResponseClientRefresh()
        return render(request, "dataplan/import.html#progress", {"data_import": data_import})
    headers = data_import.preview.get("headers", [])
    rows = data_import.preview.get("rows", [])
    form = MappingForm(request.POST or None, headers=headers, mapping=data_import.mapping)
    editable = data_import.status in EDITABLE
    if request.method == "POST" and editable and form.is_valid():
        imports.import_set_mapping(data_import=data_import, mapping=form.mapping())
        _queue(tasks.import_validate, data_import)
        return redirect("dataplan:import", request.school.slug, data_import.id)
    context = {
        "data_import": data_import,
        "form": form,
        "editable": editable,
        "preview_rows": rows,
        "headers": headers,
    }
    return render(request, "dataplan/import.html", context)


@school_view("dataplan.measure")
@require_POST
def import_confirm(request, import_id):
    data_import = selectors.import_get(school=request.school, import_id=import_id)
    if imports.import_request_commit(data_import=data_import):
        _queue(tasks.import_commit, data_import)
    else:
        messages.error(request, _("Only a file without problems can be imported."))
    return redirect("dataplan:import", request.school.slug, data_import.id)
