"""python manage.py load_demo — loads or refreshes the demo data; running it again changes nothing."""

from django.core.management.base import BaseCommand
from django.db import transaction

from awards import demo_consultation
from awards.demo import load_council
from awards.demo_council import load_council_sessions
from awards.demo_nominations import load_nominations
from awards.demo_people import load_people, load_posts
from campaign import demo_public, demo_reminders
from campaign.demo import load_campaign
from campaign.demo_pledges import load_pledges
from campaign.demo_scoring import load_scoring
from units.demo import ACCOUNTS, DEMO_PASSWORD, load_accounts, load_units


class Command(BaseCommand):
    help = "Nạp dữ liệu minh họa: phong trào thi đua đặc biệt năm 2019 của tỉnh Lạng Sơn, đơn vị, cụm khối, tài khoản."

    def handle(self, *args, **options):
        with transaction.atomic():
            clusters = load_units()
            users = load_accounts()
            campaign = load_campaign(clusters, by=users["snv.tdkt"])
            # Units and accounts are loaded before the staff account exists: only the council rows can name it.
            load_council(users, by=users["snv.tdkt"])
            pledges = load_pledges(campaign, users)
            scoring = load_scoring(campaign, users)
            load_posts(users, by=users["snv.tdkt"])
            people = load_people(by=users["snv.tdkt"])
            nominations = load_nominations(campaign, users, people)
            council = load_council_sessions(campaign, users)
            # Following the campaign (issue 8): the reminders of late units and their e-mails in the outbox, the
            # exemplary models and the nominee list open for public comment.
            demo_reminders.load(stdout=self.stdout)
            demo_public.load(stdout=self.stdout)
            demo_consultation.load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Đã nạp dữ liệu minh họa: {campaign.title}"))
        self.stdout.write(f"  {campaign.tasks.count()} nội dung thi đua, {len(clusters)} cụm, khối thi đua.")
        if pledges:
            self.stdout.write(
                f"  {pledges['registrations']} bản đăng ký thi đua, {pledges['pacts']} giao ước, {pledges['works']} "
                f"công trình, phần việc, {pledges['achievements']} thành tích."
            )
        if scoring:
            self.stdout.write(
                f"  Bảng chấm điểm; {scoring['scorecards']} bảng tự chấm, {scoring['locked']} đã chốt và xếp hạng."
            )
        if nominations:
            self.stdout.write(
                f"  {nominations['batches']} tờ trình đề nghị khen thưởng ở mọi bước thẩm định, "
                f"{nominations['nominees']} người, tập thể, hộ gia đình được đề nghị."
            )
        if council:
            self.stdout.write(
                f"  Hội đồng: “{council['held'].title}” đã họp, bỏ phiếu, có biên bản và quyết định; "
                f"“{council['open'].title}” đang mở bỏ phiếu cho các thành viên Hội đồng."
            )
        self.stdout.write("")
        self.stdout.write(f"Tài khoản minh họa (mật khẩu chung: {DEMO_PASSWORD}):")
        for username, full_name, _role, position, _codes in ACCOUNTS:
            self.stdout.write(f"  {username:15} {full_name} – {position} ({users[username].get_role_display()})")
        self.stdout.write("")
        self.stdout.write("Mở http://127.0.0.1:8000 và đăng nhập bằng một trong các tài khoản trên.")
