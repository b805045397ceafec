"""The one door into school pages: login, school scope (404) and permission (403)."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from . import selectors


def school_view(permission):
    """Resolve `school_slug` to request.access; 404 outside the school, 403 without permission."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, school_slug, *args, **kwargs):
            access = selectors.school_access(user=request.user, slug=school_slug)
            if not access.can(permission):
                raise PermissionDenied
            request.access = access
            request.school = access.school
            if request.session.get("school") != access.school.slug:
                request.session["school"] = access.school.slug  # where "/" sends them next
            return view(request, *args, **kwargs)

        wrapper.permission = permission
        return wrapper

    return decorator


def public_view(view):
    """Marks a view that anybody may open (the URL walk test reads the mark)."""
    view.public = True
    return view
