"""IR node types (see :mod:`lawsim.ir`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Union

from lawsim.ir.vocab import CmpOp, FactKind, Verdict
from lawsim.source import Span


def _meta(default=None):
    return field(default=default, compare=False, repr=False)


# ---------------------------------------------------------------- facts


@dataclass(frozen=True, slots=True)
class Fact:
    """A scenario input with a finite domain.

    ``values`` lists the domain in
    declaration order as it appears in a scenario: ('yes', 'no') for bool,
    the value names for enum, and the integers low..high for int.
    """

    name: str
    description: str
    kind: FactKind
    values: tuple
    value_descriptions: tuple[str | None, ...] = ()
    span: Span | None = _meta()
    origin: str | None = _meta()
    #: (omission, omitted) value pairs of a one-of fact: ``skip_record`` omits ``record_request``.
    omissions: tuple[tuple[str, str], ...] = ()

    @property
    def size(self) -> int:
        return len(self.values)

    def describe_value(self, value) -> str:
        if self.kind == FactKind.ENUM:
            i = self.values.index(value)
            return self.value_descriptions[i] or str(value).replace("_", " ")
        return str(value)


# ---------------------------------------------------------------- conditions


@dataclass(frozen=True, slots=True)
class Const:
    value: bool
    span: Span | None = _meta()


@dataclass(frozen=True, slots=True)
class In:
    """True when the (bool or enum) fact's value is one of ``values``."""

    fact: str
    values: frozenset[str]
    span: Span | None = _meta()


@dataclass(frozen=True, slots=True)
class Cmp:
    """``fact op value`` for an integer fact; ``parameter`` names the parameter ``value`` came from."""

    fact: str
    op: CmpOp
    value: int
    span: Span | None = _meta()
    parameter: str | None = None


@dataclass(frozen=True, slots=True)
class DefRef:
    name: str
    span: Span | None = _meta()


@dataclass(frozen=True, slots=True)
class AssumeRef:
    name: str
    span: Span | None = _meta()


@dataclass(frozen=True, slots=True)
class Neg:
    operand: "Expr"
    span: Span | None = _meta()


@dataclass(frozen=True, slots=True)
class AllOf:
    items: tuple["Expr", ...]
    span: Span | None = _meta()


@dataclass(frozen=True, slots=True)
class AnyOf:
    items: tuple["Expr", ...]
    span: Span | None = _meta()


Expr = Union[Const, In, Cmp, DefRef, AssumeRef, Neg, AllOf, AnyOf]


# ---------------------------------------------------------------- provisions


@dataclass(frozen=True, slots=True)
class Definition:
    name: str
    provision: str
    caption: str
    expr: Expr
    span: Span | None = _meta()
    origin: str | None = _meta()


@dataclass(frozen=True, slots=True)
class Parameter:
    """A named, cited number (a threshold the law uses); ``value`` is its value in this reading."""

    name: str
    provision: str
    caption: str
    value: int
    span: Span | None = _meta()
    origin: str | None = _meta()


@dataclass(frozen=True, slots=True)
class Assumption:
    """A named interpretive choice; ``default`` is its value unless overridden."""

    name: str
    provision: str
    description: str
    default: bool
    span: Span | None = _meta()
    origin: str | None = _meta()


@dataclass(frozen=True, slots=True)
class Rule:
    """A verdict for some agencies' conduct, with default-logic exceptions.

    The rule *applies* to a scenario when the agency and conduct are in
    scope, ``when`` holds and no exception holds.  It is then *defeated*
    if another applicable rule overrides its provision.

    A duty (``AGENTS must X``) is lowered to a prohibition of X's omission:
    ``conducts`` holds the omissions and ``duty`` the conducts required.
    """

    id: str
    provision: str
    name: str | None
    agents: frozenset[str] | None
    conducts: frozenset[str] | None
    prohibits: bool
    when: Expr
    exceptions: tuple[Expr, ...]
    overrides: tuple[str, ...]
    span: Span | None = _meta()
    origin: str | None = _meta()
    duty: tuple[str, ...] = ()

    @property
    def verdict(self) -> Verdict:
        return Verdict.PROHIBITED if self.prohibits else Verdict.PERMITTED

    def in_scope(self, agency: str, conduct: str) -> bool:
        return (self.agents is None or agency in self.agents) and (
            self.conducts is None or conduct in self.conducts
        )


