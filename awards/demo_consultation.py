"""The demo's public comment on the province's proposal upward (awards.demo_nominations): published for comment from
21/11/2019 to 30/11/2019, with three comments of the public: one approved, two waiting for moderation.
``load()`` runs once; again, it changes nothing."""

import datetime

from django.utils import timezone

from campaign.demo_public import demo_campaign
from units.models import User

from .models import (
    BatchKind,
    CommentStatus,
    Consultation,
    NominationBatch,
    PublicComment,
)
from .selectors.consultation import public_nominees
from .services.consultation import (
    create_consultation,
    moderate_comment,
    publish_consultation,
    submit_comment,
)

OPENS, CLOSES = datetime.date(2019, 11, 21), datetime.date(2019, 11, 30)
VALUES = {
    "title": "Lấy ý kiến nhân dân đối với danh sách đề nghị Thủ tướng Chính phủ tặng Bằng khen",
    "notice": "Thực hiện quy định về công khai danh sách đề nghị khen thưởng cấp Nhà nước, Sở Nội vụ (Ban Thi đua – "
              "Khen thưởng) công bố danh sách dưới đây để nhân dân góp ý.\nÝ kiến gửi qua trang này hoặc bằng văn bản "
              "về Ban Thi đua – Khen thưởng tỉnh Lạng Sơn trước ngày 30/11/2019.",
    "opens_on": OPENS,
    "closes_on": CLOSES,
}
# (day in November 2019, author, contact, text, approved with this note (None: pending))
COMMENTS = [
    (22, "Hoàng Văn Sơn", "Thôn Nà Làng, xã Tân Đoàn, huyện Văn Quan",
     ("Tôi là người bệnh được đồng chí tận tình chăm sóc khi điều trị tại bệnh viện. Đề nghị được khen thưởng là "
      "xứng đáng."), "Đã xác minh với cơ quan đề nghị"),
    (24, "Lương Thị Hoa", "0912 000 111",
     "Đề nghị làm rõ thêm các sáng kiến của đồng chí trong năm 2018.", None),
    (26, "Một cử tri", "cutri.langson@example.vn",
     "Tôi đồng ý với danh sách đề nghị.", None),
]


def _at(day, hour):
    return timezone.make_aware(datetime.datetime(2019, 11, day, hour, 0))


def load(stdout=None):
    """Loads the consultation once; returns its counts, or None (already there, or no proposal to consult on)."""
    campaign = demo_campaign()
    batch = campaign and NominationBatch.objects.filter(campaign=campaign, kind=BatchKind.PROVINCE).first()
    if batch is None:
        if stdout is not None:
            stdout.write("  Chưa có tờ trình của tỉnh: bỏ qua lấy ý kiến nhân dân.")
        return None
    if Consultation.objects.filter(batch=batch).exists():
        return None
    staff = User.objects.get(username="snv.tdkt")
    consultation = publish_consultation(create_consultation(batch=batch, values=VALUES, by=staff), by=staff)
    Consultation.objects.filter(pk=consultation.pk).update(published_at=_at(OPENS.day, 8))
    nominees = list(public_nominees(consultation))
    for index, (day, author, contact, text, note) in enumerate(COMMENTS):
        nominee = nominees[index % len(nominees)]
        comment = submit_comment(consultation, nomination_id=nominee.pk, author_name=author, contact=contact,
                                 text=text, today=datetime.date(2019, 11, day))
        PublicComment.objects.filter(pk=comment.pk).update(created_at=_at(day, 10))
        if note is not None:
            moderate_comment(comment, status=CommentStatus.APPROVED, note=note, by=staff)
            PublicComment.objects.filter(pk=comment.pk).update(moderated_at=_at(day + 1, 9))
    counts = {"nominees": len(nominees), "comments": len(COMMENTS),
              "approved": sum(1 for row in COMMENTS if row[4] is not None)}
    if stdout is not None:
        stdout.write(f"  Lấy ý kiến nhân dân: {counts['nominees']} người được đề nghị, {counts['comments']} ý kiến "
                     f"({counts['approved']} đã duyệt).")
    return counts
