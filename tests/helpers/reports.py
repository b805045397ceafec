"""Annual-report test helpers: a school with a history, fake chapters, PDF text."""

import io
from datetime import date, datetime

from django.utils import timezone
from pypdf import PdfReader

from kwaliteit import charts, clock, services
from kwaliteit.models import Membership
from kwaliteit.reports import Section


def members_since(school, day):
    """Move the school's memberships back: the school has worked here since day."""
    Membership.objects.filter(school=school).update(
        created_at=timezone.make_aware(datetime.combine(day, datetime.min.time()))
    )


def adopt_vision(world, day, values, *, title="Samen leren"):
    """A vision version drafted and adopted through the services on day; values are names, or
    (old name, new name) to rename a value of the version before."""
    coordinator, leader = world.users["coordinator"], world.users["leader"]
    with clock.on(day, 9):
        draft = services.vision_draft_start(school=world.school, user=coordinator)
        by_name = {v.name: v.lineage for v in draft.core_values.all()}
        kept = []
        for value in values:
            old, new = value if isinstance(value, tuple) else (value, value)
            kept.append((new, "", by_name.get(old)))
        draft = services.vision_draft_update(
            version=draft, title=title, statement="Wij leren samen.", values=kept, user=coordinator
        )
    with clock.on(day, 16):
        return services.vision_adopt(version=draft, user=leader, adopted_on=day)


def fake_section(key, order, *, title=None, empty="", text=""):
    """A chapter provider with a paragraph and a bar chart (7 and 3), or empty."""

    def provider(*, school, period):
        return Section(
            key=key,
            title=title or f"Hoofdstuk {key}",
            order=order,
            template="kwaliteit/report_section.html",
            context={
                "paragraphs": [text or f"Cijfers van {key}"],
                "charts": [
                    charts.bars(
                        f"Grafiek {key}",
                        f"Twee staven voor {key}",
                        [charts.Bar("Gehaald", 7), charts.Bar("Niet gehaald", 3)],
                    )
                ],
            },
            empty_text=empty,
        )

    provider.__name__ = f"fake_{key}"
    return provider


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def pdf_reader(content: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(content))


YEAR = 2025  # the school year 2025-2026, before the tests' "today"
SINCE = date(2024, 8, 1)
