"""Cooperation: forums, meetings, escalations, statutory duties, agreements, the SISOTE steps."""

from .agreements import Agreement, AgreementDocument, AgreementKind, AgreementParty
from .duties import (
    AppliesTo,
    CouncilKind,
    CouncilTerm,
    Duty,
    DutyEvidence,
    DutyRule,
    EvidenceKind,
    PeriodKind,
)
from .forums import LEVEL_ORDER, Forum, ForumKind, ForumMember, Level, MemberRole
from .meetings import (
    ActionStatus,
    AgendaItem,
    Attachment,
    Decision,
    Escalation,
    EscalationState,
    FollowUpAction,
    Meeting,
    MinutesState,
    Resolution,
)
from .minutes import Attendance, AttendanceRole, Correction, DocumentKind, DocumentTemplate
from .rounds import RoundRespondent, RoundScope
from .steps import ITEM_KEYS, STEPS, StepTick

__all__ = [
    "ITEM_KEYS",
    "LEVEL_ORDER",
    "STEPS",
    "ActionStatus",
    "AgendaItem",
    "Agreement",
    "AgreementDocument",
    "AgreementKind",
    "AgreementParty",
    "AppliesTo",
    "Attachment",
    "Attendance",
    "AttendanceRole",
    "Correction",
    "CouncilKind",
    "CouncilTerm",
    "Decision",
    "DocumentKind",
    "DocumentTemplate",
    "Duty",
    "DutyEvidence",
    "DutyRule",
    "Escalation",
    "EscalationState",
    "EvidenceKind",
    "FollowUpAction",
    "Forum",
    "ForumKind",
    "ForumMember",
    "Level",
    "Meeting",
    "MemberRole",
    "MinutesState",
    "PeriodKind",
    "Resolution",
    "RoundRespondent",
    "RoundScope",
    "StepTick",
]
