"""The pure ranking (campaign.ranking): exact examples, and properties over generated entries (hypothesis)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from campaign.models import TieBreak
from campaign.ranking import Entry, band_for, rank

D = Decimal
T0 = datetime.datetime(2019, 10, 1, 8, 0, tzinfo=datetime.UTC)
ALL_TIE_BREAKS = [TieBreak.MORE_BONUS, TieBreak.FEWER_PENALTIES, TieBreak.EARLIER_SUBMISSION]


def places(ranked):
    return [(row.entry.key, row.rank, row.is_leading) for row in ranked]


def test_rank_equal_totals_share_a_rank_and_the_next_skips():
    entries = [Entry("c", D(80), name="c"), Entry("a", D(90), name="a"), Entry("b", D(90), name="b"),
               Entry("d", D(70), name="d")]
    assert places(rank(entries)) == [("a", 1, True), ("b", 1, True), ("c", 3, False), ("d", 4, False)]


def test_rank_more_bonus_breaks_a_tie():
    entries = [Entry("a", D(90), bonus=D(1), name="a"), Entry("b", D(90), bonus=D(3), name="b")]
    assert places(rank(entries, [TieBreak.MORE_BONUS])) == [("b", 1, True), ("a", 2, False)]


def test_rank_fewer_penalties_then_earlier_submission_in_the_order_set():
    late, early = T0 + datetime.timedelta(days=1), T0
    entries = [
        Entry("a", D(90), penalty=D(2), submitted_at=early, name="a"),
        Entry("b", D(90), penalty=D(1), submitted_at=late, name="b"),
        Entry("c", D(90), penalty=D(1), submitted_at=early, name="c"),
    ]
    ranked = rank(entries, [TieBreak.FEWER_PENALTIES, TieBreak.EARLIER_SUBMISSION])
    assert places(ranked) == [("c", 1, True), ("b", 2, False), ("a", 3, False)]
    ranked = rank(entries, [TieBreak.EARLIER_SUBMISSION, TieBreak.FEWER_PENALTIES])
    assert places(ranked) == [("c", 1, True), ("a", 2, False), ("b", 3, False)]


def test_rank_never_submitted_comes_after_a_submission():
    entries = [Entry("a", D(50), name="a"), Entry("b", D(50), submitted_at=T0, name="b")]
    assert places(rank(entries, [TieBreak.EARLIER_SUBMISSION])) == [("b", 1, True), ("a", 2, False)]


def test_rank_equal_on_every_tie_break_still_share_a_rank_shown_by_name():
    entries = [Entry(2, D(60), bonus=D(1), name="Văn Quan"), Entry(1, D(60), bonus=D(1), name="Bình Gia")]
    assert places(rank(entries, [TieBreak.MORE_BONUS])) == [(1, 1, True), (2, 1, True)]


def test_rank_ignores_an_unknown_tie_break():
    entries = [Entry("a", D(90), bonus=D(5), name="a"), Entry("b", D(90), name="b")]
    assert places(rank(entries, ["coin_toss"])) == [("a", 1, True), ("b", 1, True)]


def test_rank_of_nothing_is_empty():
    assert rank([], ALL_TIE_BREAKS) == []


@dataclass
class B:
    name: str
    min_total: Decimal


BANDS = [B("Hoàn thành", D(50)), B("Xuất sắc", D(90)), B("Tốt", D(70))]


def test_band_for_gives_the_highest_band_reached():
    assert [band_for(D(total), BANDS) for total in ("95", "90", "89.99", "70", "50", "49.99")] == [
        "Xuất sắc", "Xuất sắc", "Tốt", "Tốt", "Hoàn thành", "",
    ]


def test_band_for_without_bands_is_empty():
    assert band_for(D(100), []) == ""


# --- Properties over generated entries --------------------------------------------------------------------------

points = st.integers(min_value=0, max_value=40).map(lambda n: D(n) / 4)  # few values: many ties
moments = st.one_of(st.none(), st.integers(min_value=0, max_value=3).map(lambda n: T0 + datetime.timedelta(hours=n)))


@st.composite
def entry_lists(draw, min_size=0):
    names = draw(st.lists(st.text(alphabet="abcđêơ", min_size=1, max_size=3), min_size=min_size, max_size=12))
    return [
        Entry(key=index, total=draw(points), bonus=draw(points), penalty=draw(points), submitted_at=draw(moments),
              name=name)
        for index, name in enumerate(names)
    ]


tie_break_lists = st.permutations(ALL_TIE_BREAKS).flatmap(lambda order: st.integers(0, 3).map(lambda n: order[:n]))


def merit(entry, tie_breaks):
    """What the rank compares, written out independently of the module under test."""
    keys = {
        TieBreak.MORE_BONUS: -entry.bonus,
        TieBreak.FEWER_PENALTIES: entry.penalty,
        TieBreak.EARLIER_SUBMISSION: (entry.submitted_at is None, entry.submitted_at or T0),
    }
    return (-entry.total, *(keys[tb] for tb in tie_breaks))


@given(entry_lists(), tie_break_lists)
def test_property_equal_on_total_and_tie_breaks_share_a_rank(entries, tie_breaks):
    ranked = rank(entries, tie_breaks)
    for one in ranked:
        for other in ranked:
            same = merit(one.entry, tie_breaks) == merit(other.entry, tie_breaks)
            assert (one.rank == other.rank) == same


@given(entry_lists(), tie_break_lists)
def test_property_ranks_follow_totals_and_tie_breaks(entries, tie_breaks):
    ranked = rank(entries, tie_breaks)
    assert sorted(row.entry.key for row in ranked) == sorted(entry.key for entry in entries)
    for before, after in zip(ranked, ranked[1:]):
        assert merit(before.entry, tie_breaks) <= merit(after.entry, tie_breaks)
        assert before.rank <= after.rank
    for row in ranked:
        # Competition ranking: one more than the number of entries strictly better.
        better = sum(merit(other.entry, tie_breaks) < merit(row.entry, tie_breaks) for other in ranked)
        assert row.rank == better + 1
        assert row.is_leading == (row.rank == 1)


@given(entry_lists(min_size=1), tie_break_lists)
def test_property_the_leading_entries_have_the_highest_total(entries, tie_breaks):
    ranked = rank(entries, tie_breaks)
    best = max(entry.total for entry in entries)
    assert ranked[0].rank == 1
    assert all(row.entry.total == best for row in ranked if row.is_leading)


@given(entry_lists(), tie_break_lists, points, points, points, moments)
def test_property_adding_a_unit_never_changes_the_order_of_the_others(
    entries, tie_breaks, total, bonus, penalty, moment
):
    newcomer = Entry(key=len(entries), total=total, bonus=bonus, penalty=penalty, submitted_at=moment, name="mới")
    before = [row.entry.key for row in rank(entries, tie_breaks)]
    after = [row.entry.key for row in rank([*entries, newcomer], tie_breaks) if row.entry is not newcomer]
    assert after == before


@given(entry_lists(), tie_break_lists)
def test_property_the_order_does_not_depend_on_the_input_order(entries, tie_breaks):
    assert places(rank(entries, tie_breaks)) == places(rank(list(reversed(entries)), tie_breaks))
