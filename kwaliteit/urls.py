from django.contrib import admin
from django.urls import include, path

from .views import account, board, notifications

urlpatterns = [
    path("", account.home, name="root"),
    path("healthz/", account.healthz, name="healthz"),
    path("taal/", account.set_language, name="set-language"),
    path("inloggen/", account.login, name="login"),
    path("uitloggen/", account.logout, name="logout"),
    path("account/wachtwoord/", account.password_change, name="password_change"),
    path(
        "account/wachtwoord/gewijzigd/",
        account.password_change_done,
        name="password_change_done",
    ),
    path("account/herinneringen/", notifications.reminder_settings, name="reminder-settings"),
    path("meldingen/", notifications.notifications, name="notifications"),
    path("meldingen/<int:pk>/gelezen/", notifications.notification_read, name="notification-read"),
    path(
        "meldingen/alles-gelezen/",
        notifications.notifications_read_all,
        name="notifications-read-all",
    ),
    path("wachtwoord-vergeten/", account.password_reset, name="password_reset"),
    path("wachtwoord-vergeten/verstuurd/", account.password_reset_done, name="password_reset_done"),
    path(
        "wachtwoord-instellen/<uidb64>/<token>/",
        account.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-instellen/klaar/",
        account.password_reset_complete,
        name="password_reset_complete",
    ),
    path("bestuur/<slug:board_slug>/", board.board_overview, name="board"),
    path("s/<slug:school_slug>/", include("kwaliteit.urls_school")),
    path("s/<slug:school_slug>/dataplan/", include("dataplan.urls")),
    path("s/<slug:school_slug>/kaarten/", include("kwaliteitskaarten.urls")),
    path("s/<slug:school_slug>/verbetertrajecten/", include("pdca.urls")),
    path("beheer/", admin.site.urls),
]

# The board's annual report: each school's adopted report of a year, side by side.
from .views import reports_board  # noqa: E402  (kept with its route)

urlpatterns += [
    path("bestuur/<slug:board_slug>/jaarverslag/", reports_board.board_report, name="board-report"),
]
