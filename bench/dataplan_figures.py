"""Dataplan figures: the 100,000-row import against plain COPY, and the two pages."""

import time
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.utils import timezone, translation

from . import server as bench_server
from .dataset import school_slug
from .figure import Figure

IMPORT_ROWS = 100_000
IMPORT_YEAR = 2019  # a school year without bench data, so every row is new


def _school_and_coordinator():
    from kwaliteit.models import Role, School

    school = School.objects.get(slug=school_slug(0))
    return school, school.memberships.filter(role=Role.COORDINATOR).first().user


def _import_rows(school):
    """100,000 unique (indicator, group, date) rows in school year 2019-2020."""
    from dataplan.models import Group, Indicator

    indicators = list(Indicator.objects.filter(school=school).order_by("name"))
    groups = list(Group.objects.filter(school=school, level="class").order_by("name"))
    from kwaliteit.schoolyear import SchoolYear

    first_day = SchoolYear(IMPORT_YEAR, school.year_start).first_day
    days = [first_day + timedelta(days=n) for n in range(365)]
    rows = []
    for day in days:
        for indicator in indicators:
            for group in groups:
                rows.append((indicator, group, day, 50 + len(rows) % 50))
                if len(rows) == IMPORT_ROWS:
                    return rows
    raise RuntimeError("not enough indicator × group × day combinations for the import")


def _csv(rows):
    """The file as a Dutch school exports it: BOM, semicolons, decimal commas, d-m-Y."""
    lines = ["\ufeffIndicator;Groep;Datum;Waarde;Toelichting"]
    lines += [
        f"{indicator.name};{group.name};{day:%d-%m-%Y};{value},5;"
        for indicator, group, day, value in rows
    ]
    return ("\n".join(lines) + "\n").encode()


def _delete_year(school):
    """Remove the imported rows again, and the dead rows they leave, so pages see a clean table."""
    from dataplan.models import DataImport, Measurement
    from kwaliteit.schoolyear import SchoolYear

    year = SchoolYear(IMPORT_YEAR, school.year_start)
    deleted, _ = Measurement.objects.filter(
        indicator__school=school, measured_on__range=(year.first_day, year.last_day)
    ).delete()
    DataImport.objects.filter(school=school, school_year=IMPORT_YEAR).delete()
    if deleted:
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {Measurement._meta.db_table}")


def _copy_seconds(rows, user):
    """A plain COPY of the same rows, prepared as CSV text: the floor for any importer."""
    from dataplan.models import Measurement

    now = timezone.now().isoformat()
    text = "".join(
        f'{indicator.id},{group.id},{day.isoformat()},{value}.5,"",{user.id},{now}\n'
        for indicator, group, day, value in rows
    )
    table = Measurement._meta.db_table
    columns = "indicator_id, group_id, measured_on, value, note, created_by_id, created_at"
    statement = f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv)"  # noqa: S608
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        copy.write(text)
    return time.perf_counter() - started


def dataplan_import(server):
    """Upload → validate → commit of a 100,000-row Dutch CSV, end to end, on PostgreSQL."""
    from dataplan import imports
    from dataplan.models import DataImport

    school, user = _school_and_coordinator()
    rows = _import_rows(school)
    data = _csv(rows)
    _delete_year(school)
    with translation.override("nl"):
        started = time.perf_counter()
        upload = SimpleUploadedFile("metingen.csv", data, content_type="text/csv")
        data_import = imports.import_create(
            school=school, user=user, uploaded_file=upload, school_year=IMPORT_YEAR
        )
        imports.import_read(import_id=data_import.id)  # the worker reads the stored file
        data_import.refresh_from_db()
        # the user's steps: accept the guessed mapping, check, confirm
        imports.import_set_mapping(data_import=data_import, mapping=data_import.mapping)
        imports.import_validate(import_id=data_import.id)
        data_import.refresh_from_db()
        imports.import_request_commit(data_import=data_import)
        imports.import_commit(import_id=data_import.id)
        ours = time.perf_counter() - started
    data_import.refresh_from_db()
    if data_import.status != DataImport.Status.DONE:
        raise RuntimeError(f"bench import ended {data_import.status}: {data_import.problems[:3]}")
    _delete_year(school)
    copy = _copy_seconds(rows, user)
    _delete_year(school)
    ours_rps, copy_rps = IMPORT_ROWS / ours, IMPORT_ROWS / copy
    yield Figure("import_rows_per_s", ours_rps, "rows/s", digits=0)
    yield Figure("import_vs_copy", ours_rps / copy_rps, "", digits=3)


def dataplan_pages(server):
    """Median time of the dataplan page and of a 40-group indicator page, as the coordinator."""
    from dataplan.models import Indicator

    school, user = _school_and_coordinator()
    cookie = bench_server.login_cookie(user)
    indicator = Indicator.objects.filter(school=school).order_by("name").first()
    plan = f"/s/{school.slug}/dataplan/"
    page = f"/s/{school.slug}/dataplan/indicatoren/{indicator.pk}/"
    yield Figure("dataplan_page_ms", bench_server.median_ms(server, plan, cookie=cookie), "ms")
    yield Figure("indicator_page_ms", bench_server.median_ms(server, page, cookie=cookie), "ms")
