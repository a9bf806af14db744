"""Evidence files: attached to a registration, a pact, a progress report or an achievement; removed by hiding.

Files go through Django's storage API (the ``default`` storage), under a random name, never the uploader's.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..evidence_files import thumbnail
from ..models import Achievement, ClusterPact, Evidence, ProgressReport, Registration
from .common import record, save

OWNER_FIELD = {Registration: "registration", ClusterPact: "pact", ProgressReport: "report", Achievement: "achievement"}


def _campaign_id(owner):
    return owner.work.campaign_id if isinstance(owner, ProgressReport) else owner.campaign_id


@transaction.atomic
def attach_evidence(owner, *, files, by, caption=""):
    """Stores each checked file (``evidence_files.CheckedFile``) and its thumbnail (photos); one Evidence row and
    one history row each. Returns the rows."""
    rows = []
    for checked in files:
        evidence = Evidence(
            campaign_id=_campaign_id(owner), original_name=checked.name[:255], kind=checked.kind,
            size=checked.size, sha256=checked.sha256, caption=caption, uploaded_by=by,
        )
        setattr(evidence, OWNER_FIELD[type(owner)], owner)
        evidence.file.save(checked.name, checked.upload, save=False)
        if evidence.is_image and (small := thumbnail(checked.upload)) is not None:
            evidence.thumbnail.save("thumbnail.jpg", small, save=False)
        rows.append(save(evidence, by=by, reason=_("Tải lên minh chứng")))
    return rows


@transaction.atomic
def remove_evidence(evidence, *, by, reason=""):
    """Hides the file from its owner's page; the file and its row stay, and the history says who removed it."""
    if evidence.removed_at is not None:
        raise ValidationError(_("Tệp này đã được gỡ."))
    evidence.removed_at = timezone.now()
    evidence.removed_by = by
    record(evidence, by=by, reason=reason or _("Gỡ minh chứng"))
    evidence.save(update_fields=["removed_at", "removed_by"])
    return evidence
