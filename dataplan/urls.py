from django.urls import path

from .views import exports, groups, imports, indicator, plan

app_name = "dataplan"

urlpatterns = [
    path("", plan.plan, name="plan"),
    path("instellingen/", plan.plan_settings, name="settings"),
    path("pdf/", plan.plan_pdf, name="pdf"),
    path("export.<str:fmt>", exports.plan_export, name="export"),
    path("indicatoren/nieuw/", plan.indicator_edit, name="indicator-new"),
    path("indicatoren/<int:pk>/", indicator.indicator_page, name="indicator"),
    path("indicatoren/<int:pk>/bewerken/", plan.indicator_edit, name="indicator-edit"),
    path(
        "indicatoren/<int:pk>/export.<str:fmt>", exports.indicator_export, name="indicator-export"
    ),
    path("indicatoren/<int:pk>/metingen/", indicator.measurement_add, name="measurement-add"),
    path("indicatoren/<int:pk>/besluiten/", indicator.decision_add, name="decision-add"),
    path("metingen/<int:pk>/verwijderen/", indicator.measurement_delete, name="measurement-delete"),
    path("groepen/", groups.group_list, name="groups"),
    path("importeren/", imports.import_upload, name="import-upload"),
    path("importeren/voorbeeld.csv", imports.import_example, name="import-example"),
    path("importeren/<uuid:import_id>/", imports.import_detail, name="import"),
    path(
        "importeren/<uuid:import_id>/overgeslagen.csv",
        imports.import_skipped,
        name="import-skipped",
    ),
    path("importeren/<uuid:import_id>/bevestigen/", imports.import_confirm, name="import-confirm"),
]
