"""One way to refer to an object of any app: its content type and its id.

Stored references are two columns, `content_type` (a foreign key to ContentType) and
`object_id` (text, so integer and UUID keys fit alike); `ref_fields()` gives both. What such a
reference *is* — its title, URL, school, whether a person may see it — comes from the app that
owns the model, through the keyed hook `hooks.object_info` (key: "app_label.modelname"). An
object that no longer exists is described as removed, never an error.
"""

import re
import uuid
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import hooks


@dataclass(frozen=True, slots=True)
class ObjectInfo:
    title: str
    url: str
    school_id: int | None
    visible: bool  # may the person asked about see it
    removed: bool = False


REMOVED = ObjectInfo(title=_("removed"), url="", school_id=None, visible=False, removed=True)


# A stored object id that can be a BigAutoField key: plain ASCII digits that fit in 63 bits.
_BIG_INT = re.compile(r"[0-9]{1,18}")


def int_ids(ids):
    """The ids that can be integer keys (others cannot name an object: removed)."""
    return [int(value) for value in map(str, ids) if _BIG_INT.fullmatch(value)]


def uuid_ids(ids):
    """The ids that can be UUID keys (others cannot name an object: removed)."""
    found = []
    for value in ids:
        try:
            found.append(uuid.UUID(str(value)))
        except ValueError:
            continue
    return found


def content_type_field(**kwargs):
    return models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+", **kwargs)


def object_id_field(**kwargs):
    return models.CharField(max_length=64, **kwargs)


def ref_of(obj):
    """(content type, object id as text) of a model instance."""
    return ContentType.objects.get_for_model(obj, for_concrete_model=False), str(obj.pk)


def key_of(content_type):
    return f"{content_type.app_label}.{content_type.model}"


def describe(refs, *, user):
    """{(content_type_id, object_id): ObjectInfo} for (content type or its id, object id) pairs,
    one provider call per model, whatever the number of references."""
    by_type = {}
    for content_type, object_id in refs:
        if not isinstance(content_type, ContentType):
            content_type = ContentType.objects.get_for_id(content_type)
        by_type.setdefault(content_type, set()).add(str(object_id))
    described = {}
    for content_type, ids in by_type.items():
        provider = hooks.object_info.get(key_of(content_type))
        found = {}
        if provider is not None:
            try:
                found = {str(k): v for k, v in provider(sorted(ids), user).items()}
            except Exception:
                hooks.logger.exception("object_info for %s failed", key_of(content_type))
        for object_id in ids:
            described[(content_type.id, object_id)] = found.get(object_id, REMOVED)
    return described


def describe_one(obj_or_ref, *, user):
    content_type, object_id = obj_or_ref if isinstance(obj_or_ref, tuple) else ref_of(obj_or_ref)
    if not isinstance(content_type, ContentType):
        content_type = ContentType.objects.get_for_id(content_type)
    return describe([(content_type, object_id)], user=user)[(content_type.id, str(object_id))]
