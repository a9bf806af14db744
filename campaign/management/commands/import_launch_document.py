import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from campaign.launch_document import LaunchDocumentError
from campaign.models import CampaignKind
from campaign.services import MissingStartDate, import_launch_document_file


def vietnamese_date(value):
    try:
        return datetime.datetime.strptime(value, "%d/%m/%Y").date()
    except ValueError:
        raise CommandError(_("Ngày “%(value)s” không đúng dạng dd/mm/yyyy.") % {"value": value}) from None


class Command(BaseCommand):
    help = "Tạo phong trào thi đua (dự thảo) từ văn bản phát động hoặc kế hoạch (.txt, .docx) và in ra những gì đã tạo."

    def add_arguments(self, parser):
        parser.add_argument("path", help="Đường dẫn tệp .txt hoặc .docx")
        parser.add_argument("--start-date", type=vietnamese_date, help="Ngày bắt đầu, dd/mm/yyyy (khi văn bản không ghi)")
        parser.add_argument("--regime", help="Mã chế độ pháp lý (A, B, C); mặc định: chế độ có hiệu lực vào ngày bắt đầu")
        parser.add_argument("--kind", choices=CampaignKind.values, help="Loại phong trào")
        parser.add_argument(
            "--update-existing", action="store_true",
            help="Cập nhật phong trào cùng tên và ngày bắt đầu nếu đã có, thay vì tạo mới",
        )

    def handle(self, *args, **options):
        try:
            result = import_launch_document_file(
                options["path"], start_date=options["start_date"], regime_code=options["regime"],
                kind=options["kind"], update_existing=options["update_existing"],
            )
        except FileNotFoundError:
            raise CommandError(_("Không tìm thấy tệp %(path)s.") % {"path": options["path"]}) from None
        except MissingStartDate:
            raise CommandError(_("Văn bản không ghi ngày bắt đầu: dùng --start-date dd/mm/yyyy.")) from None
        except (LaunchDocumentError, ValidationError, OSError) as error:
            raise CommandError(" ".join(getattr(error, "messages", [str(error)]))) from None
        self.report(result)

    def report(self, result):
        campaign = result.campaign
        done = _("Đã tạo phong trào") if result.created else _("Đã cập nhật phong trào")
        self.stdout.write(self.style.SUCCESS(f"{done}: {campaign.title}"))
        self.stdout.write(_("Thời gian: %(start)s – %(end)s") % {
            "start": campaign.start_date.strftime("%d/%m/%Y"), "end": campaign.end_date.strftime("%d/%m/%Y"),
        })
        if campaign.anniversary_date:
            self.stdout.write(_("Ngày kỷ niệm: %(day)s") % {"day": campaign.anniversary_date.strftime("%d/%m/%Y")})
        self.stdout.write(_("Chế độ pháp lý: %(regime)s") % {"regime": campaign.regime.name})
        tasks = list(campaign.tasks.order_by("number"))
        self.stdout.write(_("Số nội dung thi đua: %(count)s") % {"count": len(tasks)})
        for task in tasks:
            self.stdout.write(f"  {task.number}. {task.short_title}")
        for warning in result.parsed.warnings:
            self.stderr.write(_("Lưu ý: %(warning)s") % {"warning": warning})
