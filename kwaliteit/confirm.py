"""Destructive actions ask first: a GET (or an unconfirmed POST) shows what will happen, only
the POST from that confirmation acts. One click never removes anything."""

from django.shortcuts import render

CONFIRM_FIELD = "bevestigd"


def is_confirmed(request):
    """True for a POST sent from the confirmation page."""
    return request.method == "POST" and request.POST.get(CONFIRM_FIELD) == "ja"


def carried(request):
    """The fields of the form that asked, sent again with the confirmation."""
    return [
        (name, value)
        for name, values in request.POST.lists()
        if name not in ("csrfmiddlewaretoken", CONFIRM_FIELD)
        for value in values
    ]


def confirm_page(
    request, *, title, question, consequence, button, cancel_url, error=None, carry=()
):
    """The page that says what happens, with one danger button and a way back."""
    context = {
        "carry": carry,
        "title": title,
        "question": question,
        "consequence": consequence,
        "button": button,
        "cancel_url": cancel_url,
        "error": error,
        "confirm_field": CONFIRM_FIELD,
    }
    return render(request, "kwaliteit/confirm.html", context)
