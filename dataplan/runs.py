"""An import's background work as runs of the core's Job: reading, checking, saving.

Each kind runs one step of dataplan/imports.py on the import the job is about; the import page
polls the job through the one polling fragment, and reloads when the run is over.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kwaliteit import jobs

from . import imports


def back_to_import(job):
    return reverse("dataplan:import", args=[job.school.slug, job.object_id]), _(
        "Back to the import"
    )


def read(job):
    imports.import_read(import_id=job.object_id)


def check(job):
    imports.import_validate(import_id=job.object_id)


def commit(job):
    imports.import_commit(import_id=job.object_id)


KINDS = [
    jobs.JobKind(
        name, label, run=step, back=back_to_import, progress=progress, permission="dataplan.measure"
    )
    for name, label, progress, step in (
        (imports.READ, gettext_lazy("Reading the file"), gettext_lazy("Reading the file…"), read),
        (
            imports.CHECK,
            gettext_lazy("Checking every row"),
            gettext_lazy("Checking every row…"),
            check,
        ),
        (
            imports.COMMIT,
            gettext_lazy("Saving the measurements"),
            gettext_lazy("Saving the measurements…"),
            commit,
        ),
    )
]
