"""Queue a Celery task by its name once the transaction commits.

Tasks import the services they call (a task is a thin wrapper: take ids, call a service). A
service that starts background work therefore must not import the tasks back, or the two would
import each other in a circle. It names the task instead, the way the beat schedule and the task
routes in settings already do:

    queue.on_commit("kwaliteit.tasks.run_job", str(job.id))

tests/test_import_graph.py checks that every name queued here is a registered task.
"""

from celery import current_app
from django.db import transaction


def task(name):
    """The registered task called `name` (its module is imported on first use in a web process)."""
    if name not in current_app.tasks:
        current_app.loader.import_default_modules()
    return current_app.tasks[name]


def on_commit(name, *args):
    """Send the task once the surrounding transaction commits; never for a rolled-back one."""
    transaction.on_commit(lambda: task(name).delay(*args))
