"""The kinds of generated files; each app registers its own (core: the vision PDF)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class JobKind:
    name: str
    label: str
    render: Callable  # (job) -> (filename, bytes)
    content_type: str = "application/pdf"


_KINDS: dict[str, JobKind] = {}


def register(kind: JobKind):
    _KINDS[kind.name] = kind
    return kind


def get(name) -> JobKind:
    try:
        return _KINDS[name]
    except KeyError:
        raise ValueError(f"Unknown job kind {name!r}") from None


def _render_vision_pdf(job):
    from . import pdf, selectors

    version = selectors.vision_version_get(
        school=job.school, number=job.object_id, with_drafts=False
    )
    values = list(version.core_values.all())
    # The page must stay one page for the staff room: longer visions get a denser layout.
    length = len(version.statement) + sum(len(v.name) + len(v.description) for v in values)
    density = "dense" if length > 2400 else "compact" if length > 1400 else "roomy"
    context = {"version": version, "values": values, "density": density}
    content = pdf.render("pdf/vision.html", context, job.school)
    name = slugify(f"{job.school.name} {_('vision')} {version.number}")
    return f"{name}.pdf", content


register(JobKind("vision_pdf", gettext_lazy("Vision (PDF)"), _render_vision_pdf))
