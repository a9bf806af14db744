"""Campaign models, one module per subject: the campaign and its tasks; registrations and pacts; pledged works and
their progress; achievements; evidence files."""

from .campaigns import Campaign, CampaignKind, CampaignLaunchNotice, CampaignStatus, LegalRegime, Task
from .registrations import ClusterPact, Commitment, Registration, RegistrationStatus, ReviewStatus
from .works import PledgedWork, ProgressReport, WorkStatus
from .achievements import Achievement, AchievementFigure, AchievementStatus
from .evidence import Evidence, EvidenceKind
from .following import ExemplaryModel, ExemplaryStatus, Phase, Reminder
from .scoring import (
    Acclaim,
    Band,
    Criterion,
    CriterionKind,
    RankingEntry,
    Score,
    Scorecard,
    ScorecardStatus,
    ScoringTable,
    TieBreak,
)

__all__ = [
    "Acclaim", "Band", "Criterion", "CriterionKind", "RankingEntry", "Score", "Scorecard", "ScorecardStatus",
    "ScoringTable", "TieBreak",
    "Achievement", "AchievementFigure", "AchievementStatus", "Campaign", "CampaignKind", "CampaignLaunchNotice",
    "CampaignStatus", "ClusterPact", "Commitment", "Evidence", "EvidenceKind", "LegalRegime", "PledgedWork",
    "ProgressReport", "Registration", "ExemplaryModel", "ExemplaryStatus", "Phase", "Reminder", "RegistrationStatus", "ReviewStatus", "Task", "WorkStatus",
]
