"""AST of the .law language: frozen dataclasses that mirror the syntax.

Every node carries a ``span`` that is excluded from equality and hashing, so
two texts that differ only in layout give equal ASTs.  Consumers dispatch
with ``match`` and end with ``assert_never`` so a new node kind cannot be
silently ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Union

from lawsim.source import Span


def _span() -> Span | None:
    return field(default=None, compare=False, repr=False)


# ---------------------------------------------------------------- conditions


@dataclass(frozen=True, slots=True)
class Ref:
    """A bare name: a yes/no fact, a definition or an assumption."""

    name: str
    span: Span | None = _span()


@dataclass(frozen=True, slots=True)
class BoolLit:
    """``always`` or ``never``."""

    value: bool
    span: Span | None = _span()


@dataclass(frozen=True, slots=True)
class Is:
    """``fact is value`` (or ``is not`` when ``negated``); yes/no facts use 'yes'/'no'."""

    fact: str
    value: str
    negated: bool = False
    span: Span | None = _span()
    value_span: Span | None = _span()


@dataclass(frozen=True, slots=True)
class OneOf:
    """``fact is one of (a, b)`` (or ``is not one of`` when ``negated``)."""

    fact: str
    values: tuple[str, ...]
    negated: bool = False
    span: Span | None = _span()
    value_spans: tuple[Span, ...] = field(default=(), compare=False, repr=False)


CompareOp = Literal["<", "<=", ">", ">=", "=", "!="]


@dataclass(frozen=True, slots=True)
class Compare:
    """``fact OP number`` for a bounded-integer fact; ``value`` is a number or a parameter's name."""

    fact: str
    op: CompareOp
    value: int | str
    span: Span | None = _span()


@dataclass(frozen=True, slots=True)
class Not:
    operand: "Expr"
    span: Span | None = _span()


@dataclass(frozen=True, slots=True)
class And:
    items: tuple["Expr", ...]
    span: Span | None = _span()


@dataclass(frozen=True, slots=True)
class Or:
    items: tuple["Expr", ...]
    span: Span | None = _span()


Expr = Union[Ref, BoolLit, Is, OneOf, Compare, Not, And, Or]


# ---------------------------------------------------------------- facts


@dataclass(frozen=True, slots=True)
class BoolType:
    span: Span | None = _span()


@dataclass(frozen=True, slots=True)
class IntType:
    low: int
    high: int
    span: Span | None = _span()


@dataclass(frozen=True, slots=True)
class EnumValue:
    """One value of a one-of fact; ``omits`` names the value it is the omission of (for duties)."""

    name: str
    description: str | None = None
    span: Span | None = _span()
    omits: str | None = None
    omits_span: Span | None = _span()


@dataclass(frozen=True, slots=True)
class EnumType:
    values: tuple[EnumValue, ...]
    span: Span | None = _span()


FactType = Union[BoolType, IntType, EnumType]


@dataclass(frozen=True, slots=True)
class FactDecl:
    name: str
    description: str
    type: FactType
    span: Span | None = _span()
    name_span: Span | None = _span()


@dataclass(frozen=True, slots=True)
class FactsBlock:
    decls: tuple[FactDecl, ...]
    span: Span | None = _span()


# ---------------------------------------------------------------- provisions


@dataclass(frozen=True, slots=True)
class Cite:
    """A citation such as ``9-131(b)``; the optional '§' is presentation only."""

    id: str
    span: Span | None = _span()


@dataclass(frozen=True, slots=True)
class Definition:
    name: str
    caption: str
    cond: Expr
    span: Span | None = _span()
    name_span: Span | None = _span()


@dataclass(frozen=True, slots=True)
class Parameter:
    """A named, cited number that conditions compare facts with; a run may set another value."""

    name: str
    caption: str
    value: int
    span: Span | None = _span()
    name_span: Span | None = _span()


@dataclass(frozen=True, slots=True)
class Assumption:
    name: str
    description: str
    default: bool
    span: Span | None = _span()
    name_span: Span | None = _span()


