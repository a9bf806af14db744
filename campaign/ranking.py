"""Ranking inside a cluster, as pure functions over plain values (no database): testable with generated data.

Competition ranking ("1, 2, 2, 4"): entries equal on the total and on every configured tie-break share a rank; the
next rank skips as many places as shared the one before. The order is the total (highest first), then each
tie-break in the order staff set; entries sharing a rank are shown in the order of their ``name`` (then ``key``), so
the display is deterministic and adding an entry never changes the order of the others.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from .models.scoring import TieBreak


@dataclass(frozen=True)
class Entry:
    """One unit's results. ``key`` identifies it (a scorecard id); ``name`` orders equals for display."""

    key: object
    total: Decimal
    bonus: Decimal = Decimal(0)
    penalty: Decimal = Decimal(0)
    submitted_at: datetime | None = None
    name: str = ""


@dataclass(frozen=True)
class Ranked:
    entry: Entry
    rank: int
    is_leading: bool


def _earlier(entry):
    # Not submitted at all comes after every submission.
    moment = entry.submitted_at
    return (moment is None, moment.timestamp() if moment is not None else 0.0)


TIE_BREAK_KEYS = {
    TieBreak.MORE_BONUS: lambda entry: -entry.bonus,
    TieBreak.FEWER_PENALTIES: lambda entry: entry.penalty,
    TieBreak.EARLIER_SUBMISSION: _earlier,
}


def merit(entry, tie_breaks):
    """What the rank compares: the total (highest first), then each tie-break in order. Unknown tie-breaks are
    ignored (a value removed from the choices must not break old tables)."""
    return (-entry.total, *(TIE_BREAK_KEYS[tb](entry) for tb in tie_breaks if tb in TIE_BREAK_KEYS))


def rank(entries, tie_breaks=()):
    """The entries ranked: a list of ``Ranked`` in display order; rank 1 entries are the leading ones."""
    keyed = sorted(((merit(entry, tie_breaks), entry) for entry in entries),
                   key=lambda pair: (pair[0], pair[1].name, pair[1].key))
    ranked, previous, place = [], None, 0
    for position, (value, entry) in enumerate(keyed, start=1):
        if value != previous:
            place, previous = position, value
        ranked.append(Ranked(entry=entry, rank=place, is_leading=place == 1))
    return ranked


def band_for(total, bands):
    """The name of the highest band whose threshold ``total`` reaches, else "". ``bands``: objects with ``name`` and
    ``min_total`` (Band rows), in any order."""
    reached = [band for band in bands if total >= band.min_total]
    return max(reached, key=lambda band: band.min_total).name if reached else ""
