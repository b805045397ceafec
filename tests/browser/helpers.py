"""Plain helpers the browser tests share (fixtures are in tests/browser/conftest.py)."""

from django.utils import translation

from tests import builders

CARDS = "/s/regenboog/kaarten/"


def tr(message, language="nl"):
    """What the compiled catalogue makes of `message` (the Dutch catalogue may be incomplete)."""
    with translation.override(language):
        return translation.gettext(message)


def adopted_card(school, *, title, core, adopted_on=None):
    """A card with one adopted version, written and adopted through the services."""
    return builders.adopted_card(
        school=school,
        title=title,
        user=school.people["coordinator"],
        team=school.team,
        leader=school.people["leader"],
        adopted_on=adopted_on,
        why="Kinderen leren meer als ze zelf vragen stellen.",
        core=core,
        autonomy="Elke leerkracht kiest zelf de teksten.",
        core_values=[school.values["Nieuwsgierigheid"]],
    )
