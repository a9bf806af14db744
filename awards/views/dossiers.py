"""The dossier screens (hồ sơ khen thưởng) of a closed council session and of a unit's batch: the latest compile with
its progress (a partial that polls itself every 2 s while the job runs), the earlier compiles, asking for a compile
and restarting a failed one, and the downloads (the whole PDF, the ZIP with the evidence, each document, each
nominee's report), streamed through the storage API.

The subject is looked up among those the user sees (``sessions_visible_to``, ``batches_visible_to``: a session the
member does not sit in, another unit's batch answer 404), then the rule is checked against it (403); a compile or a
part of another subject, or one not ready, answers 404. The same views serve both subjects: the subject mixins say
how to find it, its URL names and the stem of its file names.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from campaign.views.evidence import stream_file
from units.vietnamese import fold

from ..models import DossierStatus
from ..selectors.dossiers import dossiers_of, is_out_of_date, latest_dossier
from ..services import dossiers as services
from .nomination_base import BatchMixin
from .sessions import SessionMixin

EARLIER_SHOWN = 20
PDF = "application/pdf"
ZIP = "application/zip"
# File names of the documents stored on their own, by part kind (ASCII: every mail client and OS keeps them).
DOCUMENT_SLUGS = services.DOCUMENT_SLUGS


# --- The two subjects ----------------------------------------------------------------------------------------------


class SessionSubjectMixin(SessionMixin):
    """A closed council session's dossier: ``hoi-dong/phien-hop/<pk>/ho-so/…``."""

    url_prefix = "session_dossier"
    crumbs_template = "awards/sessions/_crumbs.html"

    @property
    def subject(self):
        return self.get_object()

    def subject_kwargs(self):
        return {"pk": self.subject.pk}

    def file_stem(self):
        return f"ho-so-phien-hop-{self.subject.pk}"


class BatchSubjectMixin(BatchMixin):
    """A unit batch's dossier: ``phong-trao/<pk>/de-nghi/<batch_pk>/ho-so/…``."""

    url_prefix = "batch_dossier"
    crumbs_template = "awards/nominations/_crumbs.html"

    @property
    def subject(self):
        return self.get_object()

    def subject_kwargs(self):
        return {"pk": self.subject.campaign_id, "batch_pk": self.subject.pk}

    def file_stem(self):
        return f"ho-so-to-trinh-{self.subject.pk}"


class DossierMixin:
    """What every dossier view shares once a subject mixin has found the subject."""

    def dossier_url(self, name="", **kwargs):
        suffix = f"_{name}" if name else ""
        return reverse(f"awards:{self.url_prefix}{suffix}", kwargs={**self.subject_kwargs(), **kwargs})

    @cached_property
    def dossier(self):
        """The compile of the URL's ``dossier_pk``, among the subject's (else 404)."""
        return get_object_or_404(dossiers_of(self.subject), pk=self.kwargs["dossier_pk"])


# --- The page and its progress partial ------------------------------------------------------------------------------


class DossierStateMixin(DossierMixin):
    """The context of the latest compile (``_current.html``): its state, facts, documents and download links."""

    def mark_links(self, dossier):
        """Give a compile its download and restart links (the template cannot reverse with the subject's names)."""
        dossier_pk = {"dossier_pk": dossier.pk}
        dossier.restart_url = self.dossier_url("restart", **dossier_pk)
        if dossier.status == DossierStatus.READY:
            dossier.pdf_url = self.dossier_url("pdf", **dossier_pk)
            dossier.zip_url = self.dossier_url("zip", **dossier_pk) if dossier.zip_file else ""
        return dossier

    def ready_context(self, dossier):
        documents = [{**item, "url": self.dossier_url("document", dossier_pk=dossier.pk, part_pk=item["part"].pk)}
                     for item in services.document_files(dossier)]
        reports = [{"number": number, "label": entry["label"], "pages": entry["pages"],
                    "url": self.dossier_url("report", dossier_pk=dossier.pk, number=number)}
                   for number, entry in enumerate(services.nominee_reports(dossier), start=1)]
        # Whether the data changed since is asked by the page afterwards (``?kiem-tra=1`` on the progress URL): it
        # rebuilds every document, which takes a moment for a large session.
        return {"documents": documents, "reports": reports}

    def current_context(self, dossier):
        context = {
            "subject": self.subject, "dossier": dossier, "progress_url": self.dossier_url("progress"),
            "start_url": self.dossier_url("start"),
            "can_compile": self.request.user.has_perm("awards.compile_dossier", self.subject),
        }
        if dossier is not None:
            self.mark_links(dossier)
            context["stalled"] = services.is_stalled(dossier)
            if dossier.status == DossierStatus.READY:
                context.update(self.ready_context(dossier))
        return context


class DossierPage(DossierStateMixin):
    """The subject's dossier: the latest compile (``_current.html``) and the earlier ones."""

    permission_required = "awards.view_dossier"
    template_name = "awards/dossiers/dossier_page.html"

    def get_context_data(self, **kwargs):
        compiles = list(dossiers_of(self.subject)[:EARLIER_SHOWN + 1])
        latest = compiles[0] if compiles else None
        return super().get_context_data(
            **self.current_context(latest), earlier=[self.mark_links(dossier) for dossier in compiles[1:]],
            kind=self.url_prefix, crumbs_template=self.crumbs_template, **kwargs)


