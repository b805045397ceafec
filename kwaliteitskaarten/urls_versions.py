"""URL patterns of the versions pages (joined into kwaliteitskaarten/urls.py)."""

urlpatterns = []
