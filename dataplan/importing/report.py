"""Collects problems found by vectorised checks and words only the ones that are shown."""

from collections.abc import Callable
from decimal import Decimal

import numpy as np
from django.utils import formats

from .parsing import SCALE
from .specs import Problem

# More than this many problems help nobody; the rest are counted.
MAX_PROBLEMS = 1_000
_SHOWN_CHARACTERS = 40


class Found:
    """Problems as row masks; finish() puts them in file order and writes the first ones."""

    def __init__(self, rows: np.ndarray, headers: list[str]):
        self._rows = rows
        self._column_order = {header: index for index, header in enumerate(headers)}
        self._general: list[Problem] = []
        self._checks: list[tuple[np.ndarray, str | None, Callable[[int], str]]] = []

    def once(self, column: str | None, message: str) -> None:
        self._general.append(Problem(row=None, column=column, message=message))

    def add(self, mask, column: str | None, describe: str | Callable[[int], str]) -> None:
        """describe is the message, or a function of the row's position that writes it."""
        positions = np.flatnonzero(np.asarray(mask, dtype=bool))
        if positions.size:
            write = describe if callable(describe) else (lambda _position: describe)
            self._checks.append((positions, column, write))

    def problem_rows(self) -> np.ndarray:
        """Per row: whether any check found a problem in it."""
        mask = np.zeros(len(self._rows), dtype=bool)
        for positions, _column, _write in self._checks:
            mask[positions] = True
        return mask

    @property
    def whole_file(self) -> bool:
        """Whether a problem concerns the file rather than rows: then no row can be kept."""
        return bool(self._general)

    def finish(self, limit: int = MAX_PROBLEMS) -> tuple[list[Problem], int]:
        """The first `limit` problems, and how many more there are."""
        problems = self._general[:limit]
        total = len(self._general) + sum(len(positions) for positions, _, _ in self._checks)
        room = limit - len(problems)
        if self._checks and room > 0:
            positions = np.concatenate([positions for positions, _, _ in self._checks])
            check = np.repeat(np.arange(len(self._checks)), [len(p) for p, _, _ in self._checks])
            columns = np.array([self._column_order.get(c, -1) for _, c, _ in self._checks])
            # Row by row, and within a row from left to right, as the user reads the file.
            for index in np.lexsort((check, columns[check], positions))[:room]:
                position = int(positions[index])
                _, column, write = self._checks[check[index]]
                problems.append(Problem(int(self._rows[position]), column, write(position)))
        return problems, total - len(problems)


def shown(cell: str) -> str:
    """A cell's text short enough for a message."""
    if len(cell) <= _SHOWN_CHARACTERS:
        return cell
    return cell[: _SHOWN_CHARACTERS - 1] + "…"


# Every possible fraction once, as text without trailing zeros: 5000 → ".5", 0 → "".
_FRACTIONS = np.array(
    [f".{number:04d}".rstrip("0") if number else "" for number in range(SCALE)], dtype=object
)


def scaled_text(scaled: np.ndarray) -> np.ndarray:
    """Whole numbers of 1/SCALE as plain decimal text: 725000 → "72.5", -10000 → "-1"."""
    size = np.abs(scaled)
    text = (size // SCALE).astype(str).astype(object) + _FRACTIONS[size % SCALE]
    negative = scaled < 0
    text[negative] = "-" + text[negative]
    return text


def localized(scaled: int) -> str:
    """A value as the user writes it: 72,5 in Dutch."""
    return formats.number_format(Decimal(scaled_text(np.array([scaled]))[0]))
