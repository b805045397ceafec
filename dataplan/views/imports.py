"""Import flow: upload → column mapping → validation report → confirm → done."""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from kwaliteit import history as audit_history
from kwaliteit.decorators import school_view
from kwaliteit.params import int_param
from kwaliteit.schoolyear import SchoolYear

from .. import importing, imports, selectors, tasks
from ..forms import UploadForm, school_year_choices
from ..models import DataImport

FIELD_LABELS = {
    "indicator": gettext_lazy("indicator"),
    "group": gettext_lazy("group"),
    "date": gettext_lazy("date"),
    "value": gettext_lazy("value"),
    "note": gettext_lazy("context note"),
    importing.IGNORE: gettext_lazy("— ignore this column —"),
}


SKIPPED_SHOWN = 200  # row numbers listed on the page; the CSV holds them all

EDITABLE = {
    DataImport.Status.UPLOADED,
    DataImport.Status.INVALID,
    DataImport.Status.VALID,
    DataImport.Status.FAILED,
}


class MappingForm(forms.Form):
    """One choice per column of the file: which field it holds; and the school year."""

    def __init__(self, *args, headers, mapping, school_year, years_in_file, **kwargs):
        super().__init__(*args, **kwargs)
        years = dict(school_year_choices())
        for year in [school_year, *years_in_file]:
            years.setdefault(year, str(SchoolYear(year)))
        self.fields["school_year"] = forms.TypedChoiceField(
            label=_("School year"),
            coerce=int,
            choices=sorted(years.items(), reverse=True),
            initial=school_year,
        )
        choices = [("", _("— choose —"))] + list(FIELD_LABELS.items())
        for index, header in enumerate(headers):
            self.fields[f"col{index}"] = forms.ChoiceField(
                label=header, choices=choices, required=False, initial=mapping.get(header, "")
            )
        self.headers = headers

    def columns(self):
        return [self[f"col{index}"] for index in range(len(self.headers))]

    def mapping(self):
        return {
            header: self.cleaned_data[f"col{index}"] for index, header in enumerate(self.headers)
        }


class EncodingForm(forms.Form):
    encoding = forms.ChoiceField(label=_("Encoding"), choices=importing.ENCODINGS.items())


def _queue(task, data_import):
    """Small files are handled within the request; large ones in the background."""
    if data_import.row_count <= imports.INLINE_ROWS:
        task.apply(args=[str(data_import.id)])
    else:
        transaction.on_commit(lambda: task.delay(str(data_import.id)))


def _queue_read(data_import):
    """Reading a small file takes well under a second; anything larger goes to the worker."""
    if imports.read_inline(data_import):
        tasks.import_read.apply(args=[str(data_import.id)])
    else:
        transaction.on_commit(lambda: tasks.import_read.delay(str(data_import.id)))


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
            _queue_read(data_import)
            return redirect("dataplan:import", request.school.slug, data_import.id)
    return render(request, "dataplan/import_upload.html", {"form": form})


@school_view("dataplan.measure")
def import_example(request):
    """A small file in the Dutch Excel dialect that imports as it is."""
    response = HttpResponse(
        imports.example_csv(school=request.school), content_type="text/csv; charset=utf-8"
    )
    name = _("example-measurements.csv")
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["Cache-Control"] = "private, no-store"
    return response


@school_view("dataplan.measure")
def import_detail(request, import_id):
    """Mapping and report in one page; while busy, htmx polls the progress fragment."""
    data_import = selectors.import_get(school=request.school, import_id=import_id)
    history = audit_history.for_request(request, data_import)
    if more := audit_history.fragment(request, history):
        return more
    if request.htmx and request.method == "GET":
        if not data_import.is_busy:
            # Finished: reload the whole page, so the report and the mapping form appear.
            return HttpResponseClientRefresh()
        return render(request, "dataplan/import.html#progress", {"data_import": data_import})
    headers = data_import.preview.get("headers", [])
    rows = data_import.preview.get("rows", [])
    editable = data_import.status in EDITABLE
    read_again = request.method == "POST" and "read_again" in request.POST
    encoding_form = EncodingForm(
        request.POST if read_again else None, initial={"encoding": data_import.encoding}
    )
    form = MappingForm(
        request.POST if request.method == "POST" and not read_again else None,
        headers=headers,
        mapping=data_import.mapping,
        school_year=data_import.school_year,
        years_in_file=data_import.preview.get("school_years", []),
    )
    if read_again and editable and data_import.encoding and encoding_form.is_valid():
        imports.import_set_encoding(
            data_import=data_import, encoding=encoding_form.cleaned_data["encoding"]
        )
        _queue_read(data_import)
        return redirect("dataplan:import", request.school.slug, data_import.id)
    proposals = _group_proposals(data_import)
    if request.method == "POST" and "match_groups" in request.POST:
        if editable and data_import.status != DataImport.Status.UPLOADED:
            chosen = set(request.POST.getlist("match"))
            matches = [p[:3] for i, p in enumerate(proposals) if str(i) in chosen]
            imports.import_set_group_matches(data_import=data_import, matches=matches)
            _queue(tasks.import_validate, data_import)
        return redirect("dataplan:import", request.school.slug, data_import.id)
    if request.method == "POST" and not read_again and editable and headers and form.is_valid():
        imports.import_set_mapping(
            data_import=data_import,
            mapping=form.mapping(),
            school_year=form.cleaned_data["school_year"],
        )
        _queue(tasks.import_validate, data_import)
        return redirect("dataplan:import", request.school.slug, data_import.id)
    skipped = data_import.summary.get("skipped_rows", [])
    context = {
        "data_import": data_import,
        "form": form,
        "encoding_form": encoding_form,
        "encoding_label": importing.ENCODINGS.get(data_import.encoding, ""),
        "editable": editable and bool(headers),
        "preview_rows": rows,
        "headers": headers,
        "group_proposals": proposals,
        "skipped_shown": skipped[:SKIPPED_SHOWN],
        "skipped_more": max(len(skipped) - SKIPPED_SHOWN, 0),
        "history": history,
        "years_in_file": [
            str(SchoolYear(year)) for year in data_import.preview.get("school_years", [])
        ],
    }
    return render(request, "dataplan/import.html", context)


def _group_proposals(data_import):
    """(level, name in the file, existing name, matched): look-alikes and the user's matches."""
    proposed = [(*group, False) for group in data_import.summary.get("similar_groups", [])]
    return proposed + [(*match, True) for match in data_import.group_matches]


@school_view("dataplan.measure")
@require_POST
def import_confirm(request, import_id):
    data_import = selectors.import_get(school=request.school, import_id=import_id)
    skip = request.POST.get("skip_problem_rows") == "1"
    if imports.import_request_commit(data_import=data_import, skip_problem_rows=skip):
        _queue(tasks.import_commit, data_import)
    else:
        messages.error(request, _("Only a file without problems can be imported."))
    return redirect("dataplan:import", request.school.slug, data_import.id)


@school_view("dataplan.measure")
def import_skipped(request, import_id):
    """The rows with problems, as a CSV to fix and import later."""
    data_import = selectors.import_get(school=request.school, import_id=import_id)
    try:
        text = imports.import_skipped_rows_csv(data_import=data_import)
    except importing.FileProblem as error:
        raise Http404 from error
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    name = _("skipped-rows-%(name)s") % {"name": data_import.original_name.rsplit(".", 1)[0]}
    response["Content-Disposition"] = content_disposition_header(True, f"{name}.csv")
    response["Cache-Control"] = "private, no-store"
    return response
