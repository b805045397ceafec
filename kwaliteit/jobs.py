"""The kinds of runs; each app registers its own in its providers.py through `hooks.job_kinds`
(key: the kind's name; the core's vision PDF is in kwaliteit/providers.py).

A kind either *renders a document* (`render`: the run stores a Document, and the job page offers
its download) or *runs a step* (`run`: work on an object, such as checking a big import, after
which the page that waits reloads to show the result).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.text import slugify
from django.utils.translation import gettext as _

from . import hooks


@dataclass(frozen=True)
class JobKind:
    name: str
    label: str
    render: Callable | None = None  # (job) -> (filename, bytes): a document kind
    content_type: str = "application/pdf"  # of the rendered file
    # (job) -> (url, label): the page the run was asked for on; a step's page that waits
    back: Callable | None = None
    run: Callable | None = None  # (job) -> None: a step kind; raising fails the job
    # What the waiting page says while a step runs ("Checking every row…").
    progress: str = ""
    # Who besides the person who asked may follow a step's run: this permission in the school.
    # Documents stay personal.
    permission: str = ""
    # A rendered document expires after GENERATED_FILE_DAYS; False keeps it (frozen versions).
    expires: bool = True

    def __post_init__(self):
        if (self.render is None) == (self.run is None):
            raise ValueError(f"Job kind {self.name!r} needs either render or run")

    @property
    def is_step(self):
        return self.run is not None


def register(kind: JobKind):
    """Offer a kind of generated file (call it from an app's providers.py)."""
    hooks.job_kinds.register(kind, key=kind.name)
    return kind


def get(name) -> JobKind:
    kind = hooks.job_kinds.get(name)
    if kind is None:
        raise ValueError(f"Unknown job kind {name!r}")
    return kind


# (up to this many characters, layout): a short vision fills its page with larger type, a long
# one gets denser, so that every vision prints on one page for the staff room.
SHORT_MAX_VALUES = 6
DENSITIES = ((700, "short"), (1400, "roomy"), (2000, "compact"), (float("inf"), "dense"))


def render_vision_pdf(job):
    from . import pdf, selectors

    version = selectors.vision_version_get(school=job.school, pk=job.object_id, with_drafts=False)
    values = list(version.core_values.all())
    # The page must stay one page for the staff room: longer visions get a denser layout.
    length = len(version.title) + len(version.statement)
    length += sum(len(v.name) + len(v.description) for v in values)
    density = next(name for limit, name in DENSITIES if length <= limit)
    if density == "short" and (len(values) > SHORT_MAX_VALUES or len(version.title) > 80):
        density = "roomy"  # many values or a long title take the room the large type needs
    context = {"version": version, "values": values, "density": density}
    content = pdf.render("pdf/vision.html", context, job.school)
    name = slugify(f"{job.school.name} {_('vision')} {version.number}")
    return f"{name}.pdf", content


def back_to_vision(job):
    from django.urls import reverse

    return reverse("kwaliteit:vision", args=[job.school.slug]), _("Back to the vision")
