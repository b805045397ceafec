"""URL patterns of the assessment pages (joined into kwaliteitskaarten/urls.py)."""

from django.urls import path

from .views import assessment

urlpatterns = [
    path("zelfevaluatie/", assessment.periods, name="assessment"),
    path("zelfevaluatie/<int:period_pk>/", assessment.answer, name="assessment-answer"),
]
