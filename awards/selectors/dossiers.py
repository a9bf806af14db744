"""What the dossier screens read: a subject's compiles, the latest, and whether a ready one is out of date (the
data it was made from has changed since)."""

from ..models import CouncilSession, Dossier, DossierStatus
from . import dossier as documents_of


def _filter(subject):
    return {"session": subject} if isinstance(subject, CouncilSession) else {"batch": subject}


def dossiers_of(subject):
    """The subject's compiles, newest first, with who asked for them."""
    return Dossier.objects.filter(**_filter(subject)).select_related("requested_by")


def latest_dossier(subject):
    return dossiers_of(subject).first()


def current_data_version(subject):
    docs = (documents_of.session_documents(subject) if isinstance(subject, CouncilSession)
            else documents_of.batch_documents(subject))
    return documents_of.data_version(docs)


def is_out_of_date(dossier):
    """A ready dossier whose documents would now read differently."""
    return dossier.status == DossierStatus.READY and dossier.data_version != current_data_version(dossier.subject)
