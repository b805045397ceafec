from .audit import AuditEvent
from .documents import Document
from .jobs import Job
from .people import Board, Membership, Role, School, Team, User
from .reminders import Digest, Reminder
from .reports import AnnualReport
from .vision import CoreValue, VisionVersion

__all__ = [
    "AnnualReport",
    "AuditEvent",
    "Board",
    "CoreValue",
    "Digest",
    "Document",
    "Job",
    "Membership",
    "Reminder",
    "Role",
    "School",
    "Team",
    "User",
    "VisionVersion",
]
