"""python manage.py import_awards PATH [--dry-run]: the import of past awards into the register, from the command
line (the same checks as the portal's import screen)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from awards.register_excel import UnreadableFile, read_rows, validate
from awards.services.register import import_records


class Command(BaseCommand):
    help = "Nhập khen thưởng đã nhận vào sổ khen thưởng từ tệp .xlsx hoặc .csv theo mẫu của cổng."

    def add_arguments(self, parser):
        parser.add_argument("path", help="Đường dẫn tới tệp .xlsx hoặc .csv")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra và cho biết sẽ ghi gì.")

    def handle(self, *args, path, dry_run, **options):
        try:
            rows = read_rows(path)
        except UnreadableFile as exc:
            raise CommandError(str(exc)) from exc
        name = Path(path).name
        plan = validate(rows, file_name=name)
        if plan.errors:
            for error in plan.errors:
                self.stderr.write(str(error))
            raise CommandError(_("Tệp có %(count)d lỗi; chưa nhập gì.") % {"count": len(plan.errors)})
        if dry_run:
            self.stdout.write(_("Chạy thử, chưa nhập gì. Nếu nhập: %(result)s") % {"result": plan.preview})
            return
        self.stdout.write(str(import_records(plan.rows, by=None, file_name=name)))
