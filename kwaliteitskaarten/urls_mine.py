"""URL patterns of the mine pages (joined into kwaliteitskaarten/urls.py)."""

urlpatterns = []
