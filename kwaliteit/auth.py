"""Small helpers for logging in."""


def login_username(request, credentials):
    """The key django-axes counts failures under: e-mail addresses ignore case and spaces."""
    username = (credentials or {}).get("username")
    if username is None and request is not None:
        username = request.POST.get("username")
    return (username or "").strip().lower()
