"""Stage 4, engine: compile a law into a boolean circuit over a space's classes.

Input: a :class:`lawsim.ir.Law`, a :class:`lawsim.engine.space.Space` and
an assumption setting.  Output: a :class:`Circuit`, a hash-consed DAG whose
leaves are "fact's class is one of these" tests on one axis and whose
outputs are the bits the reference interpreter's verdict, remedy and trace
depend on.  :mod:`lawsim.engine.fast` evaluates it over whole spaces.

The circuit restates the interpreter's semantics as formulas (a rule
*applies*, is *defeated*, *decides*; a remedy *grants*); property tests
check it against :func:`lawsim.engine.interpreter.evaluate` on every
scenario of random laws.  Assumptions and definitions are folded in at
compile time: an assumption is a constant, a definition is one shared
sub-circuit however often it is used.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, assert_never

from lawsim import ir
from lawsim.engine.interpreter import MissingFact
from lawsim.engine.space import SCOPE_FACTS, Space

CONST, LEAF, NOT, AND, OR = range(5)

#: One node: its op code and a payload whose type the op decides (see :class:`Circuit`).
Node = tuple[int, Any]


@dataclass(frozen=True)
class Circuit:
    """A law as a DAG of boolean nodes; outputs are node ids.

    ``nodes[i]`` is ``(op, payload)``: ``(CONST, bool)``, ``(LEAF, (axis,
    codes))`` - true when the point's class on axis ``axis`` is in the
    sorted tuple ``codes`` -, ``(NOT, child)``, ``(AND, children)`` or
    ``(OR, children)``.  Children always have smaller ids than parents.
    """

    nodes: tuple[Node, ...]
    prohibited: int  # the verdict is 'prohibited'
    conflict: int  # the verdict is 'conflict'
    granted: int  # the verdict is 'prohibited' and some remedy grants (status 'available' or 'conflict')
    remedy_conflict: int  # ... and some remedy also denies (status 'conflict')
    deciding: tuple[tuple[str, int], ...]  # rule id -> the rule decides
    granting: tuple[tuple[str, int], ...]  # remedy id -> the remedy grants or denies
    plaintiffs: tuple[tuple[str, int], ...]  # plaintiff -> a granting remedy names them
    relief: tuple[tuple[str, int], ...]  # relief -> a granting remedy gives it


class _Builder:
    """Creates nodes with constant folding and hash-consing (equal nodes are one node)."""

    def __init__(self, counts: tuple[int, ...]):
        self.counts = counts
        self.nodes: list[Node] = []
        self.ids: dict[Node, int] = {}
        self.true = self._add(CONST, True)
        self.false = self._add(CONST, False)

    def _add(self, op: int, payload) -> int:
        key = (op, payload)
        found = self.ids.get(key)
        if found is None:
            found = self.ids[key] = len(self.nodes)
            self.nodes.append(key)
        return found

    def const(self, value: bool) -> int:
        return self.true if value else self.false

    def leaf(self, axis: int, codes) -> int:
        codes = tuple(sorted(set(codes)))
        if not codes:
            return self.false
        if len(codes) == self.counts[axis]:
            return self.true
        return self._add(LEAF, (axis, codes))

    def neg(self, x: int) -> int:
        op, payload = self.nodes[x]
        if op == CONST:
            return self.const(not payload)
        if op == NOT:
            return payload
        if op == LEAF:
            axis, codes = payload
            return self.leaf(axis, set(range(self.counts[axis])) - set(codes))
        return self._add(NOT, x)

    def _junction(self, op: int, items) -> int:
        # AND absorbs true and is killed by false; OR the other way round.
        unit, zero = (self.true, self.false) if op == AND else (self.false, self.true)
        flat: set[int] = set()
        for x in items:
            xop, payload = self.nodes[x]
            if x == zero:
                return zero
            if x == unit:
                continue
            if xop == op:
                flat.update(payload)
            else:
                flat.add(x)
        if not flat:
            return unit
        if len(flat) == 1:
            return next(iter(flat))
        return self._add(op, tuple(sorted(flat)))

    def all(self, items) -> int:
        return self._junction(AND, items)

    def any(self, items) -> int:
        return self._junction(OR, items)


class Compiler:
    """The interpreter's semantics as formulas, built with a *builder*.

    The builder makes the nodes: :class:`_Builder` makes circuit nodes
    (node ids); :mod:`lawsim.engine.symbolic` passes one that makes decision
    diagrams, so both engines share one statement of the semantics.  A
    builder has ``true``, ``false``, ``const``, ``leaf(axis, codes)``,
    ``neg``, ``all`` and ``any``.
    """

    def __init__(self, law: ir.Law, space: Space, assumptions: Mapping[str, bool], builder: Any = None):
        self.law = law
        self.space = space
        self.assume = {**law.default_assumptions(), **assumptions}
        self.b = builder if builder is not None else _Builder(tuple(a.count for a in space.axes))
        self.defs: dict[str, Any] = {}

    def assumption(self, name: str) -> Any:
        """An assumption's node: here a constant (its reading); a subclass may make it a variable."""
        return self.b.const(self.assume[name])

    def _leaf(self, fact: str, test) -> int:
        """A leaf from a per-value test, checking that each class is uniform."""
        k = self.space.position(fact)
        codes = []
        for code, values in enumerate(self.space.axes[k].classes):
            results = {bool(test(v)) for v in values}
            if len(results) != 1:
                raise ValueError(f"the space was not built for law '{self.law.name}': a class of "
                                 f"'{fact}' mixes values that the law tells apart")
            if results.pop():
                codes.append(code)
        return self.b.leaf(k, codes)

    def expr(self, e: ir.Expr) -> int:
        """The node of ``e``, children first, left to right (so node ids are as a recursive walk makes them).

        Iterative, with an explicit stack, so that a chain of thousands of
        definitions needs no Python recursion; each definition is compiled
        once, where it is first used.
        """
        b = self.b
        # Frames are (node, step): step 0 is a node not yet looked into; for a definition or a
        # negation 1 means its operand is done; for a junction, how many items are done.
        stack: list[tuple[ir.Expr, int]] = [(e, 0)]
        done: list[int] = []  # the nodes of finished subexpressions, in order
        while stack:
            node, step = stack.pop()
            match node:
                case ir.Const(value=value):
                    done.append(b.const(value))
                case ir.In(fact=fact, values=values):
                    done.append(self._leaf(fact, values.__contains__))
                case ir.Cmp(fact=fact, op=op, value=value):
                    done.append(self._leaf(fact, lambda v, op=op, value=value: op.holds(v, value)))
                case ir.AssumeRef(name=name):
                    done.append(self.assumption(name))
                case ir.DefRef(name=name):
                    if name in self.defs:
                        done.append(self.defs[name])
                    elif step == 0:
                        stack += [(node, 1), (self.law.definitions[name].expr, 0)]
                    else:
                        self.defs[name] = done[-1]
                case ir.Neg(operand=operand):
                    if step == 0:
                        stack += [(node, 1), (operand, 0)]
                    else:
                        done.append(b.neg(done.pop()))
                case ir.AllOf(items=items) | ir.AnyOf(items=items):
                    # As the builder's junctions do, stop at the first item that decides the whole
                    # (false for 'all', true for 'any'): later items are not compiled.
                    zero = b.false if isinstance(node, ir.AllOf) else b.true
                    if step < len(items) and not (step and done[-1] == zero):
                        stack += [(node, step + 1), (items[step], 0)]
                        continue
                    parts = done[len(done) - step:]
                    del done[len(done) - step:]
                    done.append(b.all(parts) if isinstance(node, ir.AllOf) else b.any(parts))
                case _:
                    assert_never(node)
        return done[-1]

    def scope(self, fact: str, names: frozenset[str] | None) -> int:
        if names is None:
            return self.b.true
        return self._leaf(fact, names.__contains__)

    def compile(self) -> Circuit:
        outputs = self.outputs()  # first, so that every node is made before ``nodes`` is taken
        return Circuit(nodes=tuple(self.b.nodes), **outputs)

    def outputs(self) -> dict[str, Any]:
        """The nodes of every output: the fields of :class:`Circuit` but ``nodes``."""
        law, b = self.law, self.b
        applies: dict[str, Any] = {}
        for rule in law.rules:
            parts = [self.scope("agency", rule.agents), self.scope("conduct", rule.conducts),
                     self.expr(rule.when)]
            parts += [b.neg(self.expr(exc)) for exc in rule.exceptions]
            applies[rule.id] = b.all(parts)
        deciding: dict[str, Any] = {}
        for rule in law.rules:
            # Defeated: another applicable rule says 'notwithstanding' this rule's provision.
            overriders = [applies[o.id] for o in law.rules if o is not rule and rule.provision in o.overrides]
            deciding[rule.id] = b.all([applies[rule.id], b.neg(b.any(overriders))])
        any_prohibits = b.any(deciding[r.id] for r in law.rules if r.prohibits)
        any_permits = b.any(deciding[r.id] for r in law.rules if not r.prohibits)
        conflict = b.all([any_prohibits, any_permits])
        # No deciding rule: the default; deciding rules that agree: their verdict.
        prohibited = b.all([b.neg(any_permits), b.any([any_prohibits, b.const(law.default_prohibited)])])
        granting: dict[str, Any] = {}
        for remedy in law.remedies:
            covered = b.any(deciding[r.id] for r in law.rules if r.prohibits and r.provision in remedy.covers)
            granting[remedy.id] = b.all([prohibited, covered, self.expr(remedy.when)])
        gives = [r for r in law.remedies if r.gives]
        granted = b.any(granting[r.id] for r in gives)
        denied = b.any(granting[r.id] for r in law.remedies if not r.gives)
        remedy_conflict = b.all([granted, denied])
        names = sorted({p for r in gives for p in r.plaintiffs})
        plaintiffs = tuple((p, b.any(granting[r.id] for r in gives if p in r.plaintiffs)) for p in names)
        names = sorted({x for r in gives for x in r.relief})
        relief = tuple((x, b.any(granting[r.id] for r in gives if x in r.relief)) for x in names)
        return dict(
            prohibited=prohibited,
            conflict=conflict,
            granted=granted,
            remedy_conflict=remedy_conflict,
            deciding=tuple(deciding.items()),
            granting=tuple(granting.items()),
            plaintiffs=plaintiffs,
            relief=relief,
        )


def compile_law(law: ir.Law, space: Space, assumptions: Mapping[str, bool] | None = None) -> Circuit:
    """The circuit of ``law`` over ``space``'s classes under ``assumptions``.

    Raises :class:`MissingFact` when the law has rules but the space has no
    ``agency`` or ``conduct`` axis (the interpreter needs both for every
    scenario), and ValueError when the space lacks one of the law's facts or
    was compressed for other laws.
    """
    check_space(law, space)
    return Compiler(law, space, assumptions or {}).compile()


def check_space(law: ir.Law, space: Space) -> None:
    """Raise as :func:`compile_law` does when ``space`` cannot carry ``law``."""
    for fact in law.facts:
        if fact.name not in space:
            raise ValueError(f"the space has no axis for fact '{fact.name}' of law '{law.name}'")
        have = space.axis(fact.name).fact
        if (have.kind, have.values) != (fact.kind, fact.values):
            raise ValueError(f"fact '{fact.name}' has other values in the space than in law '{law.name}'")
    if law.rules:
        for name in SCOPE_FACTS:
            if name not in space:
                raise MissingFact(name, "every rule (to know whom it governs)")
