"""School pages: every one lives under /s/<school_slug>/ and goes through school_view."""

from django.urls import path

from .views import audit, dashboard, jobs, members, notifications, school, vision

app_name = "kwaliteit"

urlpatterns = [
    path("", school.school_home, name="home"),
    path("visie/", vision.vision_page, name="vision"),
    path("visie/versies/", vision.vision_history, name="vision-history"),
    path("visie/versies/<int:number>/", vision.vision_version, name="vision-version"),
    path("visie/versies/<int:number>/verschil/", vision.vision_compare, name="vision-compare"),
    path("visie/versies/<int:number>/pdf/", vision.vision_pdf, name="vision-pdf"),
    path("visie/concept/", vision.vision_draft, name="vision-draft"),
    path("visie/concept/nieuw/", vision.vision_draft_start, name="vision-draft-start"),
    path("visie/concept/verwijderen/", vision.vision_draft_discard, name="vision-draft-discard"),
    path("visie/concept/vaststellen/", vision.vision_adopt, name="vision-adopt"),
    path("leden/", members.members_list, name="members"),
    path("leden/uitnodigen/", members.member_invite, name="member-invite"),
    path("leden/<int:pk>/", members.member_edit, name="member-edit"),
    path("herinneringen/", notifications.school_reminder_settings, name="reminder-settings"),
    path("aanmelden/", school.school_security, name="security"),
    path("schooljaar/", school.school_year_settings, name="school-year"),
    path("geschiedenis/export/", audit.audit_export, name="audit-export"),
    path("teams/", members.teams_list, name="teams"),
    path("teams/<int:pk>/", members.team_edit, name="team-edit"),
    path("teams/<int:pk>/verwijderen/", members.team_delete, name="team-delete"),
    path("bestanden/<uuid:job_id>/", jobs.job_status, name="job"),
    path("bestanden/<uuid:job_id>/download/", jobs.job_download, name="job-download"),
    path("documenten/<uuid:document_id>/", jobs.document_download, name="document"),
    path("dashboard/", dashboard.dashboard_page, name="dashboard"),
    path("dashboard/cijfers/<str:key>/", dashboard.figure_page, name="figure"),
]

# The annual quality report (jaarverslag).
from .views import reports  # noqa: E402  (kept with its routes)

urlpatterns += [
    path("jaarverslag/", reports.reports_page, name="reports"),
    path("jaarverslag/<int:pk>/", reports.report_page, name="report"),
    path("jaarverslag/<int:pk>/vaststellen/", reports.report_adopt, name="report-adopt"),
    path("jaarverslag/<int:pk>/pdf/", reports.report_pdf, name="report-pdf"),
]
