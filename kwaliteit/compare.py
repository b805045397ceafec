"""Two versions side by side, for every compare page (vision, cards): one helper, one partial.

    rows = compare.rows(old, new, texts=[("core", _("Shared core"))],
                        lists=[("values", _("Core values"), lambda v: {...})])
    render(..., {"old": old, "new": new, "numbers": numbers, "rows": rows})
    {% include "includes/compare.html" %}

A text row holds both sides, each with its own changes marked (see diff.side); a list row holds
the named items with what happened to each (see diff.items_diff).
"""

from django.utils.translation import gettext_lazy as _

from .diff import items_diff, side, text_diff


def rows(old, new, *, texts=(), lists=()):
    """Rows for includes/compare.html, texts first, in the order given.

    texts: (field, label) pairs, compared word by word. lists: (name, label, items_of) or
    (name, label, items_of, changed_label), where items_of(version) gives {name: text} and
    changed_label names a changed text ("description changed"; default "changed").
    """
    result = []
    for name, label in texts:
        old_text, new_text = getattr(old, name) or "", getattr(new, name) or ""
        chunks = text_diff(old_text, new_text)
        result.append(
            {
                "kind": "text",
                "name": name,
                "label": label,
                "old_text": old_text,
                "new_text": new_text,
                "changed": old_text != new_text,
                "old_chunks": side(chunks, "delete"),
                "new_chunks": side(chunks, "insert"),
            }
        )
    for name, label, items_of, *changed_label in lists:
        result.append(
            {
                "kind": "items",
                "name": name,
                "label": label,
                "changes": items_diff(items_of(old), items_of(new)),
                "changed_label": changed_label[0] if changed_label else _("changed"),
            }
        )
    return result