@dataclass(frozen=True, slots=True)
class Rule:
    """``rule [name]: AGENTS may [not] CONDUCTS [when C] [unless C]* [notwithstanding X]``.

    ``agents``/``conducts`` are ``None`` for "any agency"/"any conduct".
    ``must`` marks a duty (``AGENTS must CONDUCTS``); ``prohibits`` is then False.
    """

    name: str | None
    agents: tuple[str, ...] | None
    prohibits: bool
    conducts: tuple[str, ...] | None
    when: Expr | None
    exceptions: tuple[Expr, ...]
    overrides: tuple[Cite, ...]
    must: bool = False
    span: Span | None = _span()
    agent_spans: tuple[Span, ...] = field(default=(), compare=False, repr=False)
    conduct_spans: tuple[Span, ...] = field(default=(), compare=False, repr=False)
    #: The rule's name, or the word 'rule' when it has none.
    name_span: Span | None = _span()


@dataclass(frozen=True, slots=True)
class Remedy:
    """``remedy: violations of X give no remedy`` or ``... let P sue for R``."""

    covers: tuple[Cite, ...]
    plaintiffs: tuple[str, ...]
    relief: tuple[str, ...]
    when: Expr | None
    span: Span | None = _span()

    @property
    def gives(self) -> bool:
        return bool(self.plaintiffs)


ProvisionItem = Union[Definition, Assumption, Parameter, Rule, Remedy]


@dataclass(frozen=True, slots=True)
class Provision:
    cite: Cite
    caption: str
    items: tuple[ProvisionItem, ...]
    span: Span | None = _span()


@dataclass(frozen=True, slots=True)
class DefaultDecl:
    prohibited: bool
    span: Span | None = _span()


@dataclass(frozen=True, slots=True)
class Constraint:
    """Scenarios that cannot happen: those where ``cond`` holds (``impossible``) or fails (``requires``)."""

    name: str
    caption: str
    cond: Expr
    impossible: bool
    span: Span | None = _span()
    name_span: Span | None = _span()


TopItem = Union[FactsBlock, DefaultDecl, Provision, Constraint]


@dataclass(frozen=True, slots=True)
class Comment:
    """A ``#`` comment, kept only so ``fmt`` can preserve it."""

    text: str
    line: int


@dataclass(frozen=True, slots=True)
class LawDoc:
    """A complete law version as written in a ``law`` file."""

    title: str
    jurisdiction: str | None
    in_force: str | None
    sources: tuple[str, ...]
    items: tuple[TopItem, ...]
    span: Span | None = _span()
    comments: tuple[Comment, ...] = field(default=(), compare=False, repr=False)

    @property
    def provisions(self) -> tuple[Provision, ...]:
        return tuple(i for i in self.items if isinstance(i, Provision))

    @property
    def facts(self) -> tuple[FactDecl, ...]:
        return tuple(d for i in self.items if isinstance(i, FactsBlock) for d in i.decls)

    @property
    def constraints(self) -> tuple[Constraint, ...]:
        return tuple(i for i in self.items if isinstance(i, Constraint))


# ---------------------------------------------------------------- bills


@dataclass(frozen=True, slots=True)
class ReplaceProvision:
    cite: Cite
    caption: str
    items: tuple[ProvisionItem, ...]
    span: Span | None = _span()


@dataclass(frozen=True, slots=True)
class InsertProvision:
    cite: Cite
    caption: str
    items: tuple[ProvisionItem, ...]
    span: Span | None = _span()


@dataclass(frozen=True, slots=True)
class RepealProvision:
    cite: Cite
    span: Span | None = _span()


@dataclass(frozen=True, slots=True)
class RenumberProvision:
    """``renumber § OLD as § NEW``: the provision keeps its text under a new citation."""

    cite: Cite
    to: Cite
    span: Span | None = _span()


