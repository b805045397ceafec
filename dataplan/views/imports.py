"""Import flow: upload → column mapping → validation report → confirm → done."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kwaliteit import history as audit_history
from kwaliteit.decorators import school_view
from kwaliteit.params import int_param
from kwaliteit.schoolyear import SchoolYear

from .. import importing, imports, selectors
from ..forms import EncodingForm, MappingForm, UploadForm
from ..models import DataImport

SKIPPED_SHOWN = 200  # row numbers listed on the page; the CSV holds them all

EDITABLE = {
    DataImport.Status.UPLOADED,
    DataImport.Status.INVALID,
    DataImport.Status.VALID,
    DataImport.Status.FAILED,
}


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
            imports.import_run_start(data_import=data_import)
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
    """Mapping and report in one page; while a run is under way, the page polls its job."""
    data_import = selectors.import_get(school=request.school, import_id=import_id)
    history = audit_history.for_request(request, data_import)
    if more := audit_history.fragment(request, history):
        return more
    headers = data_import.preview.get("headers", [])
    rows = data_import.preview.get("rows", [])
    editable = data_import.status in EDITABLE and not data_import.is_busy
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
        start=request.school.year_start,
    )
    if read_again and editable and data_import.encoding and encoding_form.is_valid():
        imports.import_set_encoding(
            data_import=data_import,
            encoding=encoding_form.cleaned_data["encoding"],
            user=request.user,
        )
        imports.import_run_start(data_import=data_import)
        return redirect("dataplan:import", request.school.slug, data_import.id)
    proposals = _group_proposals(data_import)
    if request.method == "POST" and "match_groups" in request.POST:
        if editable and data_import.status != DataImport.Status.UPLOADED:
            chosen = set(request.POST.getlist("match"))
            matches = [p[:3] for i, p in enumerate(proposals) if str(i) in chosen]
            imports.import_set_group_matches(
                data_import=data_import, matches=matches, user=request.user
            )
            imports.import_run_start(data_import=data_import)
        return redirect("dataplan:import", request.school.slug, data_import.id)
    if request.method == "POST" and not read_again and editable and headers and form.is_valid():
        imports.import_set_mapping(
            data_import=data_import,
            mapping=form.mapping(),
            school_year=form.cleaned_data["school_year"],
            user=request.user,
        )
        imports.import_run_start(data_import=data_import)
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
    if imports.import_request_commit(
        data_import=data_import, skip_problem_rows=skip, user=request.user
    ):
        imports.import_run_start(data_import=data_import)
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
