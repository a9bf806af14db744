"""Staff add, correct and delete a campaign's tasks."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from .. import services
from ..forms import TaskEditForm, TaskForm
from .common import StaffCampaignMixin


class TaskMixin(StaffCampaignMixin):
    @cached_property
    def task(self):
        return get_object_or_404(self.campaign.tasks.all(), pk=self.kwargs["task_pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(task=self.task, **kwargs)

    def back(self):
        return redirect(f"{self.campaign.get_absolute_url()}#noi-dung-{self.task.number}")


class TaskAddView(StaffCampaignMixin, FormView):
    template_name = "campaign/task_form.html"
    form_class = TaskForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "campaign": self.campaign}

    def get_initial(self):
        highest = self.campaign.tasks.aggregate(highest=Max("number"))["highest"] or 0
        return {"number": highest + 1}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.add_task(self.campaign, **data, by=self.request.user)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã thêm nội dung số %(number)s.") % {"number": data["number"]})
        return redirect("campaign:detail", pk=self.campaign.pk)


class TaskEditView(TaskMixin, FormView):
    template_name = "campaign/task_form.html"
    form_class = TaskEditForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "campaign": self.campaign, "instance": self.task}

    def form_valid(self, form):
        data = form.cleaned_data
        services.update_task(self.task, short_title=data["short_title"], text=data["text"], by=self.request.user)
        messages.success(self.request, _("Đã lưu nội dung số %(number)s.") % {"number": self.task.number})
        return self.back()


class TaskDeleteView(TaskMixin, TemplateView):
    """GET asks for confirmation; POST deletes."""

    template_name = "campaign/task_confirm_delete.html"

    def post(self, request, *args, **kwargs):
        number = self.task.number
        services.delete_task(self.task, by=request.user)
        messages.success(request, _("Đã xóa nội dung số %(number)s.") % {"number": number})
        return redirect("campaign:detail", pk=self.campaign.pk)
