"""The production setup (Dockerfile, docker-compose.yml, .env.example) fits this project:
every command starts something that exists, every variable is documented, jobs reach a
worker, generated files are shared, and the settings pass Django's deployment checks."""

import importlib
import json
import os
import re
import secrets
import shlex
import subprocess
import sys
from pathlib import Path

import yaml
from celery import Celery
from celery.app.utils import find_app
from django.conf import settings
from django.core.management import get_commands

from kwaliteit import celery_app

ROOT = Path(__file__).resolve().parent.parent
APP_SERVICES = ["migrate", "web", "worker", "beat"]
TRUTHY = {"1", "true", "yes", "on"}


def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def services():
    return compose()["services"]


def env_example():
    """The variables .env.example sets, as a dict."""
    values = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        match = re.match(r"^([A-Za-z_][A-Za-z0-9_]*)=(.*)$", line.strip())
        if match:
            values[match[1]] = match[2]
    return values


def environment(service):
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) if "=" in item else (item, "") for item in env)
    return env


def command_tokens(command):
    return shlex.split(command) if isinstance(command, str) else list(command)


def dockerfile_instructions():
    """(instruction, arguments) pairs, with continuation lines joined."""
    text = (ROOT / "Dockerfile").read_text()
    text = re.sub(r"\\\n", " ", text)
    instructions = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            instructions.append((keyword.upper(), rest.strip()))
    return instructions


def dockerfile_env():
    env = {}
    for keyword, rest in dockerfile_instructions():
        if keyword == "ENV":
            for pair in shlex.split(rest):
                name, _, value = pair.partition("=")
                env[name] = value
    return env


def module_targets(tokens):
    """What a command asks Python to load: ("wsgi", "pkg.mod:attr"), ("celery", "pkg") or
    ("manage", "command")."""
    targets = []
    program = Path(tokens[0]).name if tokens else ""
    for index, token in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if program == "gunicorn" and re.fullmatch(r"[A-Za-z_][\w.]*:[A-Za-z_]\w*", token):
            targets.append(("wsgi", token))
        elif program == "celery" and token in {"-A", "--app"} and following:
            targets.append(("celery", following))
        elif program == "celery" and token.startswith("--app="):
            targets.append(("celery", token.split("=", 1)[1]))
        elif Path(token).name == "manage.py" and following:
            targets.append(("manage", following))
    return targets


def assert_target_exists(kind, name, where):
    if kind == "wsgi":
        module_name, attribute = name.split(":")
        module = importlib.import_module(module_name)
        application = getattr(module, attribute, None)
        assert callable(application), f"{where}: {name} is not a WSGI application"
    elif kind == "celery":
        app = find_app(name)
        assert isinstance(app, Celery), f"{where}: -A {name} does not find a Celery app"
        assert app.conf.task_routes == settings.CELERY_TASK_ROUTES, (
            f"{where}: the Celery app {name} does not read the project's CELERY_* settings"
        )
    else:
        assert name in get_commands(), f"{where}: manage.py has no command {name!r}"


def test_compose_describes_the_whole_production_stack():
    found = services()
    for name in ["web", "worker", "beat", "db", "redis"]:
        assert name in found, f"docker-compose.yml has no {name} service"
    assert found["db"]["image"].startswith("postgres:15")
    assert found["redis"]["image"].startswith("redis:7")
    assert "healthcheck" in found["db"], "web and worker would start before PostgreSQL is ready"
    db_volumes = [str(volume).split(":")[0] for volume in found["db"].get("volumes", [])]
    assert any(name in compose().get("volumes", {}) for name in db_volumes), (
        "the database is not on a named volume and is lost when the container is recreated"
    )


def test_every_compose_command_starts_something_that_exists():
    checked = {}
    for name, service in services().items():
        if "command" not in service:
            continue
        targets = module_targets(command_tokens(service["command"]))
        for kind, target in targets:
            assert_target_exists(kind, target, f"service {name}")
        checked[name] = targets
    # The services whose whole job is to run our code must each have been checked.
    assert [kind for kind, _ in checked.get("web", [])] == ["wsgi"]
    assert [kind for kind, _ in checked.get("worker", [])] == ["celery"]
    assert [kind for kind, _ in checked.get("beat", [])] == ["celery"]
    migrations = [target for kind, target in checked.get("migrate", []) if kind == "manage"]
    assert migrations == ["migrate"], "nothing runs the database migrations"


def test_worker_consumes_the_queue_of_every_routed_and_scheduled_task():
    tokens = command_tokens(services()["worker"]["command"])
    assert "worker" in tokens
    queues = set()
    for index, token in enumerate(tokens):
        if token in {"-Q", "--queues"}:
            queues.update(tokens[index + 1].split(","))
        elif token.startswith("--queues="):
            queues.update(token.split("=", 1)[1].split(","))

    celery_app.loader.import_default_modules()
    routes = settings.CELERY_TASK_ROUTES
    scheduled = [entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()]
    assert routes, "no task routes to check"
    for task_name in [*routes, *scheduled]:
        assert task_name in celery_app.tasks, f"{task_name} is routed or scheduled, not defined"
        queue = routes.get(task_name, {}).get("queue", settings.CELERY_TASK_DEFAULT_QUEUE)
        assert queue in queues, f"{task_name} goes to queue {queue!r}, which no worker reads"
    assert settings.CELERY_TASK_DEFAULT_QUEUE in queues