@dataclass(frozen=True, slots=True)
class ReplaceDefinition:
    name: str
    caption: str
    cond: Expr
    span: Span | None = _span()
    name_span: Span | None = _span()


@dataclass(frozen=True, slots=True)
class RepealDefinition:
    name: str
    span: Span | None = _span()
    name_span: Span | None = _span()


Amendment = Union[ReplaceProvision, InsertProvision, RepealProvision, RenumberProvision, ReplaceDefinition,
                  RepealDefinition]
BillItem = Union[FactsBlock, Amendment, Constraint]


@dataclass(frozen=True, slots=True)
class BillBlock:
    """One bill (an Int number) and the amendments it makes."""

    number: str
    title: str
    sponsors: tuple[str, ...]
    status: str | None
    amends: str | None
    in_force: str | None
    sources: tuple[str, ...]
    items: tuple[BillItem, ...]
    span: Span | None = _span()
    #: The quoted file name on the ``amends`` line.
    amends_span: Span | None = _span()


@dataclass(frozen=True, slots=True)
class BillDoc:
    """A bill file: one or more bills amending the same base law."""

    blocks: tuple[BillBlock, ...]
    span: Span | None = _span()
    comments: tuple[Comment, ...] = field(default=(), compare=False, repr=False)

    @property
    def amends(self) -> str | None:
        return self.blocks[0].amends if self.blocks else None


# ---------------------------------------------------------------- pipelines


@dataclass(frozen=True, slots=True)
class Setting:
    """``fact is value`` fixing a conduct fact of a contact point (numbers as text, e.g. ``"48"``)."""

    fact: str
    value: str
    span: Span | None = _span()


@dataclass(frozen=True, slots=True)
class PersonFacts:
    """``person facts a, b``: the facts that describe the person, not what an agency does."""

    names: tuple[str, ...]
    span: Span | None = _span()
    name_spans: tuple[Span, ...] = field(default=(), compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class ConductFacts:
    """``conduct facts a is x, ...``: conduct facts fixed for every contact point unless it says otherwise."""

    settings: tuple[Setting, ...]
    span: Span | None = _span()


StageRole = Literal["entry", "ice_knowledge", "ice_custody"]


@dataclass(frozen=True, slots=True)
class StageDecl:
    name: str
    caption: str
    role: StageRole | None
    sources: tuple[str, ...]
    span: Span | None = _span()
    name_span: Span | None = _span()


@dataclass(frozen=True, slots=True)
class MoveDecl:
    """``move A to B "caption" per "..."``: how a person goes from one custody stage to the next."""

    source: str
    target: str
    caption: str
    sources: tuple[str, ...]
    span: Span | None = _span()
    source_span: Span | None = _span()
    target_span: Span | None = _span()


@dataclass(frozen=True, slots=True)
class ContactDecl:
    """A point where federal immigration authorities can learn of the person or take them."""

    name: str
    caption: str
    stages: tuple[str, ...]
    target: str
    handoff: bool  # a physical hand-off; otherwise an information flow
    agency: str
    conduct: str
    settings: tuple[Setting, ...]
    cites: tuple[Cite, ...]
    span: Span | None = _span()
    name_span: Span | None = _span()
    stage_spans: tuple[Span, ...] = field(default=(), compare=False, repr=False)
    target_span: Span | None = _span()
    agency_span: Span | None = _span()
    conduct_span: Span | None = _span()


PipelineItem = Union[PersonFacts, ConductFacts, StageDecl, MoveDecl, ContactDecl]


@dataclass(frozen=True, slots=True)
class PipelineDoc:
    """A custody pipeline: stages, moves between them and ICE contact points (docs/pipeline.md)."""

    title: str
    jurisdiction: str | None
    sources: tuple[str, ...]
    items: tuple[PipelineItem, ...]
    span: Span | None = _span()
    comments: tuple[Comment, ...] = field(default=(), compare=False, repr=False)


Document = Union[LawDoc, BillDoc, PipelineDoc]
