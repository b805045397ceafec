"""URL patterns of the assessment pages (joined into kwaliteitskaarten/urls.py)."""

urlpatterns = []
