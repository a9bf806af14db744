"""Cluster screens: list, detail, create, edit, copy to another year, members, history."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, DetailView, UpdateView

from .. import services
from ..filters import ClusterFilter, search_text
from ..forms import ClusterCopyForm, ClusterForm, MemberAddForm, MemberRoleForm
from ..history import merged_history_page
from ..models import ClusterMembership
from ..rules import is_council_member, is_portal_staff
from ..selectors import cluster_with_members, clusters_visible_to
from .base import (
    GuardedListView,
    GuardedMixin,
    ObjectActionView,
    PermissionMixin,
    PostActionView,
    ServiceFormMixin,
)
from .history import HistoryView


class ClusterScopeMixin:
    def get_queryset(self):
        return clusters_visible_to(self.request.user)


class ClusterListView(GuardedListView):
    permission_required = "units.view_cluster_list"
    filterset_class = ClusterFilter
    template_name = "units/cluster_list.html"

    def get_queryset(self):
        return clusters_visible_to(self.request.user).order_by("-year", "name_sort", "id")


class ClusterDetailView(GuardedMixin, DetailView):
    permission_required = "units.view_cluster"
    template_name = "units/cluster_detail.html"

    def get_queryset(self):
        return cluster_with_members(clusters_visible_to(self.request.user))

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            is_staff=is_portal_staff(user), sees_all=is_portal_staff(user) or is_council_member(user), **kwargs
        )


class ClusterFormMixin(ServiceFormMixin):
    form_class = ClusterForm
    permission_required = "units.manage_clusters"
    template_name = "units/cluster_form.html"

    def save_with_service(self, cluster):
        return services.save_cluster(cluster, by=self.request.user)


class ClusterCreateView(ClusterFormMixin, PermissionMixin, CreateView):
    success_message = _("Đã tạo %(object)s.")


class ClusterEditView(ClusterFormMixin, ClusterScopeMixin, GuardedMixin, UpdateView):
    success_message = _("Đã lưu %(object)s.")


class ClusterCopyView(ClusterScopeMixin, ObjectActionView):
    permission_required = "units.manage_clusters"
    form_class = ClusterCopyForm
    template_name = "units/cluster_copy.html"
    success_message = _("Đã sao chép cụm, khối cùng các thành viên đang hoạt động sang năm mới.")

    def get_initial(self):
        return {"year": self.get_object().year + 1}

    def act(self, form):
        return services.copy_cluster(self.get_object(), year=form.cleaned_data["year"], by=self.request.user)

    def get_success_url(self, result=None):
        return result.get_absolute_url()


class MemberAddView(ClusterScopeMixin, ObjectActionView):
    permission_required = "units.manage_clusters"
    form_class = MemberAddForm
    template_name = "units/member_add.html"
    success_message = _("Đã thêm đơn vị vào cụm, khối.")

    def get_search(self):
        return search_text(self.request.GET.get("q", "")) if self.request.method == "GET" else ""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "cluster": self.get_object(), "search": self.get_search()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(search=self.get_search(), **kwargs)

    def act(self, form):
        data = form.cleaned_data
        return services.add_member(self.get_object(), unit=data["unit"], role=data["role"], by=self.request.user)


class MembershipMixin(ClusterScopeMixin):
    """The cluster (the permission object) from the user's scope, then one of its memberships."""

    permission_required = "units.manage_clusters"

    def get_membership(self):
        if not hasattr(self, "membership"):
            memberships = ClusterMembership.objects.filter(cluster=self.get_object()).select_related("unit", "cluster")
            self.membership = get_object_or_404(memberships, pk=self.kwargs["membership_pk"])
        return self.membership


class MemberEditView(MembershipMixin, ObjectActionView):
    form_class = MemberRoleForm
    template_name = "units/member_edit.html"
    success_message = _("Đã đổi vai trò của đơn vị.")

    def get_initial(self):
        return {"role": self.get_membership().role}

    def get_context_data(self, **kwargs):
        return super().get_context_data(membership=self.get_membership(), **kwargs)

    def act(self, form):
        return services.set_member_role(self.get_membership(), role=form.cleaned_data["role"], by=self.request.user)


class MemberRemoveView(MembershipMixin, PostActionView):
    def act(self, cluster):
        services.remove_member(self.get_membership(), by=self.request.user)

    def get_success_message(self, cluster):
        return _("Đã rút %(name)s khỏi cụm, khối.") % {"name": self.get_membership().unit.name}


class ClusterHistoryView(ClusterScopeMixin, HistoryView, DetailView):
    template_name = "units/cluster_history.html"

    def get_history_page(self, number):
        cluster = self.object
        sources = {
            "cluster": cluster.history.all(),
            "membership": ClusterMembership.history.filter(cluster_id=cluster.pk).select_related("unit"),
        }
        labels = {"cluster": lambda row: str(cluster), "membership": lambda row: row.unit.name}
        return merged_history_page(sources, number, labels)
