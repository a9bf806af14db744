from awards.demo import load_council
from awards.models import CouncilMember
from units.demo import load_accounts, load_units


def test_load_council_names_who_loaded_the_seats(db):
    load_units()
    users = load_accounts()
    load_council(users, by=users["snv.tdkt"])
    load_council(users, by=users["snv.tdkt"])
    assert list(CouncilMember.history.values_list("user__username", "history_change_reason", "history_user__username")
                .order_by("history_id")) == [
        ("hd.chutich", "Dữ liệu minh họa", "snv.tdkt"),
        ("hd.uyvien1", "Dữ liệu minh họa", "snv.tdkt"),
        ("hd.uyvien2", "Dữ liệu minh họa", "snv.tdkt"),
        *[(name, "Dữ liệu minh họa", "snv.tdkt")
          for name in ("hd.uyvien3", "hd.uyvien4", "hd.uyvien5", "hd.uyvien6", "hd.uyvien7", "hd.thuky")],
    ]
