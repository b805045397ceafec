from datetime import timedelta

from django import template
from django.utils.html import format_html

from kwaliteit import clock, numbers
from kwaliteit import jobs as job_kinds

register = template.Library()


@register.filter
def can(access, permission):
    """{% if access|can:"vision.edit" %}: the same table the views check."""
    return bool(access) and access.can(permission)


@register.filter
def number(value):
    """72.5000 → "72,5" in Dutch, "72.5" in English; no trailing zeros; 12.345 grouped."""
    if value is None or value == "":
        return ""
    return numbers.localized(value)


@register.simple_block_tag(takes_context=True)
def section(context, content, id, heading, items, empty):
    """A page section with its heading, and its content or, when `items` is empty, a message:

    {% section "my-cards" _("Your team's cards") cards _("No adopted cards yet.") %}
      …the cards…
    {% endsection %}
    """
    # Built here rather than from a template: render_to_string with the request would run every
    # context processor again for each section of the page.
    body = content if items else format_html('<p class="muted">{}</p>', empty)
    return format_html(
        '<section aria-labelledby="{}">\n  <h2 id="{}">{}</h2>\n  {}\n</section>',
        id,
        id,
        heading,
        body,
    )


# A file that was just made downloads by itself; coming back to the page later does not
# download it again.
AUTO_DOWNLOAD_WITHIN = timedelta(seconds=30)


def job_status_context(request, job):
    """What the one polling fragment needs: the job, its kind, whether to download now."""
    kind = job_kinds.get(job.kind)
    just_finished = (
        job.status == job.Status.DONE
        and job.finished_at is not None
        and clock.now() - job.finished_at < AUTO_DOWNLOAD_WITHIN
    )
    return {
        "request": request,
        "job": job,
        "kind": kind,
        "auto_download": just_finished and not kind.is_step,
    }


@register.inclusion_tag("kwaliteit/_job_status.html", takes_context=True)
def job_status(context, job):
    """{% job_status job %}: the fragment every page that waits for a run polls (the job page,
    the import page); it polls the job view, which answers with the same fragment."""
    return job_status_context(context["request"], job)
