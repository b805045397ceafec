"""The import rule: lower apps never import higher ones, and no module-level import circles."""

import ast
from pathlib import Path

from django.conf import settings

from kwaliteit.celery import app as celery_app

from .import_graph import circles, describe_circle, imported_back, imports, modules, upward

ROOT = Path(__file__).resolve().parent.parent


def test_no_app_imports_a_higher_app():
    found = upward(imports(ROOT))
    assert not found, "a lower app imports a higher one:\n" + "\n".join(map(str, found))


def test_no_module_level_import_circles():
    found = circles(imports(ROOT))
    assert not found, "modules import each other in a circle:\n" + "\n".join(
        describe_circle(edges) for edges in found
    )


def test_nothing_a_task_calls_imports_the_tasks_back():
    """Tasks import services; a service queues a task by name (kwaliteit.queue), even inside a
    function it does not import the tasks module, so tasks stay the top of their stack."""
    found = imported_back(imports(ROOT))
    assert not found, "a module imports the tasks that use it:\n" + "\n".join(map(str, found))


def test_task_and_service_functions_do_not_share_names():
    """`run_job` the task calls `job_run` the service: a reader never confuses the two."""
    known = modules(ROOT)
    clashes = []
    for name, path in known.items():
        if name.rpartition(".")[2] != "tasks":
            continue
        tasks = _functions(path)
        package = name.rpartition(".")[0]
        for other, other_path in known.items():
            if other.startswith(package + ".") and other != name:
                clashes += [f"{name}.{f} and {other}.{f}" for f in tasks & _functions(other_path)]
    assert not clashes, "tasks named like functions elsewhere in their app: " + ", ".join(clashes)


def test_every_task_a_service_queues_by_name_exists():
    """Services queue tasks by name (kwaliteit.queue), so a typo would only show in the worker."""
    celery_app.loader.import_default_modules()
    named = set(settings.CELERY_TASK_ROUTES)
    for path in modules(ROOT).values():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "on_commit"
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "queue"
            ):
                named.add(node.args[0].value)
    unknown = sorted(name for name in named if name not in celery_app.tasks)
    assert len(named) >= 5  # the walk found the queued names at all
    assert not unknown, f"queued or routed, but no such task: {unknown}"


def _functions(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}


# --- the checker itself finds what it should ---------------------------------------------------


def _tree(tmp_path, files):
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return imports(tmp_path, apps=["low", "high"])


def test_the_checker_names_an_upward_import_inside_a_function(tmp_path):
    found = _tree(
        tmp_path,
        {
            "low/__init__.py": "",
            "low/views.py": "import os\n\n\ndef page():\n    from high import models\n",
            "high/__init__.py": "",
            "high/models.py": "from low import views\n",
        },
    )
    assert [str(each) for each in upward(found, apps=["low", "high"])] == [
        "low.views (line 5) imports high.models"
    ]


def test_the_checker_names_a_circle_and_ignores_late_and_type_only_imports(tmp_path):
    found = _tree(
        tmp_path,
        {
            "low/__init__.py": "",
            "low/services.py": "from . import reminders\n",
            "low/reminders.py": "import os\n\nfrom .services import x\n",
            "low/tasks.py": "from . import services\n",
            "low/selectors.py": "def f():\n    from . import tasks\n",
            "low/models.py": (
                "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    from . import tasks\n"
            ),
            "low/forms.py": "from .models import x\n",
            "high/__init__.py": "",
        },
    )
    assert [describe_circle(edges) for edges in circles(found)] == [
        "low.reminders:3 → low.services:1 → low.reminders"
    ]


def test_the_checker_names_a_service_that_imports_its_tasks_inside_a_function(tmp_path):
    found = _tree(
        tmp_path,
        {
            "low/__init__.py": "",
            "low/services.py": "def job_create():\n    from .tasks import run_job\n",
            "low/tasks.py": "from . import services\n",
            "low/views.py": "from . import tasks\n",
            "high/__init__.py": "",
        },
    )
    assert [str(each) for each in imported_back(found)] == [
        "low.services (line 2) imports low.tasks"
    ]
