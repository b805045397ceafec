"""Mijn kwaliteit: one person's cards, agreements, reflections and appreciation on one page.

Built to take under a minute a week, on a phone too: what needs a check comes first, writing a
reflection is one short form. A form with a mistake comes back on this page with what was typed
(kept for one request in the session), so the address stays the page's own.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kwaliteit.decorators import school_view

from .. import selectors_mine, services
from ..forms import CheckForm
from ..models import Appreciation, Reflection
from . import agreements as agreements_view

UNSAVED = "mine-unsaved"  # session key: the form that had a mistake, for the next page view
MAX_KEPT = 5000  # characters of each typed value kept for showing the form again


def _set_choices(field, objects):
    """Render the choices from an already evaluated list (no extra query); the queryset still
    decides what is valid."""
    field.choices = [("", _("Choose…"))] + [(obj.pk, str(obj)) for obj in objects]


class ReflectionForm(forms.ModelForm):
    class Meta:
        model = Reflection
        fields = ["card", "text", "visibility"]
        labels = {"card": gettext_lazy("Card")}
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "visibility": forms.RadioSelect,
        }
        help_texts = {
            "text": gettext_lazy("How does this card show in your class? At most 1000 characters.")
        }

    def __init__(self, *args, cards_qs, cards, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["card"]
        field.queryset = cards_qs
        field.error_messages["invalid_choice"] = gettext_lazy("Choose one of your cards.")
        _set_choices(field, cards)

    def clean(self):
        cleaned = super().clean()
        card = cleaned.get("card")
        if (
            card
            and card.team_id is None
            and cleaned.get("visibility") == Reflection.Visibility.TEAM
        ):
            self.add_error(
                "visibility",
                _("This card has no team to share with: keep this reflection to yourself."),
            )
        return cleaned


class AppreciationForm(forms.ModelForm):
    class Meta:
        model = Appreciation
        fields = ["recipient", "card", "text"]
        labels = {"card": gettext_lazy("Card")}
        widgets = {"text": forms.Textarea(attrs={"rows": 2, "maxlength": 500})}

    def __init__(self, *args, author, people_qs, people, cards_qs, cards, **kwargs):
        super().__init__(*args, **kwargs)
        self.author = author
        recipient = self.fields["recipient"]
        recipient.queryset = people_qs
        recipient.error_messages["invalid_choice"] = gettext_lazy(
            "Choose a colleague from this school."
        )
        _set_choices(recipient, [p for p in people if p.pk != author.pk])
        card = self.fields["card"]
        card.queryset = cards_qs
        card.error_messages["invalid_choice"] = gettext_lazy("Choose one of your cards.")
        _set_choices(card, cards)

    def clean_recipient(self):
        recipient = self.cleaned_data["recipient"]
        if recipient.pk == self.author.pk:
            raise ValidationError(_("Appreciation goes to a colleague."))
        return recipient


def _can_write(access):
    """Staff write reflections and appreciation; viewers and board members only read."""
    return access.can("reflections.write")


def _forms(request, cards_qs, cards, unsaved):
    """The two forms, the one that had a mistake bound to what was typed."""
    bound = unsaved or {}
    data = bound.get("data") if bound.get("form") == "reflection" else None
    reflection = ReflectionForm(data, prefix="reflection", cards_qs=cards_qs, cards=cards)
    people_qs = selectors_mine.school_people(school=request.school)
    data = bound.get("data") if bound.get("form") == "appreciation" else None
    appreciation = AppreciationForm(
        data,
        prefix="appreciation",
        author=request.user,
        people_qs=people_qs,
        people=list(people_qs),
        cards_qs=cards_qs,
        cards=cards,
    )
    return reflection, appreciation


def _page(request, unsaved=None):
    school, user = request.school, request.user
    membership = request.access.membership
    cards_qs = selectors_mine.my_cards(school=school, membership=membership)
    cards = list(cards_qs)
    agreements = list(selectors_mine.my_agreements(school=school, user=user, membership=membership))
    owned, team_agreements, overdue = selectors_mine.split_agreements(agreements, user=user)
    failed_check_form = agreements_view.failed_check(request, owned)
    context = {
        "failed_check_form": failed_check_form,  # puts "Fout:" in the title
        "cards": cards,
        "owned": owned,
        "team_agreements": team_agreements,
        "overdue": overdue,
        "my_reflections": selectors_mine.my_reflections(
            school=school, user=user, membership=membership
        ),
        "team_reflections": selectors_mine.team_reflections(
            school=school, user=user, membership=membership
        ),
        "appreciations": selectors_mine.appreciations_received(school=school, user=user),
        "check_form": CheckForm(),
        "today": timezone.localdate(),
        "can_write": _can_write(request.access),
    }
    if context["can_write"]:
        context["reflection_form"], context["appreciation_form"] = _forms(
            request, cards_qs, cards, unsaved
        )
    return render(request, "kwaliteitskaarten/mine.html", context)


@school_view("cards.view")
def mine(request):
    return _page(request, request.session.pop(UNSAVED, None))


def _back(request, anchor, form_name=None, form=None):
    """Back to the page; a form with a mistake is kept for the next view of the page."""
    if form is not None:
        data = {
            key: value[:MAX_KEPT]
            for key, value in request.POST.items()
            if key.startswith(form.prefix + "-")
        }
        request.session[UNSAVED] = {"form": form_name, "data": data}
    return redirect(reverse("kwaliteitskaarten:mine", args=[request.school.slug]) + anchor)


def _save(request, form, form_name, anchor, write, success):
    if form.is_valid():
        try:
            write(form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return _back(request, anchor, form_name, form)
        messages.success(request, success)
        return _back(request, anchor)
    return _back(request, anchor, form_name, form)


@school_view("reflections.write")
@require_POST
def reflection_add(request):
    membership = request.access.membership
    cards_qs = selectors_mine.my_cards(school=request.school, membership=membership)
    form = ReflectionForm(request.POST, prefix="reflection", cards_qs=cards_qs, cards=[])
    return _save(
        request,
        form,
        "reflection",
        "#reflect",
        lambda data: services.reflection_add(author=request.user, **data),
        _("Your reflection has been saved."),
    )


@school_view("reflections.write")
@require_POST
def appreciation_add(request):
    membership = request.access.membership
    form = AppreciationForm(
        request.POST,
        prefix="appreciation",
        author=request.user,
        people_qs=selectors_mine.school_people(school=request.school),
        people=[],
        cards_qs=selectors_mine.my_cards(school=request.school, membership=membership),
        cards=[],
    )
    return _save(
        request,
        form,
        "appreciation",
        "#appreciate",
        lambda data: services.appreciation_add(author=request.user, **data),
        _("Your appreciation has been sent."),
    )
