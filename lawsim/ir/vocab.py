"""The closed vocabulary of lawsim: what a law can say, as types.

Every stage that reasons about verdicts, remedies, traces, facts or number
comparisons uses these enums and matches them exhaustively (``match`` ending
in ``assert_never``), so adding a member is a type error wherever it is not
handled.  They are :class:`enum.StrEnum` members whose values are the words
used in ``.law`` files, scenario files and JSON output, so they print and
serialise as those words.

This module also holds the one place that turns an outcome into words
(:func:`outcome_words`), used by every report.
"""

from __future__ import annotations

import operator
from enum import StrEnum
from typing import Callable, assert_never


class Verdict(StrEnum):
    """What a law says about one conduct in one scenario."""

    PERMITTED = "permitted"
    PROHIBITED = "prohibited"
    CONFLICT = "conflict"  # applicable rules disagree and neither overrides the other

    @property
    def code(self) -> int:
        """The engine's small-integer code: its position in declaration order."""
        return _VERDICT_CODES[self]


class RemedyStatus(StrEnum):
    """Whether a violation has a remedy (see the interpreter's ``RemedyResult``)."""

    NOT_A_VIOLATION = "not a violation"  # the verdict is not 'prohibited'
    NONE = "none"  # a violation, but no one may sue
    AVAILABLE = "available"  # someone may sue
    CONFLICT = "conflict"  # one provision grants a remedy and another denies it

    @property
    def code(self) -> int:
        return _REMEDY_CODES[self]


class StepStatus(StrEnum):
    """What happened to one in-scope rule in a trace."""

    DECIDES = "decides"
    DEFEATED = "defeated"  # it applies, but another applicable rule overrides its provision
    EXCEPTED = "excepted"  # an 'unless' exception holds
    NOT_MET = "not met"  # its 'when' condition does not hold


class FactKind(StrEnum):
    """The three kinds of scenario input."""

    BOOL = "bool"  # yes/no
    ENUM = "enum"  # one of a list of names
    INT = "int"  # a whole number in a range


class CmpOp(StrEnum):
    """A comparison of a number fact with a constant, as written in ``.law``."""

    LT = "<"
    LE = "<="
    GT = ">"
    GE = ">="
    EQ = "="
    NE = "!="

    def holds(self, left: int, right: int) -> bool:
        """Whether ``left OP right``."""
        return _CMP[self](left, right)


_VERDICT_CODES = {v: i for i, v in enumerate(Verdict)}
_REMEDY_CODES = {r: i for i, r in enumerate(RemedyStatus)}
_CMP: dict[CmpOp, Callable[[int, int], bool]] = {
    CmpOp.LT: operator.lt, CmpOp.LE: operator.le, CmpOp.GT: operator.gt, CmpOp.GE: operator.ge,
    CmpOp.EQ: operator.eq, CmpOp.NE: operator.ne,
}

#: Verdicts and remedy statuses in code order (the engines store these codes per point).
VERDICTS: tuple[Verdict, ...] = tuple(Verdict)
REMEDY_STATUSES: tuple[RemedyStatus, ...] = tuple(RemedyStatus)


def _names(items: tuple[str, ...]) -> str:
    return ", ".join(items).replace("_", " ")


def outcome_words(verdict: Verdict, remedy: RemedyStatus, plaintiffs: tuple[str, ...] = (),
                  relief: tuple[str, ...] = (), *, brief: bool = False) -> str:
    """A verdict and its remedy in a few words.

    The full form names who may sue and for what ("prohibited, person,
    relatives may sue (legal relief)"); ``brief`` is for table cells
    ("prohibited, remedy available").
    """
    match verdict:
        case Verdict.PERMITTED:
            return str(verdict)
        case Verdict.CONFLICT:
            return "conflict" if brief else "conflict between rules"
        case Verdict.PROHIBITED:
            pass
        case _:
            assert_never(verdict)
    match remedy:
        case RemedyStatus.NONE:
            return "prohibited, no remedy"
        case RemedyStatus.AVAILABLE:
            if brief:
                return "prohibited, remedy available"
            return f"prohibited, {_names(plaintiffs)} may sue ({_names(relief)})"
        case RemedyStatus.CONFLICT:
            return "prohibited, remedy conflict" if brief else "prohibited, remedy in conflict (granted and denied)"
        case RemedyStatus.NOT_A_VIOLATION:
            # Cannot go with a prohibition; shown plainly rather than hidden if it ever does.
            return f"prohibited, remedy {remedy}"
        case _:
            assert_never(remedy)


class StageRole(StrEnum):
    """What a stage of a custody pipeline is (see docs/pipeline.md)."""

    ENTRY = "entry"  # where every path starts: arrest
    CITY = "city"  # a stage of city custody or supervision
    ICE_KNOWLEDGE = "ice knowledge"  # federal immigration authorities know where or when to find the person
    ICE_CUSTODY = "ice custody"  # the person is in federal immigration custody

    @property
    def is_ice(self) -> bool:
        match self:
            case StageRole.ICE_KNOWLEDGE | StageRole.ICE_CUSTODY:
                return True
            case StageRole.ENTRY | StageRole.CITY:
                return False
            case _:
                assert_never(self)


class ContactKind(StrEnum):
    """How a contact point reaches federal immigration authorities."""

    INFORMATION = "information"  # an information flow: ICE learns something
    HANDOFF = "handoff"  # a physical hand-off: ICE gets the person
