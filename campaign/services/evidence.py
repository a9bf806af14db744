"""Evidence files: attached to a registration, a pact, a progress report or an achievement; removed by hiding.

Files go through Django's storage API (the ``default`` storage), under a random name, never the uploader's.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from units.vietnamese import nfc

from ..evidence_files import thumbnail
from ..models import Achievement, ClusterPact, Evidence, ProgressReport, Registration
from ..selectors.evidence import accepts_evidence
from .common import guard_open, lock, record, save

OWNER_FIELD = {Registration: "registration", ClusterPact: "pact", ProgressReport: "report", Achievement: "achievement"}


def _campaign(owner):
    return owner.work.campaign if isinstance(owner, ProgressReport) else owner.campaign


def _guard_owner(owner, message):
    """Refused unless the campaign is open and the owner takes changes in its state, read afresh with the row that
    decides it locked (the owner's, a report's work): a submission at the same moment waits, or is waited for."""
    guard_open(_campaign(owner))
    if isinstance(owner, ProgressReport):
        lock(owner.work, "status")
    elif isinstance(owner, ClusterPact):
        lock(owner)  # no state to read: the row is locked all the same, one change at a time
    else:
        lock(owner, "status")
    if not accepts_evidence(owner):
        raise ValidationError(message)


def _new_row(owner, checked, *, by, caption):
    evidence = Evidence(
        campaign_id=_campaign(owner).pk, original_name=checked.name[:255], kind=checked.kind,
        size=checked.size, sha256=checked.sha256, caption=caption, uploaded_by=by,
    )
    setattr(evidence, OWNER_FIELD[type(owner)], owner)
    return evidence


def _store_files(evidence, checked):
    # The thumbnail first: saving the file may move a large upload's temporary file away.
    small = thumbnail(checked.upload) if evidence.is_image else None
    evidence.file.save(checked.name, checked.upload, save=False)
    if small is not None:
        evidence.thumbnail.save("thumbnail.jpg", small, save=False)


def _delete_files(rows):
    for evidence in rows:
        for field in (evidence.file, evidence.thumbnail):
            if field:
                field.storage.delete(field.name)


@transaction.atomic
def attach_evidence(owner, *, files, by, caption=""):
    """Stores each checked file (``evidence_files.CheckedFile``) and its thumbnail (photos); one Evidence row and
    one history row each. Returns the rows.

    Refuses when the campaign is not open for units, and (ValidationError on ``files``) when the owner no longer
    takes changes (submitted or accepted, a work no longer reported on). When anything fails, the files already
    written to storage are deleted again.
    """
    refused = _("Không thêm được minh chứng: ở trạng thái hiện tại, hồ sơ này không còn sửa được.")
    _guard_owner(owner, {"files": refused})
    caption = nfc(caption or "")[:255]
    rows = []
    try:
        for checked in files:
            rows.append(evidence := _new_row(owner, checked, by=by, caption=caption))
            _store_files(evidence, checked)
            save(evidence, by=by, reason=_("Tải lên minh chứng"))
    except Exception:
        _delete_files(rows)
        raise
    return rows


@transaction.atomic
def remove_evidence(evidence, *, by, reason=""):
    """Hides the file from its owner's page; the file and its row stay, and the history says who removed it.

    Refuses when it is removed already, when the campaign is not open for units, or when its owner no longer
    takes changes.
    """
    _guard_owner(evidence.owner, _("Không gỡ được minh chứng: ở trạng thái hiện tại, hồ sơ này không còn sửa được."))
    if lock(evidence, "removed_at").removed_at is not None:
        raise ValidationError(_("Tệp này đã được gỡ."))
    evidence.removed_at = timezone.now()
    evidence.removed_by = by
    record(evidence, by=by, reason=reason or _("Gỡ minh chứng"))
    evidence.save(update_fields=["removed_at", "removed_by"])
    return evidence
