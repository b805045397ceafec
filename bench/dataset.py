"""The bench dataset: a list of builders, each run once per database and recorded."""

import sys
import time
from datetime import date

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction

from kwaliteit.models import Board, CoreValue, Membership, Role, School, Team, User, VisionVersion

SCHOOLS = 20
PEOPLE_PER_SCHOOL = 50  # 20 x 50 = 1,000 people with a membership
TEAMS = ["Onderbouw", "Middenbouw", "Bovenbouw", "Kwaliteitscel", "Werkgroep lezen", "Rekenen"]
PASSWORD = "bench-password"
SLUG_PREFIX = "bench-"
ADOPTED_ON = [date(2022, 6, 20), date(2023, 6, 19), date(2024, 6, 17)]

STATEMENT = (
    "Op onze school leren kinderen van en met elkaar. We willen dat ieder kind ontdekt wat het "
    "kan en daar trots op is. Leerkrachten werken samen aan onderwijs dat uitdaagt en veilig "
    "voelt, en geven elkaar feedback om daarin steeds beter te worden.\n\n"
) * 4


def school_slug(index):
    return f"{SLUG_PREFIX}{index + 1:02d}"


def _role(position, school_index):
    """Spread roles: 1-2 coordinators, 2 leaders, 1 viewer, the rest teachers."""
    coordinators = 1 + school_index % 2
    if position < coordinators:
        return Role.COORDINATOR
    if position < coordinators + 2:
        return Role.LEADER
    if position == PEOPLE_PER_SCHOOL - 1:
        return Role.VIEWER
    return Role.TEACHER


def core():
    """1 board (with 1 board member), 20 schools, 1,000 people, teams, vision versions."""
    board = Board.objects.create(name="Bench Stichting", slug=f"{SLUG_PREFIX}board")
    # One hash for everybody: hashing 1,000 passwords would take minutes and measure nothing.
    password = make_password(PASSWORD)
    member = User.objects.create(
        email="bestuur@bench.example", full_name="Bench Bestuur", password=password
    )
    board.members.add(member)
    schools = School.objects.bulk_create(
        School(board=board, name=f"Bench School {i + 1:02d}", slug=school_slug(i), sector="po")
        for i in range(SCHOOLS)
    )
    teams = Team.objects.bulk_create(
        Team(school=school, name=name) for school in schools for name in TEAMS
    )
    users = User.objects.bulk_create(
        User(
            email=f"p{s:02d}-{p:02d}@bench.example",
            full_name=f"Persoon {s + 1:02d}-{p + 1:02d}",
            password=password,
        )
        for s in range(SCHOOLS)
        for p in range(PEOPLE_PER_SCHOOL)
    )
    memberships = Membership.objects.bulk_create(
        Membership(
            user=users[s * PEOPLE_PER_SCHOOL + p],
            school=schools[s],
            role=_role(p, s),
        )
        for s in range(SCHOOLS)
        for p in range(PEOPLE_PER_SCHOOL)
    )
    links = []
    for index, membership in enumerate(memberships):
        s, p = divmod(index, PEOPLE_PER_SCHOOL)
        school_teams = teams[s * len(TEAMS) : (s + 1) * len(TEAMS)]
        if membership.role == Role.VIEWER:
            continue
        picked = {school_teams[p % 3]}  # every teacher in a year group
        if membership.role == Role.COORDINATOR or p % 4 == 0:
            picked.add(school_teams[3 + p % 3])  # some in a workgroup too
        links += [Membership.teams.through(membership=membership, team=t) for t in picked]
    Membership.teams.through.objects.bulk_create(links)
    _visions(schools, memberships)


def _visions(schools, memberships):
    versions = []
    for s, school in enumerate(schools):
        coordinator = memberships[s * PEOPLE_PER_SCHOOL].user
        leader = memberships[s * PEOPLE_PER_SCHOOL + 2].user
        for number in range(1, len(ADOPTED_ON) + 2):
            adopted = number <= len(ADOPTED_ON)
            versions.append(
                VisionVersion(
                    school=school,
                    number=number,
                    title=f"Samen groeien (versie {number})",
                    statement=STATEMENT,
                    status="adopted" if adopted else "draft",
                    adopted_on=ADOPTED_ON[number - 1] if adopted else None,
                    adopted_by=leader if adopted else None,
                    created_by=coordinator,
                )
            )
    versions = VisionVersion.objects.bulk_create(versions)
    values = ["Samen", "Vertrouwen", "Eigenaarschap", "Nieuwsgierigheid", "Vakmanschap"]
    CoreValue.objects.bulk_create(
        CoreValue(vision=v, position=i, name=name, description=f"Wat {name.lower()} hier betekent.")
        for v in versions
        for i, name in enumerate(values)
    )


def _later_builders():
    from .cards_data import cards
    from .dataplan_data import dataplan
    from .pdca_data import pdca_list, pdca_reminders

    return [dataplan, cards, pdca_list, pdca_reminders]


# Later issues append their builder here; each runs once, after the ones before it.
BUILDERS = [core, *_later_builders()]


def ensure_built():
    """Run every builder the database has not seen yet, each in its own transaction."""
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_dataset"
            " (name text PRIMARY KEY, built_at timestamptz NOT NULL DEFAULT now())"
        )
        cursor.execute("SELECT name FROM bench_dataset")
        done = {row[0] for row in cursor.fetchall()}
    for builder in BUILDERS:
        if builder.__name__ in done:
            print(f"dataset {builder.__name__}: reused", file=sys.stderr)
            continue
        started = time.monotonic()
        with transaction.atomic():
            builder()
            with connection.cursor() as cursor:
                cursor.execute("INSERT INTO bench_dataset (name) VALUES (%s)", [builder.__name__])
        took = time.monotonic() - started
        print(f"dataset {builder.__name__}: built in {took:.1f} s", file=sys.stderr)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # fresh statistics, as a running database has
