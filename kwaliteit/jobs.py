"""The kinds of generated files; each app registers its own in its providers.py through
`hooks.job_kinds` (key: the kind's name; the core's vision PDF is in kwaliteit/providers.py)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.text import slugify
from django.utils.translation import gettext as _

from . import hooks


@dataclass(frozen=True)
class JobKind:
    name: str
    label: str
    render: Callable  # (job) -> (filename, bytes)
    content_type: str = "application/pdf"
    # (job) -> (url, label): the page the file was asked for on, linked from the job page
    back: Callable | None = None


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

    version = selectors.vision_version_get(
        school=job.school, number=job.object_id, with_drafts=False
    )
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
