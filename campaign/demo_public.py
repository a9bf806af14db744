"""Demo exemplary models (gương điển hình) of the 2019 campaign: three published with their photos (drawn here with
Pillow: a landscape in the colours of each story) and one draft. ``load()`` runs once; again, it changes nothing."""

import datetime
import io

from django.utils import timezone
from PIL import Image, ImageDraw

from units.models import Unit, User
from units.vietnamese import nfc

from .demo import DOCUMENT, START_DATE
from .launch_document import parse_launch_document, text_from_bytes
from .models import Campaign, ExemplaryModel
from .services.exemplary import create_exemplary, publish_exemplary

# (unit code, task number, name, title, summary, story, caption, published on (None: a draft), palette)
MODELS = [
    ("LS-VQ", 3, "Nhân dân và cán bộ xã Tân Đoàn", "Tân Đoàn đổi thay nhờ chung sức xây dựng nông thôn mới",
     "Một xã vùng khó của huyện Văn Quan hoàn thành 19/19 tiêu chí nông thôn mới, sớm hơn kế hoạch một năm.",
     ("Năm 2016, xã Tân Đoàn mới đạt 9 tiêu chí nông thôn mới. Hưởng ứng phong trào thi đua đặc biệt, các thôn "
      "bàn bạc công khai từng công trình; bà con hiến gần 12.000 m² đất, góp hơn 3.000 ngày công để bê tông hóa "
      "14 km đường thôn.\nTừ cây hồi, cây thạch đen, các tổ hợp tác liên kết tiêu thụ, thu nhập bình quân đầu người "
      "năm 2019 đạt 32 triệu đồng, tỷ lệ hộ nghèo giảm còn 6,8 %. Tháng 9/2019, xã hoàn thành 19/19 tiêu chí."),
     "Đường bê tông mới vào thôn Bản Thẳm", datetime.date(2019, 8, 15), ((126, 200, 227), (46, 125, 50))),
    ("SYT", 6, "Bác sĩ Hoàng Thị Ngọc", "Mười năm bám bản khám chữa bệnh cho đồng bào vùng cao",
     "Bác sĩ trạm y tế xã biên giới, người đưa dịch vụ khám thai và tiêm chủng đến từng bản xa.",
     ("Tốt nghiệp năm 2009, bác sĩ Ngọc tình nguyện về trạm y tế một xã biên giới. Mỗi tháng chị cùng đồng nghiệp "
      "mang máy siêu âm xách tay vào các bản xa nhất, khám thai định kỳ cho chị em và tiêm chủng cho trẻ nhỏ.\n"
      "Năm 2019, tỷ lệ trẻ được tiêm chủng đầy đủ của xã đạt 98 %; chị có sáng kiến sổ theo dõi thai sản bằng "
      "tiếng Tày, Nùng được ngành y tế tỉnh nhân rộng."),
     "Bác sĩ Ngọc khám cho trẻ tại nhà văn hóa thôn", datetime.date(2019, 9, 20), ((255, 224, 178), (0, 121, 107))),
    ("LS-TP", 5, "Bộ phận Một cửa thành phố Lạng Sơn", "Một cửa điện tử: người dân không phải đi lại nhiều lần",
     "Sáng kiến tiếp nhận, trả kết quả hồ sơ qua mạng giúp rút ngắn một nửa thời gian giải quyết thủ tục.",
     ("Từ đầu năm 2019, bộ phận Một cửa của thành phố đưa 152 thủ tục lên dịch vụ công trực tuyến mức độ 3, 4 và "
      "nhắn tin báo kết quả cho người dân. Thời gian giải quyết bình quân giảm từ 7 xuống còn 3,5 ngày.\n"
      "Sáng kiến được Hội đồng sáng kiến tỉnh công nhận có phạm vi ảnh hưởng cấp tỉnh, nhiều huyện đến học tập."),
     "Người dân làm thủ tục tại bộ phận Một cửa", datetime.date(2019, 10, 1), ((197, 202, 233), (183, 28, 28))),
    ("LS-CLO", 7, "Tiểu đội dân quân thường trực xã Bảo Lâm", "Giữ bình yên đường biên, cột mốc",
     "Bản nháp: chờ xác minh số liệu tuần tra cùng Đồn Biên phòng.",
     "Bản nháp chưa công bố.", "Dân quân tuần tra đường biên", None, ((207, 216, 220), (85, 139, 47))),
]


def demo_campaign():
    """The demo's 2019 campaign (campaign.demo), or None before it is loaded."""
    title = parse_launch_document(text_from_bytes(DOCUMENT.read_bytes())).title
    return Campaign.objects.filter(title=nfc(title), start_date=START_DATE).first()


def landscape(sky, land, size=(800, 600)):
    """A small JPEG: a sky fading to white, a sun, and hills of the land colour."""
    width, height = size
    image = Image.new("RGB", size, sky)
    draw = ImageDraw.Draw(image)
    for y in range(height // 2):
        share = y / (height / 2)
        draw.line([(0, y), (width, y)], fill=tuple(int(c + (255 - c) * share * 0.6) for c in sky))
    draw.ellipse([width * 0.7, height * 0.1, width * 0.82, height * 0.26], fill=(255, 236, 179))
    for index, top in enumerate((0.42, 0.5, 0.6)):
        shade = tuple(max(0, c - 25 * index) for c in land)
        peak = width * (0.25 + 0.3 * index)
        draw.polygon([(0, height), (0, height * (top + 0.12)), (peak, height * top),
                      (width, height * (top + 0.1)), (width, height)], fill=shade)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=82)
    out.seek(0)
    return out


def _write(stdout, text):
    if stdout is not None:
        stdout.write(text)


def load(stdout=None):
    """Loads the demo models once; returns how many were published and drafted, or None (already there, or no
    campaign yet)."""
    campaign = demo_campaign()
    if campaign is None:
        _write(stdout, "  Chưa có phong trào minh họa: bỏ qua gương điển hình.")
        return None
    if ExemplaryModel.objects.filter(campaign=campaign).exists():
        return None
    staff = User.objects.get(username="snv.tdkt")
    units = {unit.code: unit for unit in Unit.objects.filter(code__in={row[0] for row in MODELS})}
    tasks = {task.number: task for task in campaign.tasks.all()}
    counts = {"published": 0, "drafts": 0}
    for code, number, name, title, summary, story, caption, published_on, (sky, land) in MODELS:
        values = {"unit": units.get(code), "task": tasks.get(number), "name": name, "title": title,
                  "summary": summary, "story": story, "photo_caption": caption}
        model = create_exemplary(campaign, values=values, photo=landscape(sky, land), by=staff)
        if published_on is None:
            counts["drafts"] += 1
            continue
        publish_exemplary(model, by=staff)
        moment = timezone.make_aware(datetime.datetime.combine(published_on, datetime.time(9, 0)))
        ExemplaryModel.objects.filter(pk=model.pk).update(published_at=moment)
        counts["published"] += 1
    _write(stdout, f"  {counts['published']} gương điển hình đã công bố, {counts['drafts']} bản nháp.")
    return counts
