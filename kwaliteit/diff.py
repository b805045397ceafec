"""What changed between two versions of a text or a list of named items (vision, cards)."""

import difflib
import re
from dataclasses import dataclass

_TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Chunk:
    """A piece of text that was kept ("equal"), added ("insert") or removed ("delete")."""

    op: str
    text: str


def text_diff(old: str, new: str) -> list[Chunk]:
    """Word-level differences, so a changed word in a long paragraph stands out."""
    old_tokens = _TOKENS.findall(old or "")
    new_tokens = _TOKENS.findall(new or "")
    chunks = []
    matcher = difflib.SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            chunks.append(Chunk("equal", "".join(old_tokens[i1:i2])))
            continue
        if op in ("delete", "replace"):
            chunks.append(Chunk("delete", "".join(old_tokens[i1:i2])))
        if op in ("insert", "replace"):
            chunks.append(Chunk("insert", "".join(new_tokens[j1:j2])))
    return chunks


def side(chunks: list[Chunk], changed: str) -> list[Chunk]:
    """One column of a side-by-side view: kept text plus this side's changes ("delete" for the
    old side, "insert" for the new one).

    A change of several words comes out as one marked run, not one mark per word.
    """
    kept = [c for c in chunks if c.op in ("equal", changed)]
    result = []
    for i, chunk in enumerate(kept):
        between_changes = (
            chunk.op == "equal"
            and not chunk.text.strip()
            and result
            and result[-1].op == changed
            and i + 1 < len(kept)
            and kept[i + 1].op == changed
        )
        op = changed if between_changes else chunk.op
        if result and result[-1].op == op:
            result[-1] = Chunk(op, result[-1].text + chunk.text)
        else:
            result.append(Chunk(op, chunk.text))
    return result


@dataclass(frozen=True)
class ItemChange:
    """One named item (a core value) compared between two versions."""

    name: str
    status: str  # "added", "removed", "changed" or "same"
    old_text: str = ""
    new_text: str = ""


def items_diff(old: dict[str, str], new: dict[str, str]) -> list[ItemChange]:
    """Compare name -> description maps; names are matched case-insensitively."""
    old_by_key = {name.casefold(): (name, text) for name, text in old.items()}
    new_by_key = {name.casefold(): (name, text) for name, text in new.items()}
    changes = []
    for key, (name, text) in new_by_key.items():
        if key not in old_by_key:
            changes.append(ItemChange(name, "added", new_text=text))
        elif old_by_key[key][1] != text:
            changes.append(ItemChange(name, "changed", old_by_key[key][1], text))
        else:
            changes.append(ItemChange(name, "same", text, text))
    for key, (name, text) in old_by_key.items():
        if key not in new_by_key:
            changes.append(ItemChange(name, "removed", old_text=text))
    return changes
