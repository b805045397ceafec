"""Entry point: `python -m bench [--rebuild] [--only NAME ...]`."""

import argparse
import sys
import time

from . import env


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
        for figure_function in chosen:
            for figure in figure_function(running):
                print(figure, flush=True)
    print(f"figures measured in {time.monotonic() - started:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
