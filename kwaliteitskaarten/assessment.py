"""The team score of a card: shown only in aggregate, and only from three answers on."""

import statistics
from dataclasses import dataclass
from decimal import Decimal

MIN_ANSWERS = 3


@dataclass(frozen=True)
class TeamScore:
    answers: int
    mean: Decimal | None = None
    spread: Decimal | None = None  # standard deviation of the scores
    lowest: int | None = None
    highest: int | None = None

    @property
    def is_shown(self):
        return self.mean is not None


def team_score(scores) -> TeamScore:
    """Mean and spread of 1–4 scores; below three answers nothing that could point at a person."""
    scores = list(scores)
    if len(scores) < MIN_ANSWERS:
        return TeamScore(answers=len(scores))
    mean = Decimal(str(statistics.fmean(scores))).quantize(Decimal("0.1"))
    spread = Decimal(str(statistics.pstdev(scores))).quantize(Decimal("0.1"))
    return TeamScore(len(scores), mean, spread, min(scores), max(scores))
