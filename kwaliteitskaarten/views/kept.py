"""A form with a mistake comes back on the page it was sent from, with what was typed.

The typed values and the messages are kept in the session for the next view of that page, so
the page keeps its own address (Mijn kwaliteit or the card) instead of the form's POST address.
"""

MAX_KEPT = 1000  # characters of each typed value kept


def keep(request, key, form, **extra):
    """Remember a form that was refused, for the next view of the page."""
    data = {
        name: request.POST.get(name, "")[:MAX_KEPT] for name in form.fields if name in request.POST
    }
    errors = {name: list(messages) for name, messages in form.errors.items()}
    request.session[key] = {"data": data, "errors": errors, **extra}


def take(request, key, form_class, **kwargs):
    """The refused form bound to what was typed, with its messages, and its extras; or None."""
    kept = request.session.pop(key, None)
    if not kept:
        return None, {}
    form = form_class(kept["data"], **kwargs)
    form.is_valid()
    for name, messages in kept["errors"].items():
        for message in messages:
            if message not in form.errors.get(name, []):
                form.add_error(None if name == "__all__" else name, message)
    extra = {k: v for k, v in kept.items() if k not in ("data", "errors")}
    return form, extra


def first_error(form):
    """Name of the first field with a message (in the form's order), for focusing it."""
    return next((name for name in form.fields if name in form.errors), None)


def focus_first_error(form):
    """The first field with a message gets the focus when the page opens."""
    name = first_error(form)
    if name:
        form.fields[name].widget.attrs["autofocus"] = True
    return form
