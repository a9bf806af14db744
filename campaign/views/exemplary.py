"""Staff write a campaign's exemplary models (gương điển hình): the list, create, edit, publish and take back, delete
(each asked for confirmation first), and the photo of any of them, drafts too (the public sees only the published
ones' photos: views.public)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, ListView, TemplateView, View

from units.views.base import LenientPaginationMixin

from ..forms.exemplary import ExemplaryForm
from ..models import ExemplaryStatus
from ..selectors.exemplary import campaign_model, campaign_models
from ..services.exemplary import (
    create_exemplary,
    delete_exemplary,
    publish_exemplary,
    unpublish_exemplary,
    update_exemplary,
)
from .common import StaffCampaignMixin
from .evidence import stream_file


class ExemplaryMixin(StaffCampaignMixin):
    permission_required = "campaign.manage_exemplary"

    @cached_property
    def exemplary(self):
        return campaign_model(self.campaign, self.kwargs["model_pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(model=self.exemplary, **kwargs)

    def back(self):
        return redirect("campaign:exemplary_list", pk=self.campaign.pk)


class ExemplaryListView(StaffCampaignMixin, LenientPaginationMixin, ListView):
    permission_required = "campaign.manage_exemplary"
    template_name = "campaign/exemplary/list.html"
    context_object_name = "models"
    paginate_by = settings.PAGE_SIZE

    def status(self):
        status = self.request.GET.get("status", "")
        return status if status in ExemplaryStatus.values else ""

    def get_queryset(self):
        return campaign_models(self.campaign, status=self.status())

    def get_context_data(self, **kwargs):
        return super().get_context_data(status=self.status(), statuses=ExemplaryStatus.choices, **kwargs)


class ExemplaryCreateView(StaffCampaignMixin, FormView):
    permission_required = "campaign.manage_exemplary"
    template_name = "campaign/exemplary/form.html"
    form_class = ExemplaryForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "campaign": self.campaign}

    def form_valid(self, form):
        try:
            model = create_exemplary(self.campaign, values=form.values(), photo=form.cleaned_data["photo"],
                                     by=self.request.user)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã thêm gương điển hình “%(title)s” (bản nháp).") % {"title": model.title})
        return redirect("campaign:exemplary_list", pk=self.campaign.pk)


class ExemplaryEditView(ExemplaryMixin, FormView):
    template_name = "campaign/exemplary/form.html"
    form_class = ExemplaryForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "campaign": self.campaign, "instance": self.exemplary}

    def form_valid(self, form):
        try:
            update_exemplary(self.exemplary, values=form.values(), photo=form.cleaned_data["photo"],
                             remove_photo=form.cleaned_data.get("remove_photo", False), by=self.request.user)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã lưu gương điển hình “%(title)s”.") % {"title": self.exemplary.title})
        return self.back()


class ExemplaryConfirmView(ExemplaryMixin, TemplateView):
    """GET asks for confirmation; POST acts through ``act`` and goes back to the list."""

    template_name = "campaign/exemplary/confirm.html"
    question = heading = button = done = ""
    style = "btn-primary"

    def get_context_data(self, **kwargs):
        return super().get_context_data(question=self.question, heading=self.heading, button=self.button,
                                        style=self.style, **kwargs)

    def post(self, request, *args, **kwargs):
        title = self.exemplary.title
        try:
            self.act(self.exemplary)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, self.done % {"title": title})
        return self.back()


class ExemplaryPublishView(ExemplaryConfirmView):
    heading = gettext_lazy("Công bố gương điển hình")
    question = gettext_lazy("Công bố gương điển hình này? Mọi người sẽ đọc được trên trang công khai của phong trào, "
                            "không cần đăng nhập.")
    button = gettext_lazy("Công bố")
    done = gettext_lazy("Đã công bố gương điển hình “%(title)s”.")
    style = "btn-success"

    def act(self, model):
        publish_exemplary(model, by=self.request.user)


class ExemplaryUnpublishView(ExemplaryConfirmView):
    heading = gettext_lazy("Thu hồi gương điển hình")
    question = gettext_lazy("Thu hồi gương điển hình này? Nó sẽ không còn trên trang công khai và trở lại bản nháp.")
    button = gettext_lazy("Thu hồi")
    done = gettext_lazy("Đã thu hồi gương điển hình “%(title)s” về bản nháp.")
    style = "btn-warning"

    def act(self, model):
        unpublish_exemplary(model, by=self.request.user)


class ExemplaryDeleteView(ExemplaryConfirmView):
    heading = gettext_lazy("Xóa gương điển hình")
    question = gettext_lazy("Xóa hẳn gương điển hình này và ảnh của nó? Lịch sử thay đổi vẫn ghi lại việc xóa.")
    button = gettext_lazy("Xóa")
    done = gettext_lazy("Đã xóa gương điển hình “%(title)s”.")
    style = "btn-danger"

    def act(self, model):
        delete_exemplary(model, by=self.request.user)


class ExemplaryPhotoView(ExemplaryMixin, View):
    """The photo of any of the campaign's models (a draft's too), for staff; 404 without one."""

    def get(self, request, *args, **kwargs):
        if not self.exemplary.photo:
            raise Http404
        response = stream_file(self.exemplary.photo, content_type="image/jpeg",
                               filename=f"guong-dien-hinh-{self.exemplary.pk}.jpg")
        patch_cache_control(response, private=True, no_cache=True)
        return response
