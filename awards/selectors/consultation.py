"""Reads of the public comment on a province proposal's nominee list (lấy ý kiến nhân dân): the staff list and
moderation queue, and the public page, which shows only what may be public: the nominees' names, units and award
forms, and the approved comments without their authors' contacts."""

import enum

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from campaign.models import CampaignStatus

from ..models import (
    BatchKind,
    CommentStatus,
    Consultation,
    Nomination,
    NominationBatch,
    PublicComment,
    ScreeningStatus,
)

# Nominees taken out of a proposal are not on its public list.
REFUSED = [ScreeningStatus.FAILS, ScreeningStatus.REJECTED]


class Period(enum.Enum):
    UPCOMING = "upcoming"
    OPEN = "open"
    CLOSED = "closed"


def period(consultation, today=None):
    """Where ``today`` (by default, today in the portal's time zone) falls against the consultation's dates."""
    today = today or timezone.localdate()
    if today < consultation.opens_on:
        return Period.UPCOMING
    return Period.OPEN if today <= consultation.closes_on else Period.CLOSED


# --- Staff ---------------------------------------------------------------------------------------------------------


def consultations():
    """Every consultation, newest first, with its proposal and its number of comments (and of those pending)."""
    return (Consultation.objects.select_related("batch__campaign", "batch__unit")
            .annotate(comment_count=Count("comments"),
                      pending_count=Count("comments", filter=Q(comments__status=CommentStatus.PENDING)))
            .order_by("-opens_on", "-id"))


def consultation(pk):
    return get_object_or_404(Consultation.objects.select_related("batch__campaign", "batch__unit"), pk=pk)


def proposal_batches():
    """The province's proposals upward: what a consultation may be about."""
    return (NominationBatch.objects.filter(kind=BatchKind.PROVINCE).select_related("campaign", "unit")
            .order_by("-created_at", "-id"))


def moderation_queue(consultation, *, status=None):
    """The consultation's comments (of ``status`` only, when given), newest first, with their nominee."""
    comments = PublicComment.objects.filter(consultation=consultation).select_related(
        "nomination__award_form", "nomination__unit", "nomination__person", "nomination__household",
        "moderated_by")
    if status:
        comments = comments.filter(status=status)
    return comments.order_by("-created_at", "-id")


def comment(pk):
    return get_object_or_404(PublicComment.objects.select_related(
        "consultation", "nomination__person", "nomination__unit", "nomination__household", "nomination__award_form"),
        pk=pk)


# --- Public --------------------------------------------------------------------------------------------------------


def published_consultations():
    """Consultations published, on proposals of campaigns open to the public."""
    return Consultation.objects.filter(published_at__isnull=False,
                                       batch__campaign__status__in=CampaignStatus.visible_to_units())


def public_consultation(pk):
    """The published consultation ``pk`` with its proposal's campaign, or 404."""
    return get_object_or_404(published_consultations().select_related("batch__campaign"), pk=pk)


def campaign_consultations(campaign):
    """The campaign's published consultations, newest first."""
    return published_consultations().filter(batch__campaign=campaign).order_by("-opens_on", "-id")


def public_nominees(consultation):
    """The proposal's nominees (those not taken out) in the catalogue's order then by name, each with
    ``approved_comments``: the approved comments, oldest first, without their authors' contacts."""
    approved = (PublicComment.objects.filter(consultation=consultation, status=CommentStatus.APPROVED)
                .only("id", "nomination_id", "author_name", "text", "created_at").order_by("created_at", "id"))
    return (Nomination.objects.filter(batch_id=consultation.batch_id).exclude(status__in=REFUSED)
            .select_related("award_form", "unit__parent", "person__unit", "household__unit")
            .prefetch_related(Prefetch("public_comments", queryset=approved, to_attr="approved_comments"))
            .order_by("award_form__order", "recipient_search", "id"))


def public_nominee(consultation, pk):
    """One nominee of the consultation's proposal (not taken out), or None."""
    nominees = Nomination.objects.filter(batch_id=consultation.batch_id).exclude(status__in=REFUSED)
    return nominees.filter(pk=pk).first()
