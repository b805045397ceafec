"""Importing measurements: upload → mapping → validation report → confirm → all rows or none.

Reading, checking and saving are runs (kwaliteit Jobs of the kinds in dataplan/runs.py): within
the request for a small file, in the background for a big one. `import_commit` is the one place
where an import's rows are saved.
"""

import csv
import io
import logging
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kwaliteit import audit, services_jobs
from kwaliteit.reminders import resolve_for
from kwaliteit.schoolyear import SchoolYear

from . import importing
from .bulk import insert_measurements
from .models import DataImport, Group, Indicator, Level, Measurement

logger = logging.getLogger(__name__)

# Files up to this many rows are checked and imported within the request.
INLINE_ROWS = 5_000
# Files up to this size are read within the request (well within a second); larger ones, and
# every other check that could take long, run in the background.
INLINE_BYTES = {"csv": 2_000_000, "xlsx": 200_000}
PREVIEW_ROWS = 8
PREVIEW_CHARACTERS = 60
# Beyond this many rows with problems, the file needs fixing rather than skipping.
MAX_SKIPPED_ROWS = 10_000

# The kinds of run an import goes through (registered in dataplan/runs.py).
READ = "dataplan.import_read"
CHECK = "dataplan.import_check"
COMMIT = "dataplan.import_commit"


def _read(data_import):
    with data_import.file.open("rb") as handle:
        return importing.read_table(
            handle.read(),
            data_import.original_name,
            max_bytes=settings.IMPORT_MAX_BYTES,
            encoding=data_import.encoding or None,
        )


def _spec(indicator):
    return importing.IndicatorSpec(
        id=indicator.id,
        name=indicator.name,
        kind=indicator.kind,
        scale_min=indicator.scale_min,
        scale_max=indicator.scale_max,
        level=indicator.level,
    )


def _context(data_import):
    """What validation needs from the database: indicators, groups and values already there."""
    school = data_import.school
    indicators = list(Indicator.objects.filter(school=school))
    rows = list(Group.objects.filter(school=school).values_list("pk", "level", "name"))
    groups = {(level, name.casefold()): pk for pk, level, name in rows}
    names = {(level, name.casefold()): name for _pk, level, name in rows}
    # A match holds while the group it points to still exists under that name.
    aliases = {
        (level, file_name.casefold()): names[(level, name.casefold())]
        for level, file_name, name in data_import.group_matches
        if (level, name.casefold()) in names
    }
    year = SchoolYear(data_import.school_year, school.year_start)
    existing_qs = Measurement.objects.filter(
        indicator__school=school, measured_on__range=(year.first_day, year.last_day)
    )
    if data_import.indicator_id:
        existing_qs = existing_qs.filter(indicator_id=data_import.indicator_id)
    existing = {
        (indicator_id, (level, name.casefold()), measured_on): value
        for indicator_id, level, name, measured_on, value in existing_qs.values_list(
            "indicator_id", "group__level", "group__name", "measured_on", "value"
        ).iterator(chunk_size=10_000)
    }
    return importing.Context(
        indicators={indicator.name.casefold(): _spec(indicator) for indicator in indicators},
        fixed_indicator=_spec(data_import.indicator) if data_import.indicator else None,
        groups=groups,
        school_year=year,
        existing=existing,
        group_names=names,
        group_aliases=aliases,
    )


def import_create(*, school, user, uploaded_file, school_year=None, indicator=None):
    """Store the upload after the checks that need no parsing; FileProblem says why not."""
    data = uploaded_file.read()
    importing.check_file(data, uploaded_file.name, max_bytes=settings.IMPORT_MAX_BYTES)
    data_import = DataImport(
        school=school,
        created_by=user,
        indicator=indicator,
        school_year=school_year or school.school_year(timezone.localdate()).start_year,
        original_name=uploaded_file.name[:255],
        status=DataImport.Status.UPLOADED,
        # Whether the user chose the school year, or the dates in the file may choose it.
        summary={"year_chosen": school_year is not None},
    )
    uploaded_file.seek(0)
    data_import.file.save(uploaded_file.name, uploaded_file, save=False)
    data_import.save()
    _run_attach(data_import, user=user, kind=READ)
    return data_import


def _run_attach(data_import, *, user, kind):
    """A new run of `kind` for the import (not started yet: see import_run_start)."""
    job = services_jobs.job_create(
        school=data_import.school,
        user=user or data_import.created_by,
        kind=kind,
        about=data_import,
        start=False,
    )
    data_import.job = job
    data_import.save(update_fields=["job"])
    return job


