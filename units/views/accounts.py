"""Account screens for Sở Nội vụ staff: list, create, edit, set a password, lock and unlock."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, UpdateView

from .. import services
from ..filters import UserFilter
from ..forms import UserCreateForm, UserEditForm, UserPasswordForm
from ..selectors import users_visible_to
from .base import GuardedListView, GuardedMixin, ObjectActionView, PermissionMixin, PostActionView

PROFILE = ["full_name", "email", "phone", "position", "role"]


class UserScopeMixin:
    permission_required = "units.manage_accounts"

    def get_queryset(self):
        return users_visible_to(self.request.user)

    def get_success_url(self, result=None):
        return reverse("units:user_list")


class UserListView(GuardedListView):
    permission_required = "units.manage_accounts"
    filterset_class = UserFilter
    template_name = "units/user_list.html"

    def get_queryset(self):
        return users_visible_to(self.request.user).prefetch_related("units").order_by("name_sort", "username")


class UserCreateView(UserScopeMixin, PermissionMixin, FormView):
    form_class = UserCreateForm
    template_name = "units/user_form.html"

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            user = services.create_user(
                by=self.request.user, username=data["username"], password=data["password1"],
                units=data["units"], **{name: data[name] for name in PROFILE},
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã tạo tài khoản %(username)s.") % {"username": user.username})
        return redirect(self.get_success_url())


class UserEditView(UserScopeMixin, GuardedMixin, UpdateView):
    form_class = UserEditForm
    template_name = "units/user_form.html"
    context_object_name = "account"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "editor": self.request.user}

    def form_valid(self, form):
        data = form.cleaned_data
        fields = {name: data[name] for name in ["username", *PROFILE]}
        try:
            services.update_user(self.object, by=self.request.user, units=data["units"], **fields)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã lưu tài khoản %(username)s.") % {"username": self.object.username})
        return redirect(self.get_success_url())


class UserSetPasswordView(UserScopeMixin, ObjectActionView):
    form_class = UserPasswordForm
    template_name = "units/user_set_password.html"
    context_object_name = "account"
    success_message = _("Đã đặt mật khẩu mới.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.get_object()}

    def act(self, form):
        return services.set_user_password(
            self.get_object(), password=form.cleaned_data["password1"], by=self.request.user
        )


class UserDeactivateView(UserScopeMixin, PostActionView):
    def act(self, account):
        services.deactivate_user(account, by=self.request.user)

    def get_success_message(self, account):
        return _("Đã khóa tài khoản %(username)s.") % {"username": account.username}


class UserReactivateView(UserScopeMixin, PostActionView):
    def act(self, account):
        services.reactivate_user(account, by=self.request.user)

    def get_success_message(self, account):
        return _("Đã mở khóa tài khoản %(username)s.") % {"username": account.username}
