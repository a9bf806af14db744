"""Form fields shared by the forms of what units hand in."""

import re
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

# 1.200 or 1.200,5: dots group thousands (as the portal writes numbers); otherwise a dot is a decimal point.
GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")


class FigureValueField(forms.DecimalField):
    """A number typed the Vietnamese way (14,5 · 1.200 · 1.200,5), or with a decimal point (14.5)."""

    default_error_messages = {
        "invalid": _("Hãy nhập một số, ví dụ 120 hoặc 14,5."),
        "min_value": _("Giá trị không được âm."),
        "max_digits": _("Số quá lớn hoặc có quá nhiều chữ số sau dấu phẩy."),
        "max_whole_digits": _("Số quá lớn."),
        "max_decimal_places": _("Chỉ ghi tối đa 2 chữ số sau dấu phẩy."),
    }

    def __init__(self, *args, **kwargs):
        # As the columns store them (16 digits, 2 after the comma): a value the database would round is refused here.
        kwargs.setdefault("max_digits", 16)
        kwargs.setdefault("decimal_places", 2)
        kwargs.update(min_value=0, localize=True)
        super().__init__(*args, **kwargs)
        self.widget.attrs.update(inputmode="decimal")

    def prepare_value(self, value):
        # 120 and 14,5 rather than 120,00 and 14,50.
        if isinstance(value, Decimal) and value.is_finite():
            value = value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
        return super().prepare_value(value)

    def to_python(self, value):
        if isinstance(value, str):
            value = "".join(value.split())
            if GROUPED.match(value):
                value = value.replace(".", "")
            value = value.replace(",", ".")
        return super().to_python(value)
