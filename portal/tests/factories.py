"""Every factory of the suite, in one place."""

import datetime

import factory
from factory.django import DjangoModelFactory

from awards.models import CouncilMember, CouncilRole
from campaign.models import Campaign, CampaignKind, CampaignStatus, LegalRegime, Task
from units.models import (
    Cluster,
    ClusterKind,
    ClusterMembership,
    ClusterScope,
    MemberRole,
    Role,
    Unit,
    UnitKind,
    User,
)

PASSWORD = "Mat-khau-thu-nghiem-2019"


class UnitFactory(DjangoModelFactory):
    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"DV{n:04d}")
    name = factory.Sequence(lambda n: f"Đơn vị thử nghiệm {n}")
    kind = UnitKind.DISTRICT


class ClusterFactory(DjangoModelFactory):
    class Meta:
        model = Cluster

    name = factory.Sequence(lambda n: f"Cụm thi đua số {n}")
    kind = ClusterKind.CUM
    scope = ClusterScope.PROVINCIAL
    year = 2019


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = ClusterMembership

    cluster = factory.SubFactory(ClusterFactory)
    unit = factory.SubFactory(UnitFactory)
    role = MemberRole.MEMBER


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.vn")
    role = Role.OFFICER
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def units(self, create, extracted, **kwargs):
        if create and extracted:
            self.units.set(extracted)
        if create:
            self.save()


class StaffFactory(UserFactory):
    role = Role.STAFF
    is_staff = True


class CouncilUserFactory(UserFactory):
    role = Role.COUNCIL


class CouncilMemberFactory(DjangoModelFactory):
    class Meta:
        model = CouncilMember

    user = factory.SubFactory(CouncilUserFactory)
    role = CouncilRole.MEMBER
    unit = factory.SubFactory(UnitFactory, kind=UnitKind.DEPARTMENT)
    position = "Giám đốc Sở"
    term_start = datetime.date(2016, 7, 1)


class CampaignFactory(DjangoModelFactory):
    class Meta:
        model = Campaign

    title = factory.Sequence(lambda n: f"Phong trào thi đua số {n}")
    kind = CampaignKind.SPECIAL
    theme = "Đoàn kết, sáng tạo, thi đua lập thành tích"
    issuing_bodies = "Tỉnh ủy\nUBND tỉnh"
    start_date = datetime.date(2019, 3, 1)
    end_date = datetime.date(2019, 10, 4)
    anniversary_date = datetime.date(2019, 11, 4)
    regime = factory.LazyFunction(lambda: LegalRegime.objects.get(code="A"))
    status = CampaignStatus.LAUNCHED


class TaskFactory(DjangoModelFactory):
    class Meta:
        model = Task

    campaign = factory.SubFactory(CampaignFactory)
    number = factory.Sequence(lambda n: n + 1)
    short_title = factory.Sequence(lambda n: f"Nội dung {n + 1}")
    text = "Thi đua phát huy sáng kiến, cải tiến kỹ thuật."
