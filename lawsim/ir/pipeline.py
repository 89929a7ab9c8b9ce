"""IR of a custody pipeline: stages, moves and ICE contact points, and their binding to a law.

Produced by :mod:`lawsim.semantics.pipeline` from a ``pipeline`` file;
consumed by :mod:`lawsim.pipeline`.  A :class:`Pipeline` is checked on its
own (names, stages, roles); a :class:`Binding` is the pipeline read
against one law version: every contact point's conduct as a full
assignment of the law's non-person facts, and the person facts as
:class:`~lawsim.ir.Fact` values of that law.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from lawsim.ir.nodes import Fact
from lawsim.ir.vocab import ContactKind, StageRole
from lawsim.source import Span

Value = str | int


def _meta():
    return field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    caption: str
    role: StageRole
    sources: tuple[str, ...]  # the authority for the stage, as written ("CPL § 140.20")
    span: Span | None = _meta()


@dataclass(frozen=True, slots=True)
class Move:
    """A person can go from ``source`` to ``target`` (no city rule governs it)."""

    source: str
    target: str
    caption: str
    sources: tuple[str, ...]
    span: Span | None = _meta()


@dataclass(frozen=True, slots=True)
class Contact:
    """A point where ICE can learn of the person or take them: one agency's one conduct.

    ``settings`` are the contact point's own fixed conduct facts (as
    written, on top of the pipeline's ``conduct facts``); ``cites`` the
    provisions that govern it, for the reader.
    """

    name: str
    caption: str
    stages: tuple[str, ...]
    target: str
    kind: ContactKind
    agency: str
    conduct: str
    settings: tuple[tuple[str, str], ...]
    cites: tuple[str, ...]
    span: Span | None = _meta()
    agency_span: Span | None = _meta()
    conduct_span: Span | None = _meta()


@dataclass(frozen=True)
class Pipeline:
    title: str
    jurisdiction: str | None
    sources: tuple[str, ...]
    person_facts: tuple[str, ...]
    conduct_defaults: tuple[tuple[str, str], ...]
    stages: tuple[Stage, ...]
    moves: tuple[Move, ...]
    contacts: tuple[Contact, ...]
    path: str = ""  # the file it was read from
    person_span: Span | None = field(default=None, compare=False, repr=False)
    defaults_span: Span | None = field(default=None, compare=False, repr=False)
    stage_map: Mapping[str, Stage] = field(init=False, compare=False, repr=False)
    contact_map: Mapping[str, Contact] = field(init=False, compare=False, repr=False)

    def __post_init__(self):
        object.__setattr__(self, "stage_map", {s.name: s for s in self.stages})
        object.__setattr__(self, "contact_map", {c.name: c for c in self.contacts})

    @property
    def entry(self) -> Stage:
        return next(s for s in self.stages if s.role == StageRole.ENTRY)


@dataclass(frozen=True)
class Binding:
    """A pipeline read against one law: the person facts and each contact point's fixed facts."""

    pipeline: Pipeline
    person: tuple[Fact, ...]  # the law's facts that describe the person, in the pipeline's order
    fixed: Mapping[str, Mapping[str, Value]]  # contact name -> every other fact of the law -> its value
