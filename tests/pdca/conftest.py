import pytest
from django.conf import settings

from .helpers import make_cycle


@pytest.fixture
def en(world):
    """A client for a persona that reads the pages in English."""

    def client_for(persona):
        client = world.client_for(persona)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return client_for


@pytest.fixture
def cycle(world):
    """A teacher's cycle in its Plan, with a complete goal and a criterion on world.indicator."""
    return make_cycle(world)