class DossierProgress(DossierStateMixin):
    """The latest compile alone, for the page's polling: while it runs the partial asks again in 2 s; ready or
    failed it carries no trigger, so the polling stops."""

    permission_required = "awards.view_dossier"
    template_name = "awards/dossiers/_current.html"

    def get(self, request, *args, **kwargs):
        if request.GET.get("kiem-tra"):
            response = self.freshness()
        else:
            response = super().get(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_cache=True)
        return response

    def freshness(self):
        """Whether the latest ready compile is out of date (the data it was made from has changed)."""
        latest = latest_dossier(self.subject)
        stale = latest is not None and is_out_of_date(latest)
        return render(self.request, "awards/dossiers/_freshness.html", {"out_of_date": stale, "dossier": latest})

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **self.current_context(latest_dossier(self.subject))}


# --- Asking for a compile -------------------------------------------------------------------------------------------


class DossierStart(DossierMixin):
    """POST only (the button confirms first when a ready dossier exists): queue a compile, or show the one running."""

    permission_required = "awards.compile_dossier"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        subject = self.get_object()
        latest = latest_dossier(subject)
        try:
            services.request_dossier(subject, by=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            if latest is not None and latest.is_active:
                messages.info(request, _("Hồ sơ đang được lập; trang tự cập nhật khi lập xong."))
            else:
                messages.success(request, _("Đã yêu cầu lập hồ sơ; trang tự cập nhật khi lập xong."))
        return redirect(self.dossier_url())


class DossierRestart(DossierMixin):
    """POST only: a failed compile stays in the list with its reason; a new one is queued."""

    permission_required = "awards.compile_dossier"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            services.restart_dossier(self.dossier, by=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Đã yêu cầu lập lại hồ sơ; trang tự cập nhật khi lập xong."))
        return redirect(self.dossier_url())


# --- Downloads --------------------------------------------------------------------------------------------------------


def private(response):
    patch_cache_control(response, private=True, no_cache=True)
    return response


class DownloadMixin(DossierMixin):
    permission_required = "awards.view_dossier"

    @cached_property
    def ready(self):
        """The URL's compile, if it is ready (else 404)."""
        if self.dossier.status != DossierStatus.READY:
            raise Http404
        return self.dossier


class DossierPdf(DownloadMixin):
    def get(self, request, *args, **kwargs):
        return private(stream_file(self.ready.file, as_attachment=True, filename=f"{self.file_stem()}.pdf",
                                   content_type=PDF))


class DossierZip(DownloadMixin):
    def get(self, request, *args, **kwargs):
        if not self.ready.zip_file:
            raise Http404
        return private(stream_file(self.ready.zip_file, as_attachment=True, filename=f"{self.file_stem()}.zip",
                                   content_type=ZIP))


class DossierDocument(DownloadMixin):
    """One document of the dossier (the letter, the minutes, the list, the draft decision, the evidence list)."""

    def get(self, request, *args, **kwargs):
        part_pk = self.kwargs["part_pk"]
        item = next((item for item in services.document_files(self.ready) if item["part"].pk == part_pk), None)
        if item is None:
            raise Http404
        part = item["part"]
        name = f"{self.file_stem()}-{part.position:02d}-{DOCUMENT_SLUGS.get(part.kind, part.kind)}.pdf"
        return private(stream_file(part.file, as_attachment=True, filename=name, content_type=PDF))


class DossierReport(DownloadMixin):
    """One nominee's report, cut from the dossier's PDF; ``number`` counts the nominees from 1, in dossier order."""

    def get(self, request, *args, **kwargs):
        reports = services.nominee_reports(self.ready)
        number = self.kwargs["number"]
        if not 1 <= number <= len(reports):
            raise Http404
        data = services.nominee_report_pdf(self.ready, number - 1)
        name = f"{self.file_stem()}-bao-cao-{number:03d}-{slugify(fold(reports[number - 1]['label']))}.pdf"
        response = HttpResponse(data, content_type=PDF)
        response.headers["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
        return private(response)


# --- The views of the URL map ---------------------------------------------------------------------------------------
# The action comes first (its ``permission_required`` and methods win), then the subject's lookup and guard, then
# Django's view class (so the sign-in and permission checks of the guard run before ``View.dispatch``).


class SessionDossierView(DossierPage, SessionSubjectMixin, TemplateView):
    pass


class SessionDossierProgressView(DossierProgress, SessionSubjectMixin, TemplateView):
    pass


class SessionDossierStartView(DossierStart, SessionSubjectMixin, View):
    pass


class SessionDossierRestartView(DossierRestart, SessionSubjectMixin, View):
    pass


class SessionDossierPdfView(DossierPdf, SessionSubjectMixin, View):
    pass


class SessionDossierZipView(DossierZip, SessionSubjectMixin, View):
    pass


class SessionDossierDocumentView(DossierDocument, SessionSubjectMixin, View):
    pass


class SessionDossierReportView(DossierReport, SessionSubjectMixin, View):
    pass


class BatchDossierView(DossierPage, BatchSubjectMixin, TemplateView):
    pass


class BatchDossierProgressView(DossierProgress, BatchSubjectMixin, TemplateView):
    pass


class BatchDossierStartView(DossierStart, BatchSubjectMixin, View):
    pass


class BatchDossierRestartView(DossierRestart, BatchSubjectMixin, View):
    pass


class BatchDossierPdfView(DossierPdf, BatchSubjectMixin, View):
    pass


class BatchDossierZipView(DossierZip, BatchSubjectMixin, View):
    pass


class BatchDossierDocumentView(DossierDocument, BatchSubjectMixin, View):
    pass


class BatchDossierReportView(DossierReport, BatchSubjectMixin, View):
    pass
