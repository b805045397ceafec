"""The dataplan as a PDF ("beknopt dataplan"): the plan at a glance and each indicator's trend."""

from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kwaliteit import pdf

from . import selectors
from .trends import chosen_groups, indicator_chart


def render_dataplan_pdf(job):
    rows = selectors.plan_rows(school=job.school, active_only=True)
    charts = [(row, indicator_chart(row, chosen_groups(row))) for row in rows]
    content = pdf.render("pdf/dataplan.html", {"rows": rows, "charts": charts}, job.school)
    return f"{slugify(job.school.name + ' ' + _('dataplan'))}.pdf", content


def back_to_plan(job):
    return reverse("dataplan:plan", args=[job.school.slug]), _("Back to the dataplan")
