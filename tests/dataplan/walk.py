"""The dataplan's part of the URL walk (tests/urlwalk.py)."""

# POST-only views: allowed people are redirected after the action.
POST_ONLY = {
    "dataplan:pdf",
    "dataplan:measurement-add",
    "dataplan:decision-add",
    "dataplan:import-confirm",
}

# An empty POST by an allowed person shows the form with its errors.
ALLOWED_POST_STATUS = {"dataplan:measurement-add": 200, "dataplan:decision-add": 200}

# Destructive actions that ask first (kwaliteit/confirm.py).
CONFIRMED_ACTIONS = {"dataplan:measurement-delete"}

ON_THE_INDICATOR = {"dataplan:measurement-add", "dataplan:decision-add"}


def url_kwargs(route, world, vision, persona):
    """Values by URL argument name for one of the dataplan's routes."""
    values = {"fmt": "csv", "import_id": world.data_import.id}
    if route.name == "dataplan:measurement-delete":
        values["pk"] = world.measurement.pk
    elif route.name.startswith("dataplan:indicator") or route.name in ON_THE_INDICATOR:
        values["pk"] = world.indicator.pk
    return values
