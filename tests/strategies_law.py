"""Hypothesis strategies: random but well-formed small laws.

A law is drawn as an AST (:class:`lawsim.syntax.ast.LawDoc`) that always
passes the semantic checks: facts of every kind (agency and conduct are
always declared), acyclic definitions, assumptions, several provisions of
rules with when / unless / notwithstanding (a provision only overrides
earlier ones, so priorities never form a circle), remedies that give or
deny a remedy, and either default.  ``lower_doc`` turns it into IR;
``format_document`` turns it into .law text for a readable failure report.

Some laws have fact constraints (which scenarios can happen at all).

The spaces stay small (a few hundred scenarios) so that a test can run the
reference interpreter on every scenario.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from hypothesis import strategies as st

from lawsim import ir
from lawsim.diagnostics import LawError
from lawsim.semantics import Version, from_document, lower
from lawsim.syntax import ast, format_document

AGENCIES = ("doc", "nypd", "probation")
CONDUCTS = ("hold", "notify", "share")
PLAINTIFFS = ("person", "relative")
RELIEF = ("damages", "injunction")
OPS = ("<", "<=", ">", ">=", "=", "!=")
# Provision ids; '1-1' and '1-2' are parents that remedies may cite as a whole.
RULE_PROVISIONS = ("1-1(a)", "1-1(b)", "1-2(a)", "1-2(b)", "1-3")
REMEDY_PROVISIONS = ("2-1", "2-2")


@dataclass(frozen=True)
class FactPool:
    """The declared facts, and what conditions may test."""

    decls: tuple[ast.FactDecl, ...]

    def of_kind(self, kind: type) -> list[ast.FactDecl]:
        return [d for d in self.decls if isinstance(d.type, kind) and d.name not in ("agency", "conduct")]


@st.composite
def fact_pools(draw, budget: int = 240) -> FactPool:
    """agency, conduct and up to four more facts whose value counts multiply to at most ``budget``."""
    agencies = AGENCIES[: draw(st.integers(1, 3))]
    conducts = CONDUCTS[: draw(st.integers(1, 3))]
    decls = [
        ast.FactDecl("agency", "agency", ast.EnumType(tuple(ast.EnumValue(a) for a in agencies))),
        ast.FactDecl("conduct", "conduct", ast.EnumType(tuple(ast.EnumValue(c) for c in conducts))),
    ]
    left = budget
    for i in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(("bool", "enum", "int")))
        if kind == "bool" and left >= 2:
            decls.append(ast.FactDecl(f"f{i}", f"fact {i}", ast.BoolType()))
            left //= 2
        elif kind == "enum" and left >= 2:
            n = draw(st.integers(2, min(3, left)))
            values = tuple(ast.EnumValue(f"v{j}") for j in range(n))
            decls.append(ast.FactDecl(f"f{i}", f"fact {i}", ast.EnumType(values)))
            left //= n
        elif kind == "int" and left >= 1:
            low = draw(st.integers(0, 3))
            width = draw(st.integers(0, min(8, left - 1)))
            decls.append(ast.FactDecl(f"f{i}", f"fact {i}", ast.IntType(low, low + width)))
            left //= width + 1
    return FactPool(tuple(decls))


def _leaves(pool: FactPool, names: tuple[str, ...]):
    """Strategies for the leaves of a condition over ``pool`` and earlier ``names``."""
    options = [st.builds(ast.BoolLit, st.booleans())]
    for d in pool.of_kind(ast.BoolType):
        options.append(st.just(ast.Ref(d.name)))
        options.append(st.builds(ast.Is, st.just(d.name), st.sampled_from(("yes", "no")), st.booleans()))
    for d in pool.of_kind(ast.EnumType) + [x for x in pool.decls if x.name in ("agency", "conduct")]:
        values = [v.name for v in d.type.values]
        options.append(st.builds(ast.Is, st.just(d.name), st.sampled_from(values), st.booleans()))
        options.append(st.builds(ast.OneOf, st.just(d.name),
                                 st.lists(st.sampled_from(values), min_size=1, max_size=len(values),
                                          unique=True).map(tuple), st.booleans()))
    for d in pool.of_kind(ast.IntType):
        # Thresholds just outside the range too (they must not split anything); the
        # language has no negative numbers.
        options.append(st.builds(ast.Compare, st.just(d.name), st.sampled_from(OPS),
                                 st.integers(max(0, d.type.low - 1), d.type.high + 1)))
    for name in names:
        options.append(st.just(ast.Ref(name)))
    return st.one_of(options)


def conditions(pool: FactPool, names: list[str], leaves: int = 5) -> st.SearchStrategy[ast.Expr]:
    """Random conditions: not / and / or over fact tests, definitions and assumptions.

    ``leaves`` bounds the fact tests and references in one condition.
    """
    return _conditions(pool, tuple(names), leaves)


@lru_cache(maxsize=512)
def _conditions(pool: FactPool, names: tuple[str, ...], leaves: int) -> st.SearchStrategy[ast.Expr]:
    # Cached: building a strategy afresh for every draw is most of the cost of generating a law.
    return st.recursive(
        _leaves(pool, names),
        lambda inner: st.one_of(
            st.builds(ast.Not, inner),
            st.lists(inner, min_size=2, max_size=3).map(lambda xs: ast.And(tuple(xs))),
            st.lists(inner, min_size=2, max_size=3).map(lambda xs: ast.Or(tuple(xs))),
        ),
        max_leaves=leaves,
    )


def _subset_or_any(draw, values: tuple[str, ...]) -> tuple[str, ...] | None:
    if draw(st.booleans()):
        return None
    return tuple(draw(st.lists(st.sampled_from(values), min_size=1, max_size=len(values), unique=True)))


@st.composite
def law_docs(draw, pool: FactPool | None = None, leaves: int = 5) -> ast.LawDoc:
    """A well-formed law AST (over ``pool``'s facts, or freshly drawn ones).

    ``leaves`` bounds the size of each condition (see :func:`conditions`);
    larger values give deeper circuits with more shared nodes.
    """
    if pool is None:
        pool = draw(fact_pools())
    agencies = tuple(v.name for v in pool.decls[0].type.values)
    conducts = tuple(v.name for v in pool.decls[1].type.values)
    names: list[str] = []
    head_items: list[ast.ProvisionItem] = []
    for i in range(draw(st.integers(0, 2))):
        head_items.append(ast.Assumption(f"a{i}", f"assumption {i}", draw(st.booleans())))
        names.append(f"a{i}")
    for i in range(draw(st.integers(0, 3))):
        # A definition may use facts, assumptions and earlier definitions: never a circle.
        head_items.append(ast.Definition(f"d{i}", f"definition {i}", draw(conditions(pool, names, leaves))))
        names.append(f"d{i}")
    cond = conditions(pool, names, leaves)
    n_rule_provisions = draw(st.integers(1, len(RULE_PROVISIONS)))
    rule_ids = RULE_PROVISIONS[:n_rule_provisions]
    provisions = []
    for p, pid in enumerate(rule_ids):
        items: list[ast.ProvisionItem] = list(head_items) if p == 0 else []
        for r in range(draw(st.integers(1, 2))):
            overrides = draw(st.lists(st.sampled_from(rule_ids[:p]), max_size=2, unique=True)) if p else []
            items.append(ast.Rule(
                name=draw(st.sampled_from((None, f"r{r}"))),
                agents=_subset_or_any(draw, agencies),
                prohibits=draw(st.integers(0, 2)) > 0,  # prohibitions are what remedies need
                conducts=_subset_or_any(draw, conducts),
                when=draw(cond) if draw(st.integers(0, 2)) == 2 else None,
                exceptions=tuple(draw(st.lists(cond, max_size=2))),
                overrides=tuple(ast.Cite(c) for c in overrides),
            ))
        provisions.append(ast.Provision(ast.Cite(pid), f"provision {pid}", tuple(items)))
    citable = list(rule_ids) + sorted({pid.split("(")[0] for pid in rule_ids if "(" in pid})
    # Mostly one or two remedy provisions: a remedy needs a prohibition it covers to show.
    for pid in REMEDY_PROVISIONS[: draw(st.sampled_from((1, 2, 0)))]:
        remedies = []
        for _ in range(draw(st.integers(1, 2))):
            gives = draw(st.booleans())
            plaintiffs = relief = ()
            if gives:
                plaintiffs = tuple(draw(st.lists(st.sampled_from(PLAINTIFFS), min_size=1, unique=True)))
                relief = tuple(draw(st.lists(st.sampled_from(RELIEF), min_size=1, unique=True)))
            covers = draw(st.lists(st.sampled_from(citable), min_size=1, max_size=2, unique=True))
            when = draw(cond) if draw(st.integers(0, 2)) == 2 else None
            remedies.append(ast.Remedy(tuple(ast.Cite(c) for c in covers), plaintiffs, relief, when))
        provisions.append(ast.Provision(ast.Cite(pid), f"remedies {pid}", tuple(remedies)))
    items: list[ast.TopItem] = [ast.FactsBlock(pool.decls), ast.DefaultDecl(draw(st.booleans()))]
    doc = ast.LawDoc("Random law", None, None, (), tuple(items + provisions))
    constraints = tuple(ast.Constraint(f"c{i}", f"constraint {i}", draw(conditions(pool, [], 3)), draw(st.booleans()))
                        for i in range(draw(st.sampled_from((0, 1, 2)))))
    if constraints:
        constrained = ast.LawDoc(doc.title, None, None, (), doc.items + constraints)
        try:  # constraints that leave no scenario at all are an error; then the law goes without them
            lower(constrained)
            return constrained
        except LawError:
            pass
    return doc


def lower_doc(doc: ast.LawDoc, name: str = "random") -> ir.Law:
    """The IR of a generated law (generated laws never have errors)."""
    law, _warnings = lower(doc, name=name)
    return law


def law_texts() -> st.SearchStrategy[str]:
    """The same laws as .law text (canonical layout)."""
    return law_docs().map(format_document)


def laws() -> st.SearchStrategy[ir.Law]:
    return law_docs().map(lower_doc)


def versions() -> st.SearchStrategy[Version]:
    """Random laws as versions (what compare takes)."""
    return law_docs().map(lambda doc: from_document(doc, "random"))


@st.composite
def law_pairs(draw) -> tuple[ir.Law, ir.Law]:
    """Two laws over the same facts, like a baseline and a reform."""
    pool = draw(fact_pools())
    return lower_doc(draw(law_docs(pool)), "baseline"), lower_doc(draw(law_docs(pool)), "reform")


@st.composite
def version_pairs(draw) -> tuple[Version, Version]:
    """Two versions over the same facts, a baseline and a reform."""
    pool = draw(fact_pools())
    return from_document(draw(law_docs(pool)), "baseline"), from_document(draw(law_docs(pool)), "reform")