def import_run_start(*, data_import):
    """Start the import's waiting run: within the request for a small file (as before), on the
    worker once the transaction commits for a big one."""
    job = data_import.job
    inline = read_inline(data_import) if job.kind == READ else data_import.row_count <= INLINE_ROWS
    services_jobs.job_start(job=job, now=inline)
    if inline:
        data_import.refresh_from_db()
    return job


def read_inline(data_import) -> bool:
    """Whether the file is small enough to be read within the request."""
    kind = "xlsx" if data_import.file.name.casefold().endswith(".xlsx") else "csv"
    return data_import.file.size <= INLINE_BYTES[kind]


def import_read(*, import_id):
    """Read the stored file: the preview, the guessed mapping and school year, or the problem."""
    data_import = (
        DataImport.objects.select_related("created_by", "indicator")
        .filter(id=import_id, status=DataImport.Status.UPLOADED, preview={})
        .first()
    )
    if data_import is None:
        return  # read already (a redelivered run)
    try:
        with translation.override(data_import.created_by.language):
            try:
                table = _read(data_import)
            except importing.FileProblem as problem:
                data_import.status = DataImport.Status.FAILED
                data_import.problems = [{"row": None, "column": None, "message": problem.message}]
                data_import.save(update_fields=["status", "problems"])
                return
        _store_table(data_import, table)
    except Exception:
        _failed(import_id, data_import.created_by.language)
        raise


def _short(cell) -> str:
    text = str(cell)
    if len(text) <= PREVIEW_CHARACTERS:
        return text
    return text[: PREVIEW_CHARACTERS - 1] + "…"


def _store_table(data_import, table):
    mapping = importing.guess_mapping(
        table.headers, fixed_indicator=data_import.indicator_id is not None
    )
    years = importing.school_years(table, mapping, start=data_import.school.year_start)
    chosen = data_import.summary.get("year_chosen", False)
    if len(years) == 1 and not chosen:
        data_import.school_year = years[0]
    head = table.frame.head(PREVIEW_ROWS).to_numpy().tolist()
    data_import.preview = {
        "headers": table.headers,
        "rows": [[_short(cell) for cell in row] for row in head],
        "bad_lines": table.bad_lines,
        "school_years": years,
    }
    data_import.encoding = table.encoding
    data_import.row_count = len(table.frame)
    data_import.mapping = mapping
    data_import.status = DataImport.Status.UPLOADED
    data_import.problems = []
    data_import.summary = {"year_chosen": chosen}
    data_import.save()


def import_set_encoding(*, data_import, encoding, user=None):
    """Read the stored file again with another encoding; no upload needed."""
    data_import.encoding = encoding
    data_import.status = DataImport.Status.UPLOADED
    data_import.preview = {}  # read anew
    data_import.problems = []
    data_import.save(update_fields=["encoding", "status", "preview", "problems"])
    return _run_attach(data_import, user=user, kind=READ)


def import_set_group_matches(*, data_import, matches, user=None):
    """Store which look-alike groups the user matched; the import is checked again."""
    data_import.group_matches = [list(match) for match in matches]
    data_import.status = DataImport.Status.UPLOADED
    data_import.problems = []
    data_import.summary = {"year_chosen": data_import.summary.get("year_chosen", False)}
    data_import.save(update_fields=["group_matches", "status", "problems", "summary"])
    return _run_attach(data_import, user=user, kind=CHECK)


def import_set_mapping(*, data_import, mapping, school_year=None, user=None):
    """Store the user's column choices; the import then waits for its check."""
    data_import.mapping = mapping
    if school_year is not None:
        data_import.school_year = school_year
    data_import.status = DataImport.Status.UPLOADED
    data_import.problems = []
    chosen = data_import.summary.get("year_chosen", False) or school_year is not None
    data_import.summary = {"year_chosen": chosen}
    data_import.save(update_fields=["mapping", "school_year", "status", "problems", "summary"])
    return _run_attach(data_import, user=user, kind=CHECK)


