"""Importing measurements: upload → mapping → validation report → confirm → all rows or none."""

import csv
import logging

import pandas as pd
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kwaliteit.reminders import resolve_for
from kwaliteit.schoolyear import SchoolYear

from . import importing
from .models import DataImport, Group, Indicator, Level, Measurement

logger = logging.getLogger(__name__)

# Files up to this many rows are checked and imported within the request.
INLINE_ROWS = 5_000


def _read(data_import):
    with data_import.file.open("rb") as handle:
        return importing.read_table(
            handle.read(), data_import.original_name, max_bytes=settings.IMPORT_MAX_BYTES
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
    groups = {
        (level, name.casefold()): pk
        for pk, level, name in Group.objects.filter(school=school).values_list(
            "pk", "level", "name"
        )
    }
    year = SchoolYear(data_import.school_year)
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
    )


def import_create(*, school, user, uploaded_file, school_year, indicator=None):
    """Store the upload and guess the column mapping; whole-file problems raise FileProblem."""
    data = uploaded_file.read()
    table = importing.read_table(data, uploaded_file.name, max_bytes=settings.IMPORT_MAX_BYTES)
    data_import = DataImport(
        school=school,
        created_by=user,
        indicator=indicator,
        school_year=school_year,
        original_name=uploaded_file.name[:255],
        row_count=len(table.frame),
        mapping=importing.guess_mapping(table.headers, fixed_indicator=indicator is not None),
        preview={"headers": table.headers, "rows": table.frame.head(8).values.tolist()},
    )
    uploaded_file.seek(0)
    data_import.file.save(uploaded_file.name, uploaded_file, save=False)
    data_import.save()
    return data_import


def import_set_mapping(*, data_import, mapping):
    """Store the user's column choices; the import is then waiting for its check."""
    data_import.mapping = mapping
    data_import.status = DataImport.Status.VALIDATING
    data_import.problems = []
    data_import.summary = {}
    data_import.save(update_fields=["mapping", "status", "problems", "summary"])


def _store_result(data_import, result):
    data_import.problems = [
        {"row": p.row, "column": p.column, "message": p.message} for p in result.problems
    ]
    data_import.summary = {
        "rows": result.row_count,
        "new_rows": result.row_count - result.already_present - len(result.problems),
        "already_present": result.already_present,
        "more_problems": result.more_problems,
        "new_groups": [list(group) for group in result.new_groups],
    }


def import_request_commit(*, data_import):
    """Mark a checked import for saving; False when it is not (or no longer) ready."""
    return bool(
        DataImport.objects.filter(id=data_import.id, status=DataImport.Status.VALID).update(
            status=DataImport.Status.IMPORTING
        )
    )


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
        .filter(id=import_id, status=DataImport.Status.VALIDATING)
        .first()
    )
    if data_import is None:
        return
    try:
        _validate_and_store(data_import)
    except Exception:
        logger.exception("Checking import %s failed", import_id)
        _failed(import_id, data_import.created_by.language)


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


COLUMNS = (
    "indicator_id",
    "group_id",
    "measured_on",
    "value",
    "note",
    "data_import_id",
    "created_by_id",
    "created_at",
)


def _insert(rows, data_import, group_ids):
    """Insert the new rows: one COPY on PostgreSQL, batches elsewhere."""
    keys = zip(rows["level"], rows["group_name"].str.casefold(), strict=True)
    frame = pd.DataFrame(
        {
            "indicator_id": rows["indicator_id"].astype("int64"),
            "group_id": [group_ids[key] for key in keys],
            "measured_on": rows["date"],
            "value": rows["value"],
            "note": rows["note"],
            "data_import_id": str(data_import.id),
            "created_by_id": data_import.created_by_id,
            "created_at": timezone.now(),
        }
    )
    if connection.vendor == "postgresql":
        text = frame.to_csv(index=False, header=False, quoting=csv.QUOTE_NONNUMERIC)
        table = Measurement._meta.db_table
        statement = f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN WITH (FORMAT csv)"  # noqa: S608
        with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
            copy.write(text)
        return
    Measurement.objects.bulk_create(
        (
            Measurement(**dict(zip(COLUMNS, values, strict=True)))
            for values in frame.itertuples(index=False, name=None)
        ),
        batch_size=2_000,
    )


def import_commit(*, import_id):
    """Save all rows or none: validation runs again inside the transaction that saves."""
    language = settings.LANGUAGE_CODE
    try:
        with transaction.atomic():
            # The row lock makes a redelivered task wait, then find the import done.
            data_import = (
                DataImport.objects.select_for_update(of=("self",))
                .select_related("school", "indicator", "created_by")
                .filter(id=import_id, status=DataImport.Status.IMPORTING)
                .first()
            )
            if data_import is None:
                return
            language = data_import.created_by.language
            with translation.override(language):
                result = _validate(data_import)
            _store_result(data_import, result)
            if not result.ok:
                data_import.status = DataImport.Status.INVALID
                data_import.save(update_fields=["status", "problems", "summary"])
                return
            group_ids = _groups(data_import.school, result.new_groups)
            _insert(result.rows, data_import, group_ids)
            resolve_for(
                item_type="dataplan.collection",
                item_ids=result.rows["indicator_id"].unique().tolist(),
            )
            data_import.status = DataImport.Status.DONE
            data_import.finished_at = timezone.now()
            data_import.save(update_fields=["status", "problems", "summary", "finished_at"])
    except Exception:
        logger.exception("Import %s failed", import_id)
        _failed(import_id, language)


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
