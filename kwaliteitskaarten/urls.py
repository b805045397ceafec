from django.urls import path

from . import urls_assessment, urls_mine, urls_versions
from .views import agreements, cards

app_name = "kwaliteitskaarten"

urlpatterns = [
    path("", cards.card_list, name="list"),
    path("nieuw/", cards.card_new, name="new"),
    path("<int:pk>/", cards.card_page, name="card"),
    path("<int:pk>/concept/", cards.card_draft, name="draft"),
    path("<int:pk>/vaststellen/", cards.card_adopt, name="adopt"),
    path("<int:pk>/herzien/", cards.card_review, name="review"),
    path("<int:pk>/archiveren/", cards.card_archive, name="archive"),
    path("<int:pk>/afspraken/", agreements.agreement_add, name="agreement-add"),
    path("afspraken/", agreements.register, name="register"),
    path("afspraken/<int:pk>/opvolging/", agreements.agreement_check, name="agreement-check"),
]

# Each group of pages keeps its own list, so the parts can grow without stepping on each other.
urlpatterns += urls_mine.urlpatterns + urls_assessment.urlpatterns + urls_versions.urlpatterns