def _store_result(data_import, result):
    data_import.problems = [
        {"row": p.row, "column": p.column, "message": p.message} for p in result.problems
    ]
    skippable = result.can_skip and len(result.skipped_rows) <= MAX_SKIPPED_ROWS
    data_import.summary = {
        "year_chosen": data_import.summary.get("year_chosen", False),
        "rows": result.row_count,
        "new_rows": len(result.rows) if result.ok else 0,
        "already_present": result.already_present,
        "more_problems": result.more_problems,
        "new_groups": [list(group) for group in result.new_groups],
        "skippable": skippable,
        "good_rows": len(result.good_rows) if skippable else 0,
        "skipped_rows": result.skipped_rows if skippable else [],
        "good_new_groups": [list(group) for group in result.good_new_groups] if skippable else [],
        "similar_groups": [list(group) for group in result.similar_groups],
    }


def _committable(data_import, skip_problem_rows):
    """Checked and fit to save: without problems and something new, or with only rows that may
    be skipped when the user chose to skip them."""
    if skip_problem_rows:
        return data_import.status == DataImport.Status.INVALID and data_import.summary.get(
            "skippable", False
        )
    return (
        data_import.status == DataImport.Status.VALID and data_import.summary.get("new_rows", 0) > 0
    )


def import_request_commit(*, data_import, skip_problem_rows=False, user=None):
    """Give a checked import its saving run (start it with import_run_start); None when the
    import is not (or no longer) ready, or a run of it is still under way."""
    with transaction.atomic():
        # The row lock makes a second click wait, then find the first click's run.
        locked = (
            DataImport.objects.select_for_update(of=("self",))
            .select_related("school", "job", "created_by")
            .get(id=data_import.id)
        )
        if locked.is_busy or not _committable(locked, skip_problem_rows):
            return None
        locked.skip_problem_rows = skip_problem_rows
        locked.save(update_fields=["skip_problem_rows"])
        job = _run_attach(locked, user=user, kind=COMMIT)
    data_import.job, data_import.skip_problem_rows = job, skip_problem_rows
    return job


def _failed(import_id, language):
    with translation.override(language):
        message = _("The import failed; nothing was saved. Try again.")
    DataImport.objects.filter(id=import_id).update(
        status=DataImport.Status.FAILED,
        problems=[{"row": None, "column": None, "message": message}],
    )


def import_validate(*, import_id):
    """Check every row and store the report; nothing is saved to the measurements."""
    data_import = (
        DataImport.objects.select_related("school", "indicator", "created_by")
        .filter(id=import_id, status=DataImport.Status.UPLOADED)
        .exclude(preview={})
        .first()
    )
    if data_import is None:
        return  # checked already (a redelivered run), or not read
    try:
        _validate_and_store(data_import)
    except Exception:
        _failed(import_id, data_import.created_by.language)
        raise


def _validate(data_import):
    return importing.validate(_read(data_import), data_import.mapping, _context(data_import))


def _validate_and_store(data_import):
    with translation.override(data_import.created_by.language):
        try:
            result = _validate(data_import)
        except importing.FileProblem as problem:
            result = None
            data_import.problems = [{"row": None, "column": None, "message": problem.message}]
    if result is not None:
        _store_result(data_import, result)
    ok = result is not None and result.ok
    data_import.status = DataImport.Status.VALID if ok else DataImport.Status.INVALID
    data_import.save(update_fields=["status", "problems", "summary"])


def import_commit(*, import_id):
    """Save all rows or none: validation runs again inside the transaction that saves.

    The one place where an import's measurements are saved (asked for by import_request_commit,
    run as the import's COMMIT run).
    """
    language = settings.LANGUAGE_CODE
    try:
        with transaction.atomic():
            # The row lock makes a redelivered run wait, then find the import done.
            data_import = (
                DataImport.objects.select_for_update(of=("self",))
                .select_related("school", "indicator", "created_by")
                .filter(id=import_id)
                .first()
            )
            if data_import is None or not _committable(data_import, data_import.skip_problem_rows):
                return  # saved already (a redelivered run), or no longer fit to save
            language = data_import.created_by.language
            skipped = data_import.summary.get("skipped_rows", [])
            with translation.override(language):
                result = _validate(data_import)
            _store_result(data_import, result)
            if result.ok:
                rows, new_groups = result.rows, result.new_groups
            elif data_import.skip_problem_rows and result.skipped_rows == skipped:
                # Only the rows the user saw listed are skipped; anything else changed meanwhile.
                rows, new_groups = result.good_rows, result.good_new_groups
                data_import.summary["new_rows"] = len(rows)
                data_import.summary["skipped"] = len(skipped)
            else:
                data_import.status = DataImport.Status.INVALID
                data_import.save(update_fields=["status", "problems", "summary"])
                return
            group_ids = _groups(data_import.school, new_groups)
            insert_measurements(rows, data_import, group_ids)
            resolve_for(
                item_type="dataplan.collection",
                item_ids=rows["indicator_id"].unique().tolist(),
            )
            data_import.status = DataImport.Status.DONE
            data_import.finished_at = timezone.now()
            data_import.save(update_fields=["status", "problems", "summary", "finished_at"])
            # One record for the whole import, however many rows it saved.
            counts = {"rows": len(rows), "skipped": 0 if result.ok else len(skipped)}
            audit.record(
                actor=data_import.created_by, verb="import_committed", obj=data_import, data=counts
            )
    except Exception:
        _failed(import_id, language)
        raise


