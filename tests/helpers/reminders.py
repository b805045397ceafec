"""The reminder tests' calendar: one Monday that things are due on, and times in school hours."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
DUE = date(2026, 3, 16)  # a Monday


def at(day, hour=8):
    return datetime.combine(day, time(hour), tzinfo=AMSTERDAM)
