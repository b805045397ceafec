from django.conf import settings

from . import selectors, selectors_reminders


def navigation(request):
    """The school switcher and the current school for the base layout."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"languages": settings.LANGUAGES}
    # The unread count rides along with the switcher's query: no query of its own.
    schools = selectors.schools_for_user(user=user).annotate(
        unread=selectors_reminders.unread_per_school(user=user)
    )
    return {
        "languages": settings.LANGUAGES,
        "my_schools": schools,
        "my_boards": user.boards.all(),
        "access": getattr(request, "access", None),
        # A callable: the template calls it, summing over the schools the switcher loaded.
        "unread_notifications": lambda: sum(school.unread for school in schools),
    }
