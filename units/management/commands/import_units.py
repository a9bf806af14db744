"""python manage.py import_units PATH [--dry-run]: the unit import of the portal, from the command line."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from units.importing import UnreadableFile, apply, read_rows, validate


class Command(BaseCommand):
    help = "Nhập đơn vị và thành viên cụm, khối thi đua từ tệp .xlsx hoặc .csv theo mẫu của cổng."

    def add_arguments(self, parser):
        parser.add_argument("path", help="Đường dẫn tới tệp .xlsx hoặc .csv")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra và cho biết sẽ thay đổi gì.")

    def handle(self, *args, path, dry_run, **options):
        try:
            rows = read_rows(path)
        except UnreadableFile as exc:
            raise CommandError(str(exc)) from exc
        plan = validate(rows, file_name=Path(path).name)
        if plan.errors:
            for error in plan.errors:
                self.stderr.write(str(error))
            raise CommandError(_("Tệp có %(count)d lỗi; chưa nhập gì.") % {"count": len(plan.errors)})
        if dry_run:
            self.stdout.write(_("Chạy thử, chưa nhập gì. Nếu nhập: %(result)s") % {"result": plan.preview})
            return
        self.stdout.write(str(apply(plan, by=None)))
