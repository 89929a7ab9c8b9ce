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

VERDICTS = ("permitted", "prohibited", "conflict")  # the engine's uint8 verdict codes, in order

KINDS = (
    "loophole_closed",
    "loophole_opened",
    "remedy_gained",
    "remedy_lost",
    "remedy_changed",
    "conflict_introduced",
    "conflict_resolved",
    "remedy_conflict_introduced",
    "remedy_conflict_resolved",
)

MIRROR = {
    "loophole_closed": "loophole_opened",
    "loophole_opened": "loophole_closed",
    "remedy_gained": "remedy_lost",
    "remedy_lost": "remedy_gained",
    "remedy_changed": "remedy_changed",
    "conflict_introduced": "conflict_resolved",
    "conflict_resolved": "conflict_introduced",
    "remedy_conflict_introduced": "remedy_conflict_resolved",
    "remedy_conflict_resolved": "remedy_conflict_introduced",
}

TITLES = {
    "loophole_closed": "Loopholes closed (permitted, now prohibited)",
    "loophole_opened": "Loopholes opened (prohibited, now permitted)",
    "remedy_gained": "Remedies gained (a violation in both; no remedy, now one)",
    "remedy_lost": "Remedies lost (a violation in both; a remedy, now none)",
    "remedy_changed": "Remedies changed (who may sue, or for what)",
    "conflict_introduced": "Conflicts introduced (rules now disagree)",
    "conflict_resolved": "Conflicts resolved (rules no longer disagree)",
    "remedy_conflict_introduced": "Remedy conflicts introduced (a grant and a denial now both apply)",
    "remedy_conflict_resolved": "Remedy conflicts resolved",
}


@dataclass(frozen=True, slots=True, order=True)
class State:
    """One version's outcome for one scenario.

    ``remedy`` is 'not a violation', 'none', 'available' or 'conflict' (as
    in :class:`lawsim.engine.interpreter.RemedyResult`).
    """

    verdict: str
    remedy: str
    plaintiffs: tuple[str, ...] = ()
    relief: tuple[str, ...] = ()


def classify(before: State, after: State) -> str:
    """The kind of a change from ``before`` (baseline) to ``after`` (reform)."""
    assert before != after, "only changes have a kind"
    if before.verdict != after.verdict:
        if "conflict" == after.verdict:
            return "conflict_introduced"
        if "conflict" == before.verdict:
            return "conflict_resolved"
        return "loophole_closed" if after.verdict == "prohibited" else "loophole_opened"
    # Same verdict, different remedy: only a prohibition carries a remedy.
    if after.remedy == "conflict" and before.remedy != "conflict":
        return "remedy_conflict_introduced"
    if before.remedy == "conflict" and after.remedy != "conflict":
        return "remedy_conflict_resolved"
    if (before.remedy, after.remedy) == ("none", "available"):
        return "remedy_gained"
    if (before.remedy, after.remedy) == ("available", "none"):
        return "remedy_lost"
    return "remedy_changed"
