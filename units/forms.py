"""Forms of the unit, cluster and account screens. Guards shared with the services report beside their field."""

from django import forms
from django.contrib.auth.forms import SetPasswordMixin, UsernameField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from .filters import unit_search
from .models import Cluster, MemberRole, Role, Unit, User
from .selectors import descendant_ids, with_predecessor_ids
from .services import merge_errors
from .vietnamese import nfc

YEAR_VALIDATORS = [
    MinValueValidator(1990, message=_("Năm phải từ 1990 trở về sau.")),
    MaxValueValidator(2100, message=_("Năm phải trước năm 2100.")),
]
class DateInput(forms.DateInput):
    """The browser's date picker; it sends yyyy-mm-dd, which DATE_INPUT_FORMATS accepts."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class PasswordFieldsMixin(SetPasswordMixin):
    """Django's two password fields and validators."""


# --- Units --------------------------------------------------------------------------------------------------------


class UnitForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["code", "name", "short_name", "kind", "parent", "address"]
        error_messages = {"code": {"unique": _("Mã đơn vị này đã được dùng cho đơn vị khác.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parents = Unit.objects.filter(is_active=True)
        if self.instance.pk:
            # A unit cannot sit under itself or under one of its own sub-units.
            parents = Unit.objects.filter(pk__in=[self.instance.parent_id]) | parents.exclude(
                pk__in={self.instance.pk, *descendant_ids(self.instance)}
            )
        self.fields["parent"].queryset = parents.order_by("name_sort")

    def clean_name(self):
        return nfc(self.cleaned_data["name"])


# A reason is a sentence or two; the history keeps it whole.
REASON_LENGTH = 1000


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), max_length=REASON_LENGTH, widget=forms.Textarea(attrs={"rows": 3}))


class OptionalReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do"), max_length=REASON_LENGTH, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(label=_("Sáp nhập vào đơn vị"), queryset=Unit.objects.none())
    on = forms.DateField(label=_("Ngày sáp nhập"), widget=DateInput())
    reason = forms.CharField(
        label=_("Căn cứ, lý do"), max_length=REASON_LENGTH, required=False,
        help_text=_("Ví dụ: số, ngày của nghị quyết, quyết định sáp nhập."),
    )

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        # Offered: active units other than the unit and those already merged into it. Others still reach clean()
        # when posted by hand and get their reason there.
        self.fields["into"].queryset = Unit.objects.all().order_by("name_sort")
        self.fields["into"].choices = [("", "---------")] + [
            (choice.pk, choice.name)
            for choice in Unit.objects.active().exclude(pk__in=with_predecessor_ids([unit.pk])).order_by("name_sort")
        ]

    def clean(self):
        data = super().clean()
        for field, message in merge_errors(self.unit, into=data.get("into"), on=data.get("on")).items():
            self.add_error(field if field in self.fields else None, message)
        return data


# --- Clusters -----------------------------------------------------------------------------------------------------


class ClusterForm(forms.ModelForm):
    year = forms.IntegerField(label=_("Năm"), validators=YEAR_VALIDATORS)

    class Meta:
        model = Cluster
        fields = ["name", "kind", "scope", "year", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def clean_name(self):
        return nfc(self.cleaned_data["name"])

    def clean(self):
        data = super().clean()
        name, year = data.get("name"), data.get("year")
        same = Cluster.objects.filter(name=name, year=year).exclude(pk=self.instance.pk)
        if name and year and same.exists():
            # Reported beside the name; the field error also keeps the model's own constraint check quiet.
            self.add_error("name", _("Năm %(year)s đã có cụm, khối cùng tên.") % {"year": year})
        return data


class ClusterCopyForm(forms.Form):
    year = forms.IntegerField(label=_("Sao chép sang năm"), validators=YEAR_VALIDATORS)


class MemberAddForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none())
    role = forms.ChoiceField(label=_("Vai trò"), choices=MemberRole.choices, initial=MemberRole.MEMBER)

    def __init__(self, *args, cluster, search="", **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.active().exclude(memberships__cluster=cluster)
        if search:
            units = units.filter(unit_search(search))
        self.fields["unit"].queryset = units.order_by("name_sort")


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Vai trò"), choices=MemberRole.choices)


# --- Accounts -----------------------------------------------------------------------------------------------------

PROFILE_FIELDS = ["username", "full_name", "email", "phone", "position", "role", "units"]


class AccountFieldsMixin:
    """Profile fields shared by the create and edit forms, with the rule that an officer needs a unit."""

    def setup_fields(self):
        self.fields["full_name"].required = True
        self.fields["units"].queryset = Unit.objects.active().order_by("name_sort")
        self.fields["units"].help_text = _("Bắt buộc với cán bộ đơn vị; giữ Ctrl (⌘) để chọn nhiều đơn vị.")
        self.fields["units"].widget.attrs["size"] = 10

    def clean_full_name(self):
        return nfc(self.cleaned_data["full_name"])

    def check_units(self, data):
        if data.get("role") == Role.OFFICER and not data.get("units"):
            self.add_error("units", _("Cán bộ đơn vị phải phụ trách ít nhất một đơn vị."))


class UserCreateForm(AccountFieldsMixin, PasswordFieldsMixin, forms.ModelForm):
    password1, password2 = SetPasswordMixin.create_password_fields(
        label1=_("Mật khẩu ban đầu"), label2=_("Nhập lại mật khẩu")
    )

    class Meta:
        model = User
        fields = PROFILE_FIELDS
        field_classes = {"username": UsernameField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_fields()

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError(_("Tên đăng nhập đã được sử dụng."))
        return username

    def clean(self):
        data = super().clean()
        self.validate_passwords()
        self.check_units(data)
        return data

    def _post_clean(self):
        super()._post_clean()
        # After the instance has the form's data, so similarity to the name and e-mail is checked too.
        self.validate_password_for_user(self.instance)


class UserEditForm(AccountFieldsMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = PROFILE_FIELDS
        field_classes = {"username": UsernameField}

    def __init__(self, *args, editor, **kwargs):
        super().__init__(*args, **kwargs)
        self.editor = editor
        self.setup_fields()
        active_or_current = Unit.objects.filter(pk__in=self.instance.units.values("pk"))
        self.fields["units"].queryset = (self.fields["units"].queryset | active_or_current).order_by("name_sort")

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("Tên đăng nhập đã được sử dụng."))
        return username

    def clean_role(self):
        role = self.cleaned_data["role"]
        if self.instance.pk == self.editor.pk and role != self.instance.role:
            raise ValidationError(_("Không thể tự đổi vai trò của chính mình."))
        return role

    def clean(self):
        data = super().clean()
        self.check_units(data)
        return data


class UserPasswordForm(PasswordFieldsMixin, forms.Form):
    password1, password2 = SetPasswordMixin.create_password_fields(
        label1=_("Mật khẩu mới"), label2=_("Nhập lại mật khẩu mới")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        data = super().clean()
        self.validate_passwords()
        self.validate_password_for_user(self.user)
        return data
