"""What a scenario's outcome is, and how a change of outcome is classified.

Stage: compare.  A :class:`State` is what one law version says about one
scenario: the verdict and the remedy (status, who may sue, for what).  A
change from a baseline state to a reform state falls into exactly one
*kind*; the kinds, in report order:

* ``loophole_closed`` - permitted, now prohibited;
* ``loophole_opened`` - prohibited, now permitted;
* ``remedy_gained`` - prohibited in both; no remedy, now one;
* ``remedy_lost`` - prohibited in both; a remedy, now none;
* ``remedy_changed`` - prohibited in both; a remedy in both, but a
  different set of plaintiffs or relief;
* ``conflict_introduced`` / ``conflict_resolved`` - the verdict becomes, or
  stops being, a conflict between rules;
* ``remedy_conflict_introduced`` / ``remedy_conflict_resolved`` - prohibited
  in both; the remedy becomes, or stops being, a conflict between a grant
  and a denial.

Every kind has a mirror (:data:`MIRROR`): swapping baseline and reform
turns a change of one kind into a change of its mirror kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from lawsim.ir.vocab import RemedyStatus, Verdict


class ChangeKind(StrEnum):
    """How a scenario's outcome changes from baseline to reform (see the module docstring)."""

    LOOPHOLE_CLOSED = "loophole_closed"
    LOOPHOLE_OPENED = "loophole_opened"
    REMEDY_GAINED = "remedy_gained"
    REMEDY_LOST = "remedy_lost"
    REMEDY_CHANGED = "remedy_changed"
    CONFLICT_INTRODUCED = "conflict_introduced"
    CONFLICT_RESOLVED = "conflict_resolved"
    REMEDY_CONFLICT_INTRODUCED = "remedy_conflict_introduced"
    REMEDY_CONFLICT_RESOLVED = "remedy_conflict_resolved"


#: Every kind, in report order.
KINDS: tuple[ChangeKind, ...] = tuple(ChangeKind)

K = ChangeKind
MIRROR: dict[ChangeKind, ChangeKind] = {
    K.LOOPHOLE_CLOSED: K.LOOPHOLE_OPENED,
    K.LOOPHOLE_OPENED: K.LOOPHOLE_CLOSED,
    K.REMEDY_GAINED: K.REMEDY_LOST,
    K.REMEDY_LOST: K.REMEDY_GAINED,
    K.REMEDY_CHANGED: K.REMEDY_CHANGED,
    K.CONFLICT_INTRODUCED: K.CONFLICT_RESOLVED,
    K.CONFLICT_RESOLVED: K.CONFLICT_INTRODUCED,
    K.REMEDY_CONFLICT_INTRODUCED: K.REMEDY_CONFLICT_RESOLVED,
    K.REMEDY_CONFLICT_RESOLVED: K.REMEDY_CONFLICT_INTRODUCED,
}

TITLES: dict[ChangeKind, str] = {
    K.LOOPHOLE_CLOSED: "Loopholes closed (permitted, now prohibited)",
    K.LOOPHOLE_OPENED: "Loopholes opened (prohibited, now permitted)",
    K.REMEDY_GAINED: "Remedies gained (a violation in both; no remedy, now one)",
    K.REMEDY_LOST: "Remedies lost (a violation in both; a remedy, now none)",
    K.REMEDY_CHANGED: "Remedies changed (who may sue, or for what)",
    K.CONFLICT_INTRODUCED: "Conflicts introduced (rules now disagree)",
    K.CONFLICT_RESOLVED: "Conflicts resolved (rules no longer disagree)",
    K.REMEDY_CONFLICT_INTRODUCED: "Remedy conflicts introduced (a grant and a denial now both apply)",
    K.REMEDY_CONFLICT_RESOLVED: "Remedy conflicts resolved",
}


@dataclass(frozen=True, slots=True, order=True)
class State:
    """One version's outcome for one scenario: the verdict and the remedy (status, who may sue, for what)."""

    verdict: Verdict
    remedy: RemedyStatus
    plaintiffs: tuple[str, ...] = ()
    relief: tuple[str, ...] = ()


def classify(before: State, after: State) -> ChangeKind:
    """The kind of a change from ``before`` (baseline) to ``after`` (reform)."""
    assert before != after, "only changes have a kind"
    if before.verdict != after.verdict:
        if after.verdict == Verdict.CONFLICT:
            return K.CONFLICT_INTRODUCED
        if before.verdict == Verdict.CONFLICT:
            return K.CONFLICT_RESOLVED
        return K.LOOPHOLE_CLOSED if after.verdict == Verdict.PROHIBITED else K.LOOPHOLE_OPENED
    # Same verdict, different remedy: only a prohibition carries a remedy.
    if after.remedy == RemedyStatus.CONFLICT and before.remedy != RemedyStatus.CONFLICT:
        return K.REMEDY_CONFLICT_INTRODUCED
    if before.remedy == RemedyStatus.CONFLICT and after.remedy != RemedyStatus.CONFLICT:
        return K.REMEDY_CONFLICT_RESOLVED
    if (before.remedy, after.remedy) == (RemedyStatus.NONE, RemedyStatus.AVAILABLE):
        return K.REMEDY_GAINED
    if (before.remedy, after.remedy) == (RemedyStatus.AVAILABLE, RemedyStatus.NONE):
        return K.REMEDY_LOST
    return K.REMEDY_CHANGED
