"""Writes of the dataplan: indicators, measurements by hand, decisions, settings."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kwaliteit import audit, clock, numbers
from kwaliteit.reminders import resolve_for

from .models import DataplanSettings, Decision, Group, Indicator, Level, Measurement
from .status import definition_problems


@transaction.atomic
def indicator_save(*, school, indicator=None, user=None, **fields):
    """Create or change an indicator; names are unique within the school, and the scale, norm and
    target fit the kind (every mistake at once, keyed by field, so a form shows each on its field).
    """
    indicator = indicator or Indicator(school=school)
    before, is_new = audit.snapshot(indicator, fields), indicator.pk is None
    for name, value in fields.items():
        setattr(indicator, name, value)
    problems = _indicator_problems(indicator)
    duplicate = Indicator.objects.filter(school=school, name__iexact=indicator.name)
    if indicator.pk:
        duplicate = duplicate.exclude(pk=indicator.pk)
    if duplicate.exists():
        problems["name"] = _("An indicator with this name already exists.")
    if problems:
        raise ValidationError(problems)
    indicator.full_clean(exclude=["school"])
    indicator.save()
    changes = {} if is_new else audit.changed(before, indicator, fields)
    stopped = changes.get("is_active") == [True, False]
    verb = "indicator_created" if is_new else f"indicator_{'deactivated' if stopped else 'changed'}"
    if is_new or changes:
        audit.record(actor=user, verb=verb, obj=indicator, changes=changes)
    return indicator


def _indicator_problems(indicator):
    """field → message for a definition the dataplan refuses."""
    problems = {}
    if indicator.pk:
        # Existing values would no longer fit, or sit at another level than the new groups.
        stored = Indicator.objects.filter(pk=indicator.pk, measurements__isnull=False)
        stored = stored.values("kind", "level").first()
        for field in ("kind", "level"):
            if stored and stored[field] != getattr(indicator, field):
                problems[field] = _("This cannot change once the indicator has measurements.")
    low, high = indicator.scale_min, indicator.scale_max
    if low is not None and high is not None and low >= high:
        problems["scale_max"] = _("The maximum must be above the minimum.")
    if indicator.kind == Indicator.Kind.SCORE and (low is None or high is None):
        problems["scale_max"] = _("A score needs a scale: give its minimum and maximum.")
    norm, target = indicator.norm, indicator.target
    for field, message in definition_problems(
        kind=indicator.kind, scale_min=low, scale_max=high, norm=norm, target=target
    ).items():
        problems.setdefault(field, message)
    if norm is not None and target is not None and "target" not in problems:
        better = indicator.higher_is_better
        if (better and target < norm) or (not better and target > norm):
            problems["target"] = _("The target lies on the wrong side of the norm.")
    return problems


def settings_update(*, school, max_active_indicators):
    settings, _created = DataplanSettings.objects.update_or_create(
        school=school, defaults={"max_active_indicators": max_active_indicators}
    )
    return settings


def group_for(*, school, level, name):
    """The group with this name at this level; the whole school is the group without a name."""
    name = "" if level == Level.SCHOOL else name.strip()
    existing = Group.objects.filter(school=school, level=level, name__iexact=name).first()
    if existing:
        return existing
    group, _created = Group.objects.get_or_create(school=school, level=level, name=name)
    return group


def check_value(indicator, value):
    """The kind of value an indicator takes: a clear message when it does not fit."""
    kind = indicator.kind
    if kind == Indicator.Kind.PERCENTAGE and not 0 <= value <= 100:
        raise ValidationError({"value": _("A percentage lies between 0 and 100.")})
    if kind == Indicator.Kind.COUNT and value < 0:
        raise ValidationError({"value": _("A count cannot be negative.")})
    if kind == Indicator.Kind.COUNT and value != value.to_integral_value():
        raise ValidationError({"value": _("A count is a whole number.")})
    # The scale, when set, holds for every kind: the same rule as the importer.
    if indicator.scale_min is not None or indicator.scale_max is not None:
        low, high = indicator.scale_min, indicator.scale_max
        if (low is not None and value < low) or (high is not None and value > high):
            raise ValidationError(
                {
                    "value": _("The score lies outside the scale %(low)s–%(high)s.")
                    % {
                        "low": numbers.localized(low) if low is not None else "…",
                        "high": numbers.localized(high) if high is not None else "…",
                    }
                }
            )


@transaction.atomic
def measurement_add(*, indicator, group_name, measured_on, value, note, user):
    """One measurement entered by hand."""
    if indicator.level != Level.SCHOOL and not group_name.strip():
        raise ValidationError({"group_name": _("Name the group this value is about.")})
    if measured_on > clock.today():
        raise ValidationError({"measured_on": _("A measurement cannot lie in the future.")})
    check_value(indicator, value)
    group = group_for(school=indicator.school, level=indicator.level, name=group_name)
    try:
        with transaction.atomic():
            measurement = Measurement.objects.create(
                indicator=indicator,
                group=group,
                measured_on=measured_on,
                value=value,
                note=note,
                created_by=user,
            )
    except IntegrityError:
        raise ValidationError(
            _("%(group)s already has a value on this date. Delete that one first.")
            % {"group": group.name or _("The whole school")}
        ) from None
    resolve_for(item_type="dataplan.collection", item_ids=[indicator.pk])
    audit.record(actor=user, verb="measurement_added", obj=indicator, data=_about(measurement))
    return measurement


def _about(measurement):
    group = measurement.group.name if measurement.group_id else ""
    return {
        "group": group,
        "date": measurement.measured_on.isoformat(),
        "value": str(measurement.value),
    }


@transaction.atomic
def measurement_delete(*, measurement, user=None):
    audit.record(
        actor=user, verb="measurement_deleted", obj=measurement.indicator, data=_about(measurement)
    )
    measurement.delete()


@transaction.atomic
def decision_add(*, indicator, decided_on, text, user):
    """Record what the school decided because of this indicator."""
    if decided_on > clock.today():
        raise ValidationError({"decided_on": _("A decision cannot lie in the future.")})
    decision = Decision.objects.create(
        indicator=indicator, decided_on=decided_on, text=text, created_by=user
    )
    audit.record(actor=user, verb="decision_added", obj=indicator, data={"text": text[:500]})
    return decision