def test_web_and_worker_share_the_media_volume_at_media_root():
    found = services()
    assert "media" in (compose().get("volumes") or {}), "no named volume 'media'"
    for name in ["web", "worker"]:
        media_root = environment(found[name]).get("MEDIA_ROOT") or dockerfile_env()["MEDIA_ROOT"]
        mounts = []
        for volume in found[name].get("volumes", []):
            if isinstance(volume, str):
                source, target = volume.split(":")[:2]
            else:
                source, target = volume.get("source"), volume.get("target")
            mounts.append((source, target.rstrip("/")))
        assert ("media", media_root.rstrip("/")) in mounts, (
            f"{name} does not see generated files: 'media' is not mounted at {media_root}"
        )


def test_every_variable_compose_uses_is_documented_in_env_example():
    documented = env_example()
    text = (ROOT / "docker-compose.yml").read_text()
    used = set(re.findall(r"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)", text))
    for service in services().values():
        used.update(environment(service))
    assert {"DATABASE_URL", "REDIS_URL", "POSTGRES_PASSWORD"} <= used
    missing = sorted(used - set(documented))
    assert not missing, (
        f"docker-compose.yml uses variables .env.example does not explain: {missing}"
    )
    for name in APP_SERVICES:
        env_files = services()[name].get("env_file")
        env_files = [env_files] if isinstance(env_files, str) else env_files or []
        assert ".env" in env_files, f"service {name} does not read .env"


def test_app_services_reach_the_compose_database_and_redis():
    found = services()
    for name in APP_SERVICES:
        env = environment(found[name])
        database = re.match(r"^postgres(?:ql)?://[^@]*@([^:/]+)", env.get("DATABASE_URL", ""))
        redis = re.match(r"^redis://([^:/]+)", env.get("REDIS_URL", ""))
        assert database and database[1] == "db", f"{name} does not use the db service"
        assert redis and redis[1] == "redis", f"{name} does not use the redis service"


def test_settings_environment_variables_are_all_documented():
    source = (ROOT / "kwaliteit" / "settings.py").read_text()
    pattern = (
        r"(?:\benv(?:_bool|_int|_list)?\(|os\.environ\.get\(|os\.getenv\(|os\.environ\[)"
        r"\s*[\"']([A-Za-z_][A-Za-z0-9_]*)[\"']"
    )
    read = set(re.findall(pattern, source))
    assert {"SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"} <= read
    missing = sorted(read - set(env_example()))
    assert not missing, f"settings.py reads variables .env.example does not mention: {missing}"


def test_env_example_is_a_production_configuration():
    values = env_example()
    assert values["DEBUG"].lower() not in TRUTHY
    for name in ["SECRET_KEY", "POSTGRES_PASSWORD", "EMAIL_HOST_PASSWORD"]:
        assert "change-me" in values[name], f"{name} should be a placeholder, not a real secret"


def test_dockerfile_cmd_runs_the_project_wsgi_application():
    commands = [rest for keyword, rest in dockerfile_instructions() if keyword == "CMD"]
    assert commands, "the Dockerfile has no CMD"
    tokens = json.loads(commands[-1])
    targets = module_targets(tokens)
    assert [kind for kind, _ in targets] == ["wsgi"]
    for kind, target in targets:
        assert_target_exists(kind, target, "Dockerfile CMD")


def test_image_lets_the_app_user_write_generated_files():
    instructions = dockerfile_instructions()
    users = [rest for keyword, rest in instructions if keyword == "USER"]
    assert users and users[-1] not in {"root", "0"}, "the container runs as root"
    media_root = dockerfile_env()["MEDIA_ROOT"]
    assert media_root == environment(services()["worker"])["MEDIA_ROOT"]
    runs = " ".join(rest for keyword, rest in instructions if keyword == "RUN")
    mentions = rf"(?:\$MEDIA_ROOT|\$\{{MEDIA_ROOT\}}|{re.escape(media_root)})"
    assert re.search(rf"mkdir -p \"?{mentions}", runs), "MEDIA_ROOT is not created in the image"
    assert re.search(rf"chown \S*{users[-1]}\S* \"?{mentions}", runs), (
        f"{users[-1]} cannot write to MEDIA_ROOT, so the worker cannot store PDFs"
    )


def test_web_healthcheck_gets_ok_from_the_running_app(live_server, settings):
    """Runs the compose healthcheck against a live server configured like .env.example."""
    values = env_example()
    settings.ALLOWED_HOSTS = [h.strip() for h in values["ALLOWED_HOSTS"].split(",") if h.strip()]
    settings.SECURE_SSL_REDIRECT = values["SECURE_SSL_REDIRECT"].lower() in TRUTHY
    settings.SECURE_PROXY_SSL_HEADER = (
        ("HTTP_X_FORWARDED_PROTO", "https") if values["BEHIND_PROXY"].lower() in TRUTHY else None
    )
    test = services()["web"]["healthcheck"]["test"]
    assert test[:3] == ["CMD", "python", "-c"]
    code = test[3].replace("http://127.0.0.1:8000", live_server.url)
    assert code != test[3], "the healthcheck does not ask the web server on port 8000"
    env = {**os.environ, "ALLOWED_HOSTS": values["ALLOWED_HOSTS"]}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 0, result.stderr


def test_settings_pass_the_deployment_checks(tmp_path):
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", str(tmp_path)),
        "DJANGO_SETTINGS_MODULE": "kwaliteit.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "kwaliteit.example.nl",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNING" not in output.upper(), output
    assert "no issues" in output, output
