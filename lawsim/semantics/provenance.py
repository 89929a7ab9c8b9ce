"""Provenance: which bill added, replaced or repealed each provision, definition and fact.

Built once by :func:`lawsim.semantics.amend.apply_bills` while it applies
bills, and carried by the :class:`lawsim.semantics.version.Version` it
belongs to.  Later stages (the structural diff, the reports, the checks that
say "repealed by bill ...") ask it instead of working the answer out again
from the bills' text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Iterator

from lawsim.source import Span


class Action(StrEnum):
    ADDED = "added"
    REPLACED = "replaced"
    REPEALED = "repealed"
    RENUMBERED = "renumbered"  # the key is the new citation; ``previous`` holds the old one


class Target(StrEnum):
    """What an amendment can change."""

    PROVISION = "provision"  # keyed by citation id, e.g. '9-131(h)(2)'
    DEFINITION = "definition"  # keyed by name
    FACT = "fact"  # keyed by name (a bill may declare facts)
    CONSTRAINT = "constraint"  # keyed by name (a bill may add constraints on the facts it declares)


@dataclass(frozen=True, slots=True)
class Change:
    """One thing one bill did: ``bill`` (its number) ``action`` the ``target`` called ``key``."""

    bill: str
    action: Action
    target: Target
    key: str
    span: Span | None = field(default=None, compare=False, repr=False)
    previous: str | None = None  # for a renumbering, the citation before


@dataclass(frozen=True)
class Provenance:
    """Every change the bills of a version made, in the order they were applied."""

    changes: tuple[Change, ...] = ()

    def __iter__(self) -> Iterator[Change]:
        return iter(self.changes)

    def __bool__(self) -> bool:
        return bool(self.changes)

    def last(self, target: Target, key: str) -> Change | None:
        """The last change to ``key``, of any action."""
        return next((c for c in reversed(self.changes) if c.target == target and c.key == key), None)

    def text_of(self, target: Target, key: str) -> str | None:
        """The bill whose text ``key`` now is (it added or last replaced it), if a bill's."""
        change = self.last(target, key)
        return change.bill if change is not None and change.action != Action.REPEALED else None

    def repealed_by(self, target: Target, key: str) -> str | None:
        """The bill that repealed ``key``, when the last thing done to it was a repeal."""
        change = self.last(target, key)
        return change.bill if change is not None and change.action == Action.REPEALED else None

    def renumbered(self) -> dict[str, str]:
        """New citation -> old citation, for every provision a bill renumbered."""
        return {c.key: c.previous for c in self.changes if c.action == Action.RENUMBERED and c.previous}

    def touched_by(self, target: Target, key: str) -> str | None:
        """The bill that last added, replaced or repealed ``key``."""
        change = self.last(target, key)
        return change.bill if change is not None else None
