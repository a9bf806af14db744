"""python manage.py compile_dossier --list | --session ID --output FILE | --batch ID --output FILE

Compiles a dossier as the portal's button does: on the embedded default the job runs in-process; with a broker the
command waits for the workers. The file is copied from the storage to FILE."""

import shutil
import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.models import CouncilSession, Dossier, DossierStatus, NominationBatch
from awards.services.dossiers import request_dossier


class Command(BaseCommand):
    help = "Lập hồ sơ khen thưởng (PDF) của một phiên họp Hội đồng hoặc một tờ trình của đơn vị."

    def add_arguments(self, parser):
        what = parser.add_mutually_exclusive_group(required=True)
        what.add_argument("--list", action="store_true", help="Liệt kê các phiên họp, mỗi dòng một phiên, mã trước.")
        what.add_argument("--session", type=int, help="Mã phiên họp Hội đồng.")
        what.add_argument("--batch", type=int, help="Mã tờ trình đề nghị khen thưởng của đơn vị.")
        parser.add_argument("--output", help="Tệp PDF sẽ ghi ra.")
        parser.add_argument("--wait", type=int, default=2 * settings.CELERY_TASK_TIME_LIMIT,
                            help="Số giây tối đa chờ các tiến trình nền lập xong (khi có hàng đợi).")

    def handle(self, *args, **options):
        if options["list"]:
            self.list_sessions()
            return
        if not options["output"]:
            raise CommandError(_("Cần cho biết tệp ghi ra: --output TỆP."))
        subject = self.subject(options)
        try:
            dossier = request_dossier(subject, by=None)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        dossier = self.wait(dossier, options["wait"])
        with dossier.file.open("rb") as source, open(options["output"], "wb") as target:
            shutil.copyfileobj(source, target)
        self.stdout.write(_("Đã ghi %(file)s: %(pages)d trang, SHA-256 %(sha)s.") % {
            "file": options["output"], "pages": dossier.pages, "sha": dossier.sha256})

    def list_sessions(self):
        for session in CouncilSession.objects.select_related("campaign").order_by("pk"):
            meets = timezone.localtime(session.meets_at).strftime("%d/%m/%Y")
            self.stdout.write(f"{session.pk}\t{meets}\t{session.get_status_display()}\t{session.title}\t"
                              f"{session.campaign}")

    def subject(self, options):
        if options["session"] is not None:  # not a truth test: --session 0 is a session id, not "no session"
            model, pk = CouncilSession, options["session"]
        else:
            model, pk = NominationBatch, options["batch"]
        subject = model.objects.filter(pk=pk).first()
        if subject is None:
            raise CommandError(_("Không có %(what)s mã %(pk)s.") % {"what": model._meta.verbose_name, "pk": pk})
        return subject

    def wait(self, dossier, seconds):
        deadline = time.monotonic() + seconds
        while True:
            dossier = Dossier.objects.get(pk=dossier.pk)
            if dossier.status == DossierStatus.READY:
                return dossier
            if dossier.status == DossierStatus.FAILED:
                raise CommandError(dossier.error)
            if time.monotonic() > deadline:
                raise CommandError(_("Quá %(seconds)d giây mà hồ sơ chưa lập xong; hãy kiểm tra các tiến trình nền "
                                     "(Celery worker).") % {"seconds": seconds})
            time.sleep(0.5)
