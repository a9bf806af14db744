from .catalogue import (
    RECIPIENT_FIELDS,
    AppliesTo,
    AwardForm,
    AwardKind,
    AwardLevel,
    DecidedBy,
    EligibilityRule,
    QuotaKind,
    RecipientKind,
    ReportTemplate,
    RequiredDocument,
    RuleKind,
)
from .consultation import CommentStatus, Consultation, PublicComment
from .council import CouncilMember, CouncilMemberQuerySet, CouncilRole
from .nominations import (
    BatchDocumentRole,
    BatchKind,
    BatchStatus,
    BatchStep,
    Board,
    CheckOverride,
    CheckResult,
    Nomination,
    NominationBatch,
    NominationCheck,
    NominationFile,
    NominationTask,
    ScreeningStatus,
    StaffFunction,
    StaffPost,
    StepAction,
)
from .dossiers import ACTIVE_STATES, Dossier, DossierPart, DossierStatus, PartKind, PartStatus
from .people import Discipline, Gender, Household, Initiative, InitiativeScope, Person, PersonCategory, Rating, RosterEntry
from .register import AwardRecord, Decision, DecisionKind, RecordSource
from .sessions import (
    AgendaItem,
    Attendance,
    Ballot,
    BallotKind,
    BaseSalary,
    Choice,
    CouncilSession,
    Outcome,
    SessionMember,
    SessionStatus,
    VoteCount,
)

__all__ = [
    "AgendaItem", "Attendance", "Ballot", "BallotKind", "BaseSalary", "Choice", "CouncilSession", "Outcome",
    "SessionMember", "SessionStatus", "VoteCount",
    "RECIPIENT_FIELDS",
    "AppliesTo", "AwardForm", "AwardKind", "AwardLevel", "AwardRecord", "BatchDocumentRole", "BatchKind",
    "BatchStatus", "BatchStep", "Board", "CheckOverride", "CheckResult", "CouncilMember", "CouncilMemberQuerySet",
    "CouncilRole", "DecidedBy", "Decision", "DecisionKind", "Discipline", "EligibilityRule", "Gender", "Household",
    "Initiative", "InitiativeScope", "Nomination", "NominationBatch", "NominationCheck", "NominationFile",
    "NominationTask", "Person", "PersonCategory", "QuotaKind", "Rating", "RecipientKind", "RecordSource",
    "ReportTemplate", "RequiredDocument", "RosterEntry", "RuleKind", "ScreeningStatus", "StaffFunction", "StaffPost",
    "StepAction", "CommentStatus", "Consultation", "PublicComment", "ACTIVE_STATES", "Dossier", "DossierPart", "DossierStatus", "PartKind", "PartStatus",
]