def import_skipped_rows_csv(*, data_import) -> str:
    """The skipped rows as the file has them, in Dutch Excel CSV: to fix and import later."""
    table = _read(data_import)
    rows = table.frame.loc[table.frame.index.isin(data_import.summary.get("skipped_rows", []))]
    buffer = io.StringIO()
    buffer.write("\ufeff")  # Excel recognises UTF-8 by its byte order mark
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([importing.csv_safe(header) for header in table.headers])
    for row in rows.itertuples(index=False, name=None):
        writer.writerow([importing.csv_safe(cell) for cell in row])
    return buffer.getvalue()


def _groups(school, new_groups):
    """Create the groups the file introduces; return (level, name casefold) → id for all."""
    Group.objects.bulk_create(
        [
            Group(school=school, level=level, name="" if level == Level.SCHOOL else name)
            for level, name in new_groups
        ],
        ignore_conflicts=True,
    )
    return {
        (level, name.casefold()): pk
        for pk, level, name in Group.objects.filter(school=school).values_list(
            "pk", "level", "name"
        )
    }


_EXAMPLE_GROUPS = {
    Level.SCHOOL: [""],
    Level.TEAM: ["Team onderbouw", "Team bovenbouw"],
    Level.YEAR: ["Leerjaar 5", "Leerjaar 6"],
    Level.CLASS: ["Groep 5A", "Groep 6B"],
    Level.PROGRAMME: ["Opleiding Zorg", "Opleiding Techniek"],
}


def _example_value(indicator, share):
    """A value inside the indicator's scale, written the Dutch way (7,5 not 7.5)."""
    low, high = indicator.scale_min, indicator.scale_max
    if indicator.kind == Indicator.Kind.PERCENTAGE:
        low, high = low if low is not None else 0, high if high is not None else 100
    elif indicator.kind == Indicator.Kind.COUNT:
        low = max(low if low is not None else 0, 0)
        high = high if high is not None else low + 20
        return str(int(low + (high - low) * Decimal(share)))
    low = low if low is not None else (high - 10 if high is not None else 0)
    high = high if high is not None else low + 10
    value = (low + (high - low) * Decimal(share)).quantize(Decimal("0.1"))
    return format(value, "f").replace(".", ",")


def example_csv(*, school) -> str:
    """An example file in the Dutch Excel dialect, with the school's own indicators."""
    indicators = list(Indicator.objects.filter(school=school, is_active=True).order_by("name")[:2])
    existing = {}
    for level, name in (
        Group.objects.filter(school=school).order_by("name").values_list("level", "name")
    ):
        existing.setdefault(level, []).append(name)
    year = school.school_year(timezone.localdate())
    # Dates in the current school year and not in the future, as an import requires.
    days = [year.first_day + timedelta(days=offset) for offset in (45, 135)]
    days = [min(day, timezone.localdate()) for day in days]
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([_("Indicator"), _("Group"), _("Date"), _("Value"), _("Note")])
    if not indicators:
        day = days[0].strftime("%d-%m-%Y")
        writer.writerow([_("Reading results"), "Groep 5A", day, "72,5", ""])
        return buffer.getvalue()
    for indicator in indicators:
        groups = (existing.get(indicator.level) or _EXAMPLE_GROUPS[indicator.level])[:2]
        for number, (group, day) in enumerate(
            (group, day) for group in groups for day in dict.fromkeys(days)
        ):
            note = _("new reading method") if number == 0 else ""
            value = _example_value(indicator, ("0.7", "0.75", "0.8", "0.85")[number % 4])
            writer.writerow([indicator.name, group, day.strftime("%d-%m-%Y"), value, note])
    return buffer.getvalue()
