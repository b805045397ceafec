"""URL patterns of the mine pages (joined into kwaliteitskaarten/urls.py)."""

from django.urls import path

from .views import mine

urlpatterns = [
    path("mijn/", mine.mine, name="mine"),
    path("mijn/reflecties/", mine.reflection_add, name="reflection-add"),
    path("mijn/waardering/", mine.appreciation_add, name="appreciation-add"),
]
