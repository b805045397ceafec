"""Saving an import's new rows fast: one COPY on PostgreSQL, batches elsewhere."""

import csv

import pandas as pd
from django.db import connection
from django.utils import timezone

from .models import Measurement

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


def insert_measurements(rows, data_import, group_ids):
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
