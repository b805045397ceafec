"""The bench's audit figures run on a tiny dataset (the numbers themselves come from make bench)."""

from bench import audit_figures
from kwaliteit.models import AuditEvent
from pdca import services as pdca_services

from .pdca.helpers import make_cycle, to_act


def test_the_write_overhead_is_measured_and_leaves_nothing_behind(world):
    make_cycle(world)
    write = audit_figures._writes(world.school)
    before = AuditEvent.objects.count(), world.agreement.checks.count()
    assert audit_figures.write_overhead(write, runs=2) > 0
    assert (AuditEvent.objects.count(), world.agreement.checks.count()) == before


def test_a_long_history_is_made_once_and_read_in_one_query(world):
    user = world.users["leader"]
    cycle = to_act(make_cycle(world), user)
    pdca_services.act_decide(cycle=cycle, user=user, decision="stop", note="Klaar")
    assert audit_figures.long_history(world.school, records=30) == cycle
    audit_figures.long_history(world.school, records=30)
    assert AuditEvent.objects.filter(object_id=str(cycle.pk), verb="note_added").count() <= 30
    assert audit_figures.history_queries(cycle) == 1
