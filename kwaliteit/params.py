"""Numbers from the query string, read one way everywhere.

Python's str.isdigit() accepts "²" and int() accepts "١٢" and " 7 ", and a number of twenty
digits overflows PostgreSQL's integer columns: a hand-edited link must never become a 500.
Only plain ASCII digits within the given bounds count; anything else is treated as absent,
or answers 404 where the page cannot do without the number.
"""

import re

from django.http import Http404

# The largest value of a PostgreSQL integer column: ids, version numbers and pages fit in it.
MAX_INT = 2**31 - 1
# A list parameter (e.g. several groups on a chart) is cut off here: nobody picks more.
MAX_LIST = 100

_DIGITS = re.compile(r"[0-9]{1,10}")


def parse_int(value, *, minimum=0, maximum=MAX_INT):
    """The number in `value` if it is plain ASCII digits within [minimum, maximum], else None."""
    if not isinstance(value, str) or not _DIGITS.fullmatch(value):
        return None
    number = int(value)
    return number if minimum <= number <= maximum else None


def int_param(request, name, *, default=None, minimum=0, maximum=MAX_INT, required=False):
    """The number in ?name=; `default` when absent or unreadable, or 404 when `required`."""
    number = parse_int(request.GET.get(name), minimum=minimum, maximum=maximum)
    if number is not None:
        return number
    if required:
        raise Http404
    return default


def int_params(request, name, *, minimum=0, maximum=MAX_INT):
    """The readable numbers among ?name=…&name=… (unreadable ones are left out), at most
    MAX_LIST, without repeats, in the order given."""
    numbers = []
    for value in request.GET.getlist(name)[: MAX_LIST * 2]:
        number = parse_int(value, minimum=minimum, maximum=maximum)
        if number is not None and number not in numbers:
            numbers.append(number)
    return numbers[:MAX_LIST]
