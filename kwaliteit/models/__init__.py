from .jobs import Job
from .people import Board, Membership, Role, School, Team, User
from .vision import CoreValue, VisionVersion

__all__ = [
    "Board",
    "CoreValue",
    "Job",
    "Membership",
    "Role",
    "School",
    "Team",
    "User",
    "VisionVersion",
]
