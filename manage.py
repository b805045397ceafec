#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kwaliteit.settings")
    if "SECRET_KEY" not in os.environ:
        # No configuration at all: a developer's checkout. Production always sets SECRET_KEY.
        os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
