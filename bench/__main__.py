"""Entry point: `python -m bench [--rebuild] [--only NAME ...]`."""

import argparse
import sys
import time

from . import env
from .figure import Figure

# The goal for every page: at most this many times a bare request.
PAGE_GOAL_X = 20


def ratio(figure, base_ms):
    """`<page>_x`: the page's median against the bare request's, measured in the same run."""
    name = figure.name.removesuffix("_ms") + "_x"
    value = figure.value / base_ms
    note = "" if value <= PAGE_GOAL_X else f"  (above the goal of {PAGE_GOAL_X}x)"
    return f"{Figure(name, value, 'x')}{note}"


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--rebuild", action="store_true", help="drop and rebuild the dataset")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="figure functions to run")
    args = parser.parse_args(argv)

    # Before django.setup(): the settings read DATABASE_URL and friends once, at import.
    env.configure()
    env.ensure_database(rebuild=args.rebuild)

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)

    from . import dataset, figures, server, static

    static.ensure_collected()
    dataset.ensure_built()
    chosen = [f for f in figures.FIGURES if not args.only or f.__name__ in args.only]
    started = time.monotonic()
    with server.gunicorn() as running:
        if not any(f is figures.baseline for f in chosen):
            chosen.insert(0, figures.baseline)  # every page is read against the bare request
        base_ms = None
        for figure_function in chosen:
            for figure in figure_function(running):
                print(figure, flush=True)
                if figure.name == "baseline_ms":
                    base_ms = figure.value
                elif figure.name.endswith("_ms") and base_ms:
                    print(ratio(figure, base_ms), flush=True)
    print(f"figures measured in {time.monotonic() - started:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
