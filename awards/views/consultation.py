"""The public comment on a province proposal's nominee list (lấy ý kiến nhân dân).

Staff: the list of consultations, create and edit one, publish it or take it back (confirmed first), and moderate
its comments (by status, a page at a time). The public (no sign-in): the published list of nominees with the
approved comments, and a comment form per nominee while the consultation is open. A bot that fills the hidden field
is thanked and dropped; one address sends at most COMMENTS_PER_WINDOW comments per WINDOW_SECONDS.
"""

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, ListView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from units.views.base import LenientPaginationMixin, PermissionMixin

from ..forms.consultation import CommentForm, ConsultationForm, ModerationForm
from ..models import CommentStatus
from ..selectors import consultation as selectors
from ..services import consultation as services

COMMENTS_PER_WINDOW = 5
WINDOW_SECONDS = 600
SENT = gettext_lazy("Ý kiến của bạn đã được gửi và sẽ được kiểm duyệt trước khi công bố.")


class StaffMixin(PermissionMixin):
    """A staff screen: others are refused (anonymous visitors sent to sign in) before anything is looked up."""

    permission_required = "awards.manage_consultations"

    def get_permission_object(self):
        return None


class ConsultationMixin(StaffMixin):
    @cached_property
    def consultation(self):
        return selectors.consultation(self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(consultation=self.consultation, **kwargs)

    def back(self):
        return redirect("awards:consultation_detail", pk=self.consultation.pk)


# --- Staff: consultations ------------------------------------------------------------------------------------------


class ConsultationListView(StaffMixin, LenientPaginationMixin, ListView):
    template_name = "awards/consultation/list.html"
    context_object_name = "consultations"
    paginate_by = settings.PAGE_SIZE

    def get_queryset(self):
        return selectors.consultations()


class ConsultationCreateView(StaffMixin, FormView):
    template_name = "awards/consultation/form.html"
    form_class = ConsultationForm

    def get_initial(self):
        return {"batch": self.request.GET.get("batch")}

    def form_valid(self, form):
        try:
            consultation = services.create_consultation(batch=form.cleaned_data["batch"], values=form.values(),
                                                        by=self.request.user)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã tạo đợt lấy ý kiến; kiểm tra lại rồi công bố."))
        return redirect("awards:consultation_detail", pk=consultation.pk)


class ConsultationEditView(ConsultationMixin, FormView):
    template_name = "awards/consultation/form.html"
    form_class = ConsultationForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.consultation}

    def form_valid(self, form):
        try:
            services.update_consultation(self.consultation, values=form.values(), by=self.request.user)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã lưu đợt lấy ý kiến."))
        return self.back()


class ConsultationDetailView(ConsultationMixin, TemplateView):
    template_name = "awards/consultation/detail.html"

    def get_context_data(self, **kwargs):
        consultation = self.consultation
        counts = {status: 0 for status in CommentStatus.values}
        for status in consultation.comments.values_list("status", flat=True):
            counts[status] += 1
        return super().get_context_data(
            nominees=selectors.public_nominees(consultation),
            counts=[(label, counts[value], value) for value, label in CommentStatus.choices],
            period=selectors.period(consultation).value,
            **kwargs,
        )


class ConsultationConfirmView(ConsultationMixin, TemplateView):
    """GET asks for confirmation; POST acts through ``act``."""

    template_name = "awards/consultation/confirm.html"
    heading = question = button = done = ""
    style = "btn-primary"

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=self.heading, question=self.question, button=self.button,
                                        style=self.style, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            self.act(self.consultation)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, self.done)
        return self.back()


class ConsultationPublishView(ConsultationConfirmView):
    heading = gettext_lazy("Công bố danh sách lấy ý kiến")
    question = gettext_lazy("Công bố danh sách này? Mọi người đọc được tên, đơn vị, hình thức đề nghị của từng người, "
                            "tập thể và gửi ý kiến trong thời gian nhận ý kiến.")
    button = gettext_lazy("Công bố")
    done = gettext_lazy("Đã công bố danh sách lấy ý kiến nhân dân.")
    style = "btn-success"

    def act(self, consultation):
        services.publish_consultation(consultation, by=self.request.user)


class ConsultationUnpublishView(ConsultationConfirmView):
    heading = gettext_lazy("Thu hồi danh sách lấy ý kiến")
    question = gettext_lazy("Thu hồi danh sách này khỏi trang công khai? Các ý kiến đã nhận vẫn được giữ.")
    button = gettext_lazy("Thu hồi")
    done = gettext_lazy("Đã thu hồi danh sách khỏi trang công khai.")
    style = "btn-warning"

    def act(self, consultation):
        services.unpublish_consultation(consultation, by=self.request.user)


# --- Staff: moderation ---------------------------------------------------------------------------------------------


def _status_filter(value):
    return value if value in CommentStatus.values else ""


