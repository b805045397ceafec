from django.conf import settings

from . import selectors


def navigation(request):
    """The school switcher and the current school for the base layout."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"languages": settings.LANGUAGES}
    return {
        "languages": settings.LANGUAGES,
        "my_schools": selectors.schools_for_user(user=user),
        "my_boards": user.boards.all(),
        "access": getattr(request, "access", None),
    }