@dataclass(frozen=True, slots=True)
class Remedy:
    """Who may sue, for what, when a covered provision is violated.

    ``covers`` holds provision ids (already expanded from citations such as
    '9-131' to every provision under it).  No plaintiffs means the provision
    says there is no remedy.
    """

    id: str
    provision: str
    covers: frozenset[str]
    plaintiffs: tuple[str, ...]
    relief: tuple[str, ...]
    when: Expr
    cited: tuple[str, ...] = ()
    span: Span | None = _meta()
    origin: str | None = _meta()

    @property
    def gives(self) -> bool:
        return bool(self.plaintiffs)


Item = Union[Definition, Assumption, Parameter, Rule, Remedy]


@dataclass(frozen=True, slots=True)
class Provision:
    id: str
    caption: str
    items: tuple[Item, ...]
    span: Span | None = _meta()
    origin: str | None = _meta()


@dataclass(frozen=True, slots=True)
class Constraint:
    """Scenarios that cannot happen: those where ``impossible`` holds (it tests facts only)."""

    name: str
    caption: str
    impossible: Expr
    span: Span | None = _meta()
    origin: str | None = _meta()


@dataclass(frozen=True, slots=True)
class BillInfo:
    number: str
    title: str
    sponsors: tuple[str, ...]
    status: str | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Law:
    """One complete, checked law version (a law file, or a base with bills applied)."""

    name: str
    title: str
    jurisdiction: str | None
    in_force: str | None
    sources: tuple[str, ...]
    bills: tuple[BillInfo, ...]
    facts: tuple[Fact, ...]
    default_prohibited: bool
    provisions: tuple[Provision, ...]
    constraints: tuple[Constraint, ...] = ()
    default_span: Span | None = _meta()

    # Lookup tables derived from the fields above (not part of equality).
    fact_map: Mapping[str, Fact] = field(init=False, compare=False, repr=False)
    definitions: Mapping[str, Definition] = field(init=False, compare=False, repr=False)
    assumptions: Mapping[str, Assumption] = field(init=False, compare=False, repr=False)
    parameters: Mapping[str, Parameter] = field(init=False, compare=False, repr=False)
    rules: tuple[Rule, ...] = field(init=False, compare=False, repr=False)
    remedies: tuple[Remedy, ...] = field(init=False, compare=False, repr=False)
    provision_map: Mapping[str, Provision] = field(init=False, compare=False, repr=False)

    def __post_init__(self):
        items = [i for p in self.provisions for i in p.items]
        set_ = object.__setattr__
        set_(self, "fact_map", {f.name: f for f in self.facts})
        set_(self, "definitions", {i.name: i for i in items if isinstance(i, Definition)})
        set_(self, "assumptions", {i.name: i for i in items if isinstance(i, Assumption)})
        set_(self, "parameters", {i.name: i for i in items if isinstance(i, Parameter)})
        set_(self, "rules", tuple(i for i in items if isinstance(i, Rule)))
        set_(self, "remedies", tuple(i for i in items if isinstance(i, Remedy)))
        set_(self, "provision_map", {p.id: p for p in self.provisions})

    @property
    def default_verdict(self) -> Verdict:
        return Verdict.PROHIBITED if self.default_prohibited else Verdict.PERMITTED

    def default_assumptions(self) -> dict[str, bool]:
        return {name: a.default for name, a in sorted(self.assumptions.items())}
