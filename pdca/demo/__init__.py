"""Demo improvement cycles: per school cycles in every phase, an overdue Check and Act, a chain
of adjusted cycles, an anchored agreement, a stopped cycle and one started from an indicator.

The stories are named data in `stories`; `build` tells them through pdca.services on a clock set
to the day each step happened, so every cycle has its history in the past. Safe to run again: a
school that has cycles is left alone.
"""

from .build import build

__all__ = ["build"]
