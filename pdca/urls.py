from django.urls import path

from .views import act, actions, check, criteria, cycles, lists, phases

app_name = "pdca"

urlpatterns = [
    path("", lists.cycle_list, name="list"),
    path("mijn/", lists.mine, name="mine"),
    path("nieuw/", cycles.cycle_new, name="new"),
    path("<int:pk>/", cycles.cycle_page, name="cycle"),
    path("<int:pk>/plan/", cycles.plan_edit, name="plan"),
    path("<int:pk>/planning/", cycles.schedule, name="schedule"),
    path("<int:pk>/pdf/", cycles.cycle_pdf, name="pdf"),
    path("<int:pk>/criteria/", criteria.criterion_add, name="criterion-add"),
    path("<int:pk>/criteria/<int:criterion_pk>/", criteria.criterion_edit, name="criterion-edit"),
    path(
        "<int:pk>/criteria/<int:criterion_pk>/verwijderen/",
        criteria.criterion_delete,
        name="criterion-delete",
    ),
    path("<int:pk>/acties/", actions.action_add, name="action-add"),
    path("<int:pk>/acties/<int:action_pk>/", actions.action_edit, name="action-edit"),
    path("<int:pk>/notities/", actions.note_add, name="note-add"),
    path("<int:pk>/check/", check.check_page, name="check"),
    path("<int:pk>/check/<int:criterion_pk>/", check.evaluate, name="evaluate"),
    path("<int:pk>/act/", act.act, name="act"),
    path("<int:pk>/fasen/<str:kind>/afronden/", phases.phase_complete, name="phase-complete"),
    path("<int:pk>/fasen/<str:kind>/heropenen/", phases.phase_reopen, name="phase-reopen"),
]
