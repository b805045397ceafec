"""One date format per language (FORMAT_MODULE_PATH): "1 aug. 2026" / "1 augustus 2026" in Dutch,
"1 Aug 2026" / "1 August 2026" in English. Templates use {{ day|date }} (long) and
{{ day|date:"SHORT_DATE_FORMAT" }}; machine values (input type=date, CSV) stay ISO.

Dutch short dates use Django's "N" (abbreviated month). Django's Dutch catalogue gives those
without a period ("aug"); ours, which takes precedence, gives them the way Dutch writes them
("aug.", "mrt.", "mei"). Listing them here keeps them in our catalogue.
"""

from django.utils.translation import pgettext_lazy

MONTH_ABBREVIATIONS = (
    pgettext_lazy("abbrev. month", "Jan."),
    pgettext_lazy("abbrev. month", "Feb."),
    pgettext_lazy("abbrev. month", "March"),
    pgettext_lazy("abbrev. month", "April"),
    pgettext_lazy("abbrev. month", "May"),
    pgettext_lazy("abbrev. month", "June"),
    pgettext_lazy("abbrev. month", "July"),
    pgettext_lazy("abbrev. month", "Aug."),
    pgettext_lazy("abbrev. month", "Sept."),
    pgettext_lazy("abbrev. month", "Oct."),
    pgettext_lazy("abbrev. month", "Nov."),
    pgettext_lazy("abbrev. month", "Dec."),
)
