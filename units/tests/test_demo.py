from units.demo import load_accounts, load_units
from units.models import Cluster, ClusterMembership, Unit, User

DEMO = "Dữ liệu minh họa"


def authors(model, **lookup):
    """(reason, author id) of the model's history rows."""
    return set(model.history.filter(**lookup).values_list("history_change_reason", "history_user"))


def test_load_units_says_its_history_rows_are_demo_data(db):
    load_units()
    assert [authors(Unit), authors(Cluster), authors(ClusterMembership)] == [{(DEMO, None)}] * 3


def test_load_units_and_accounts_name_who_loaded_them(alice):
    load_units(by=alice)
    load_accounts(by=alice)
    assert [authors(Unit), authors(Cluster), authors(ClusterMembership)] == [{(DEMO, alice.pk)}] * 3
    assert authors(User, username__in=["snv.tdkt", "vanquan", "hd.chutich"]) == {(DEMO, alice.pk)}


def test_load_units_stamps_the_row_that_restores_a_changed_unit(alice):
    load_units()
    Unit.objects.filter(code="LS-VQ").update(name="Huyện Văn Quan cũ")
    load_units(by=alice)
    row = Unit.history.filter(code="LS-VQ").order_by("-history_id").first()
    assert (row.name, row.history_type, row.history_change_reason, row.history_user) == (
        "Huyện Văn Quan", "~", DEMO, alice
    )


def test_load_accounts_twice_writes_no_history(db):
    load_units()
    load_accounts()
    before = User.history.count()
    load_accounts()
    assert User.history.count() == before
