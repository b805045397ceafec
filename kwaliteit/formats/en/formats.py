# Day before month, as in the Dutch version; everything else from Django's English formats.
DATE_FORMAT = "j F Y"  # 1 August 2026
SHORT_DATE_FORMAT = "j M Y"  # 1 Aug 2026
DATETIME_FORMAT = "j F Y, H:i"  # 1 August 2026, 14:05
SHORT_DATETIME_FORMAT = "j M Y, H:i"  # 1 Aug 2026, 14:05
MONTH_DAY_FORMAT = "j F"  # 1 August
YEAR_MONTH_FORMAT = "F Y"  # August 2026
