# Everything not set here comes from Django's Dutch formats.
DATE_FORMAT = "j F Y"  # 1 augustus 2026
SHORT_DATE_FORMAT = "j N Y"  # 1 aug. 2026 (see kwaliteit/formats/__init__.py)
DATETIME_FORMAT = "j F Y, H:i"  # 1 augustus 2026, 14:05
SHORT_DATETIME_FORMAT = "j N Y, H:i"  # 1 aug. 2026, 14:05
MONTH_DAY_FORMAT = "j F"  # 1 augustus
YEAR_MONTH_FORMAT = "F Y"  # augustus 2026
