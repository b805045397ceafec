from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.utils.text import slugify

from kwaliteit.decorators import school_view

from .. import exports, selectors

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _response(rows, fmt, stem):
    if fmt not in CONTENT_TYPES:
        raise Http404
    name = exports.filename(slugify(stem) or "dataplan", fmt)
    if fmt == "csv":
        response = StreamingHttpResponse(exports.csv_stream(rows), content_type=CONTENT_TYPES[fmt])
    else:
        response = HttpResponse(exports.xlsx_bytes(rows, stem), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@school_view("dataplan.view")
def plan_export(request, fmt):
    rows = selectors.export_rows(school=request.school)
    return _response(rows, fmt, f"dataplan {request.school.name}")


@school_view("dataplan.view")
def indicator_export(request, pk, fmt):
    indicator = selectors.indicator_get(school=request.school, pk=pk)
    rows = selectors.export_rows(school=request.school, indicator=indicator)
    return _response(rows, fmt, indicator.name)
