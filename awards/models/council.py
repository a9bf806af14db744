from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from units.models import Unit


class CouncilRole(models.TextChoices):
    CHAIR = "chair", _("Chủ tịch Hội đồng")
    VICE_CHAIR = "vice_chair", _("Phó Chủ tịch Hội đồng")
    SECRETARY = "secretary", _("Thư ký Hội đồng")
    MEMBER = "member", _("Ủy viên")


class CouncilMemberQuerySet(models.QuerySet):
    def serving_on(self, day):
        return self.filter(Q(term_end__isnull=True) | Q(term_end__gte=day), term_start__lte=day)


class CouncilMember(models.Model):
    """A seat on the provincial emulation and commendation council (Hội đồng TĐKT tỉnh) for a term."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("tài khoản"), on_delete=models.PROTECT, related_name="council_seats"
    )
    role = models.CharField(_("vai trò trong Hội đồng"), max_length=12, choices=CouncilRole.choices)
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị công tác"), on_delete=models.PROTECT, related_name="+")
    position = models.CharField(_("chức vụ"), max_length=255)
    term_start = models.DateField(_("bắt đầu nhiệm kỳ"))
    term_end = models.DateField(_("kết thúc nhiệm kỳ"), null=True, blank=True)
    history = HistoricalRecords()

    objects = CouncilMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("thành viên Hội đồng")
        verbose_name_plural = _("thành viên Hội đồng")
        ordering = ["term_start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__isnull=True) | Q(term_end__gte=F("term_start")), name="council_term_ordered"
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()}"
