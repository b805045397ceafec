"""The annual quality report's chapters, filled by every app through `hooks.report_sections`.

A provider is called as `provider(*, school, period)` (period: the report's school year as a
`kwaliteit.periods.Period`) and returns a `Section` or None. The figures in a chapter are
generated each time the report is shown or rendered; only its narrative is written by people
(kept on the report, per section key). A chapter without data says so (`empty_text`), so a
report for a year with no data is a report that says that per chapter, not an empty PDF.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Section:
    key: str  # "pdca", "cards", … unique; the narrative is stored under it
    title: str
    order: int  # chapters are sorted by it: vision 10, cards 20, dataplan 30, pdca 40, …
    template: str  # renders the generated part; the same template in page and PDF
    context: dict = field(default_factory=dict)
    empty_text: str = ""  # set when the year has no data for this chapter
