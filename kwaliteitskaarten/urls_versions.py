"""URL patterns of the versions pages (joined into kwaliteitskaarten/urls.py)."""

from django.urls import path

from .views import versions

urlpatterns = [
    path("<int:pk>/versies/", versions.versions_list, name="versions"),
    path("<int:pk>/versies/<int:number>/verschil/", versions.versions_compare, name="compare"),
    path("<int:pk>/pdf/", versions.card_pdf, name="pdf"),
]
