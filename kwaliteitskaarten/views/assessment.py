"""Card self-assessment: the periods, and answering every card once per open period."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kwaliteit.decorators import school_view

from .. import selectors_assessment as selectors
from .. import services
from ..forms import AnswersForm, PeriodForm

# The roles that work in daily practice rate it: coordinators, leaders and teachers.
# Viewers and board members read the team scores but do not answer.
ANSWER_PERMISSION = "agreements.check"


@school_view("cards.view")
def periods(request):
    """Every self-assessment period with its state; coordinators open a new one."""
    can_create = request.access.can("cards.edit")
    form = PeriodForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not can_create:
            raise PermissionDenied
        if form.is_valid():
            try:
                period = services.assessment_period_create(
                    school=request.school, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("The period “%(name)s” has been made.") % {"name": period.name},
                )
                return redirect("kwaliteitskaarten:assessment", request.school.slug)
    context = {
        "periods": selectors.periods_list(school=request.school),
        "form": form if can_create else None,
        "can_answer": request.access.can(ANSWER_PERMISSION),
        "today": timezone.localdate(),
    }
    return render(request, "kwaliteitskaarten/assessment_periods.html", context)


@school_view(ANSWER_PERMISSION)
def answer(request, period_pk):
    """Rate every adopted card once in an open period; the answers are saved all at once."""
    period = selectors.period_get(school=request.school, pk=period_pk)
    today = timezone.localdate()
    is_open = period.is_open(today)
    if request.method == "POST" and not is_open:
        messages.error(request, _("This self-assessment is not open."))
        return redirect("kwaliteitskaarten:assessment-answer", request.school.slug, period.pk)
    cards = list(selectors.cards_to_assess(period=period, user=request.user)) if is_open else []
    form = AnswersForm(request.POST if request.method == "POST" else None, cards=cards)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.assessment_answers_save(
                period=period, respondent=request.user, answers=form.answers, today=today
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            count = len(saved)
            messages.success(
                request,
                ngettext(
                    "Thank you: your answer for %(count)d card has been saved.",
                    "Thank you: your answers for %(count)d cards have been saved.",
                    count,
                )
                % {"count": count},
            )
            return redirect("kwaliteitskaarten:assessment-answer", request.school.slug, period.pk)
    context = {
        "period": period,
        "is_open": is_open,
        "form": form,
        "cards": cards,
        "all_answered": bool(cards) and all(card.answered for card in cards),
        "today": today,
    }
    return render(request, "kwaliteitskaarten/assessment_answer.html", context)
