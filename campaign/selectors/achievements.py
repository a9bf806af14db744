"""Reads of achievements: one with what its page shows, and its history with its figures' and files'."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from units.history import merged_history_page

from ..models import Achievement, AchievementFigure, Evidence
from .evidence import evidence_label, prefetch_shown_evidence


def achievements_in(campaign):
    """The campaign's achievements with what every screen of one shows; views scope them to the units the user
    follows (``scope.scoped``, through ``PledgeObjectMixin``)."""
    return Achievement.objects.filter(campaign=campaign).select_related("campaign", "unit", "task", "reviewed_by")


def with_figures_and_evidence(achievements):
    """Achievements with their figures (``figures.all``) and files not removed (``shown_evidence``) prefetched."""
    return achievements.prefetch_related(
        Prefetch("figures", queryset=AchievementFigure.objects.order_by("id")), prefetch_shown_evidence(),
    )


def achievement_history_page(achievement, number):
    """One page of the recorded changes of the achievement, its figures and its evidence files, newest first."""
    sources = {
        "achievement": Achievement.history.filter(id=achievement.pk),
        "figure": AchievementFigure.history.filter(achievement_id=achievement.pk),
        "evidence": Evidence.history.filter(achievement_id=achievement.pk),
    }
    labels = {
        "achievement": lambda row: _("Thành tích"),
        "figure": lambda row: _("Số liệu: %(label)s") % {"label": row.label},
        "evidence": evidence_label,
    }
    return merged_history_page(sources, number, labels)