class ModerationListView(ConsultationMixin, LenientPaginationMixin, ListView):
    """The consultation's comments, pending ones first by default, each with its moderation form."""

    template_name = "awards/consultation/moderation.html"
    context_object_name = "comments"
    paginate_by = settings.PAGE_SIZE

    @cached_property
    def status(self):
        return _status_filter(self.request.GET.get("status", CommentStatus.PENDING))

    def get_queryset(self):
        return selectors.moderation_queue(self.consultation, status=self.status)

    def get_context_data(self, **kwargs):
        return super().get_context_data(status=self.status, statuses=CommentStatus.choices, form=ModerationForm(),
                                        **kwargs)


class CommentModerateView(StaffMixin, FormView):
    """One comment's moderation: GET shows it with the form (also where errors land); POST approves or rejects and
    goes back to the list it came from (``back``: the status filter of that list)."""

    template_name = "awards/consultation/moderate.html"
    form_class = ModerationForm

    @cached_property
    def comment(self):
        return selectors.comment(self.kwargs["comment_pk"])

    def back_status(self):
        return _status_filter(self.request.POST.get("back", self.request.GET.get("back", CommentStatus.PENDING)))

    def get_context_data(self, **kwargs):
        return super().get_context_data(comment=self.comment, consultation=self.comment.consultation,
                                        back=self.back_status(), **kwargs)

    def form_valid(self, form):
        try:
            services.moderate_comment(self.comment, status=form.cleaned_data["status"],
                                      note=form.cleaned_data["note"], by=self.request.user)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        done = _("Đã duyệt ý kiến của %(name)s.") if self.comment.status == CommentStatus.APPROVED else _(
            "Đã ghi không duyệt ý kiến của %(name)s.")
        messages.success(self.request, done % {"name": self.comment.author_name})
        url = reverse("awards:comment_moderation", kwargs={"pk": self.comment.consultation_id})
        return redirect(f"{url}?status={self.back_status() or 'all'}")


# --- Public --------------------------------------------------------------------------------------------------------


def _client_address(request):
    # REMOTE_ADDR only: a forwarded-for header is whatever the sender wants it to be.
    return request.META.get("REMOTE_ADDR", "")


def over_limit(request):
    """Counts one comment from the request's address; True once it has sent more than COMMENTS_PER_WINDOW in the
    window (which starts at its first comment)."""
    key = f"public-comment:{_client_address(request)}"
    cache.add(key, 0, timeout=WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=WINDOW_SECONDS)
        count = 1
    return count > COMMENTS_PER_WINDOW


class PublicConsultationView(PermissionRequiredMixin, TemplateView):
    """The published nominee list: each nominee with the approved comments and, while open, a comment form (its
    fields prefixed ``n<id>``; the POST names the nominee in ``nomination``). A draft or withdrawn one is 404."""

    permission_required = "awards.comment_publicly"
    template_name = "awards/consultation/public.html"

    def get_permission_object(self):
        return None

    @cached_property
    def consultation(self):
        return selectors.public_consultation(self.kwargs["pk"])

    def get_context_data(self, bound=None, **kwargs):
        consultation = self.consultation
        period = selectors.period(consultation)
        nominees = list(selectors.public_nominees(consultation))
        if period is selectors.Period.OPEN:
            for nominee in nominees:
                form = bound if bound is not None and bound.prefix == f"n{nominee.pk}" else None
                nominee.comment_form = form or CommentForm(prefix=f"n{nominee.pk}")
        return super().get_context_data(consultation=consultation, campaign=consultation.batch.campaign,
                                        nominees=nominees, period=period.value, **kwargs)

    def post(self, request, *args, **kwargs):
        nomination_id = request.POST.get("nomination", "")
        # ASCII digits only and a number a database key can hold ("²" is a digit to str.isdigit, not to int()).
        if not (nomination_id.isascii() and nomination_id.isdigit() and len(nomination_id) <= 18):
            return redirect(self.page_url())
        form = CommentForm(request.POST, prefix=f"n{nomination_id}")
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(bound=form), status=200)
        if form.is_bot():
            messages.success(request, SENT)
            return redirect(self.page_url())
        if over_limit(request):
            form.add_error(None, _("Bạn đã gửi nhiều ý kiến trong thời gian ngắn; hãy thử lại sau ít phút."))
            return self.render_to_response(self.get_context_data(bound=form), status=200)
        try:
            services.submit_comment(self.consultation, nomination_id=int(nomination_id),
                                    author_name=form.cleaned_data["author_name"],
                                    contact=form.cleaned_data["contact"], text=form.cleaned_data["text"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(self.page_url())
        messages.success(request, SENT)
        return redirect(f"{self.page_url()}#de-nghi-{nomination_id}")

    def page_url(self):
        return reverse("awards:public_consultation", kwargs={"pk": self.consultation.pk})
