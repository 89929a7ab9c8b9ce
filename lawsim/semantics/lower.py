"""Lower a law AST to IR, collecting every name, type and reference error.

Input: a :class:`lawsim.syntax.ast.LawDoc` (a law file, or the result of
applying bills).  Output: a :class:`lawsim.ir.Law` and a list of warnings.
All errors found are raised together in one :class:`LawError`.
"""

from __future__ import annotations

import graphlib

from typing import Mapping, assert_never

from lawsim import ir
from lawsim.diagnostics import Diagnostic, Label, LawError, did_you_mean
from lawsim.semantics.cites import cite_sort_key, covered
from lawsim.source import Span
from lawsim.syntax import ast

_OPS = {"<", "<=", ">", ">=", "=", "!="}


def _has_cycle(edges: list[tuple[str, str]]) -> bool:
    """Whether a directed graph has a cycle (stdlib graphlib: cheap to import)."""
    graph: dict[str, set[str]] = {}
    for source, target in edges:
        graph.setdefault(source, set()).add(target)
    try:
        tuple(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError:
        return True
    return False


class _Lowering:
    def __init__(self, doc: ast.LawDoc, origins: Mapping[str, str]):
        self.doc = doc
        self.origins = origins
        self.errors: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []
        self.facts: dict[str, ir.Fact] = {}
        self.definitions: dict[str, ast.Definition] = {}
        self.def_provision: dict[str, str] = {}
        self.assumptions: dict[str, ast.Assumption] = {}
        self.provision_ids: list[str] = []
        # definition name -> [(referenced definition, span of the reference)]
        self.def_refs: dict[str, list[tuple[str, Span | None]]] = {}
        self.used_defs: set[str] = set()
        # (overriding provision, overridden provision, span of the citation)
        self.override_edges: list[tuple[str, str, Span | None]] = []
        # Span of each declared name, for 'first declared here' labels.
        self.name_spans: dict[str, Span | None] = {}

    def error(self, code, message, span, labels=(), notes=()):
        self.errors.append(Diagnostic(code, message, span=span, labels=tuple(labels), notes=tuple(notes)))

    # ------------------------------------------------------------ declarations
    def declare_facts(self) -> None:
        for decl in self.doc.facts:
            if decl.name in self.facts:
                self.error("E101", f"fact '{decl.name}' is declared twice", decl.name_span or decl.span,
                           [Label(self.name_spans.get(decl.name), "first declared here")],
                           self._origin_note(f"fact:{decl.name}"))
                continue
            match decl.type:
                case ast.BoolType():
                    fact = ir.Fact(decl.name, decl.description, ir.FactKind.BOOL, ("yes", "no"), (None, None))
                case ast.IntType(low=low, high=high):
                    if low > high:
                        self.error("E107", f"the range {low}..{high} of '{decl.name}' is empty", decl.type.span,
                                   notes=["write the smaller bound first"])
                        continue
                    if high - low > 10_000:
                        self.error("E107", f"the range {low}..{high} of '{decl.name}' is too large",
                                   decl.type.span, notes=["lawsim enumerates every value: keep ranges to 10,000 values"])
                        continue
                    fact = ir.Fact(decl.name, decl.description, ir.FactKind.INT, tuple(range(low, high + 1)))
                case ast.EnumType(values=values):
                    seen: dict[str, ast.EnumValue] = {}
                    for v in values:
                        if v.name in seen:
                            self.error("E101", f"'{decl.name}' lists the value '{v.name}' twice", v.span,
                                       [Label(seen[v.name].span, "first listed here")] if seen[v.name].span else [])
                        seen[v.name] = v
                    fact = ir.Fact(decl.name, decl.description, ir.FactKind.ENUM, tuple(seen),
                                   tuple(v.description for v in seen.values()))
                case _:
                    assert_never(decl.type)
            origin = self.origins.get(f"fact:{decl.name}")
            self.name_spans[decl.name] = decl.name_span or decl.span
            self.facts[decl.name] = ir.Fact(fact.name, fact.description, fact.kind, fact.values,
                                            fact.value_descriptions, decl.span, origin)

    def declare_items(self) -> None:
        seen_prov: dict[str, ast.Provision] = {}
        for prov in self.doc.provisions:
            pid = prov.cite.id
            if pid in seen_prov:
                self.error("E202", f"provision § {pid} appears twice", prov.cite.span,
                           [Label(seen_prov[pid].cite.span, "first appears here")],
                           ["each citation names one provision; renumber one of them"])
                continue
            seen_prov[pid] = prov
            self.provision_ids.append(pid)
            for item in prov.items:
                if isinstance(item, ast.Definition):
                    if self._declare_name(item.name, item.name_span or item.span, "definition"):
                        self.definitions[item.name] = item
                        self.def_provision[item.name] = pid
                elif isinstance(item, ast.Assumption):
                    if self._declare_name(item.name, item.name_span or item.span, "assumption"):
                        self.assumptions[item.name] = item

    def _declare_name(self, name: str, span, kind: str) -> bool:
        """Record a definition or assumption name; False (and an error) if it is taken."""
        previous = None
        if name in self.facts:
            previous = "fact"
        elif name in self.definitions:
            previous = "definition"
        elif name in self.assumptions:
            previous = "assumption"
        if previous is None:
            self.name_spans[name] = span
            return True
        code = "E102" if previous == kind else "E103"
        what = f"{kind} '{name}' is declared twice" if previous == kind else (
            f"{kind} '{name}' has the same name as a {previous}")
        self.error(code, what, span, [Label(self.name_spans.get(name), f"the {previous} is declared here")],
                   ["every fact, definition and assumption needs its own name"])
        return False

    def _origin_note(self, key: str) -> list[str]:
        bill = self.origins.get(key)
        return [f"it was added by bill {bill}"] if bill else []

    # ------------------------------------------------------------ conditions
    def _known_names(self) -> list[str]:
        return list(self.facts) + list(self.definitions) + list(self.assumptions)

    def _fact_for_test(self, name: str, span, form: str) -> ir.Fact | None:
        if name in self.facts:
            return self.facts[name]
        if name in self.definitions or name in self.assumptions:
            kind = "definition" if name in self.definitions else "assumption"
            self.error("E105", f"'{name}' is a {kind}, not a fact: it cannot be used in '{form}'", span,
                       notes=[f"a {kind} is already yes or no: write just '{name}' or 'not {name}'"])
            return None
        self.error("E104", f"unknown fact '{name}'", span, notes=self._unknown_notes(name, self.facts))
        return None

    def _unknown_notes(self, name: str, candidates) -> list[str]:
        """Why a name is unknown: repealed by a bill, or probably misspelt."""
        for kind in ("definition", "provision"):
            bill = self.origins.get(f"repealed:{kind}:{name}")
            if bill:
                return [f"the {kind} '{name}' is repealed by bill {bill}, but this text still uses it",
                        "the bill must also amend the provisions that use it"]
        return list(did_you_mean(name, candidates))

    def _check_values(self, fact: ir.Fact, values, spans, span) -> bool:
        ok = True
        if fact.kind == ir.FactKind.INT:
            self.error("E105", f"'{fact.name}' is a number: compare it with <, <=, >, >=, = or !=", span)
            return False
        for i, v in enumerate(values):
            if v not in fact.values:
                vspan = spans[i] if i < len(spans) and spans[i] is not None else span
                allowed = ", ".join(fact.values)
                self.error("E106", f"'{fact.name}' has no value '{v}'", vspan,
                           notes=[*did_you_mean(v, fact.values), f"its values are: {allowed}"])
                ok = False
        return ok

    def expr(self, node: ast.Expr, owner: str | None) -> ir.Expr:
        """Lower a condition; ``owner`` is the definition being lowered, if any."""
        match node:
            case ast.Ref(name=name, span=span):
                if name in self.definitions:
                    self.used_defs.add(name)
                    if owner is not None:
                        self.def_refs.setdefault(owner, []).append((name, span))
                    return ir.DefRef(name, span)
                if name in self.assumptions:
                    return ir.AssumeRef(name, span)
                if name in self.facts:
                    fact = self.facts[name]
                    if fact.kind != ir.FactKind.BOOL:
                        how = "compare it with a number" if fact.kind == ir.FactKind.INT else f"write '{name} is <value>'"
                        self.error("E105", f"'{name}' is not a yes/no fact: {how}", span)
                    return ir.In(name, frozenset({"yes"}), span)
                self.error("E104", f"unknown name '{name}'", span, notes=self._unknown_notes(name, self._known_names()))
                return ir.Const(False, span)
            case ast.BoolLit(value=value, span=span):
                return ir.Const(value, span)
            case ast.Is(fact=name, value=value, negated=negated, span=span):
                fact = self._fact_for_test(name, span, f"{name} is ...")
                if fact is None or not self._check_values(fact, [value], [node.value_span], span):
                    return ir.Const(False, span)
                test = ir.In(name, frozenset({value}), span)
                return ir.Neg(test, span) if negated else test
            case ast.OneOf(fact=name, values=values, negated=negated, span=span):
                fact = self._fact_for_test(name, span, f"{name} is one of ...")
                if fact is None or not self._check_values(fact, values, node.value_spans, span):
                    return ir.Const(False, span)
                test = ir.In(name, frozenset(values), span)
                return ir.Neg(test, span) if negated else test
            case ast.Compare(fact=name, op=op, value=value, span=span):
                fact = self._fact_for_test(name, span, f"{name} {op} ...")
                if fact is None:
                    return ir.Const(False, span)
                if fact.kind != ir.FactKind.INT:
                    how = f"write '{name}' or 'not {name}'" if fact.kind == ir.FactKind.BOOL else f"write '{name} is <value>'"
                    self.error("E105", f"'{name}' is not a number: {how}", span)
                    return ir.Const(False, span)
                if not (fact.values[0] <= value <= fact.values[-1]):
                    self.warnings.append(Diagnostic(
                        "W101", f"{value} is outside the range {fact.values[0]}..{fact.values[-1]} of '{name}'",
                        span=span, severity="warning"))
                return ir.Cmp(name, ir.CmpOp(op), value, span)
            case ast.Not(operand=operand, span=span):
                return ir.Neg(self.expr(operand, owner), span)
            case ast.And(items=items, span=span):
                return ir.AllOf(tuple(self.expr(i, owner) for i in items), span)
            case ast.Or(items=items, span=span):
                return ir.AnyOf(tuple(self.expr(i, owner) for i in items), span)
            case _:
                assert_never(node)

    # ------------------------------------------------------------ provisions
    def _expand(self, cites: tuple[ast.Cite, ...], what: str) -> tuple[str, ...]:
        out: list[str] = []
        for cite in cites:
            found = covered(cite.id, self.provision_ids)
            if not found:
                bill = self.origins.get(f"repealed:provision:{cite.id}")
                notes = ([f"§ {cite.id} is repealed by bill {bill}, but this text still cites it"] if bill
                         else did_you_mean(cite.id, self.provision_ids))
                self.error("E203", f"{what} cites § {cite.id}, but this law has no such provision", cite.span,
                           notes=notes)
            out += found
        return tuple(dict.fromkeys(out))

    def _scope(self, names, spans, fact_name: str, one: str) -> frozenset[str] | None:
        if names is None:
            return None
        fact = self.facts.get(fact_name)
        if fact is None or fact.kind != ir.FactKind.ENUM:
            return frozenset(names)  # reported once, by check_scope_facts
        for name, span in zip(names, spans):
            if name not in fact.values:
                self.error("E106", f"unknown {one} '{name}'", span,
                           notes=[*did_you_mean(name, fact.values), f"'{fact_name}' has the values: "
                                  + ", ".join(fact.values)])
        return frozenset(names)

    def provision(self, prov: ast.Provision) -> ir.Provision:
        pid = prov.cite.id
        origin = self.origins.get(f"provision:{pid}")
        items: list[ir.Item] = []
        rule_names: dict[str, ast.Rule] = {}
        n_rules = n_remedies = 0
        for item in prov.items:
            match item:
                case ast.Definition():
                    expr = self.expr(item.cond, item.name)
                    items.append(ir.Definition(item.name, pid, item.caption, expr, item.span,
                                               self.origins.get(f"definition:{item.name}", origin)))
                case ast.Assumption():
                    items.append(ir.Assumption(item.name, pid, item.description, item.default, item.span, origin))
                case ast.Rule():
                    n_rules += 1
                    # An unnamed rule is known by its position (rule1, rule2, ...),
                    # so a named rule must not take a name of that form in use.
                    key = item.name or f"rule{n_rules}"
                    rid = f"{pid}:{key}"
                    if key in rule_names:
                        first = rule_names[key]
                        message = (f"§ {pid} has two rules named '{key}'" if item.name and first.name else
                                   f"§ {pid} has two rules called '{key}': an unnamed rule is called "
                                   "rule1, rule2, ... by its position")
                        self.error("E202", message, item.name_span or item.span,
                                   [Label(first.name_span or first.span, "the first one")],
                                   ["give each rule in a provision its own name"])
                    rule_names.setdefault(key, item)
                    agents = self._scope(item.agents, item.agent_spans, "agency", "agency")
                    conducts = self._scope(item.conducts, item.conduct_spans, "conduct", "conduct")
                    when = self.expr(item.when, None) if item.when is not None else ir.Const(True)
                    excs = tuple(self.expr(e, None) for e in item.exceptions)
                    overrides = self._expand(item.overrides, "this rule")
                    for cite in item.overrides:
                        # '§ 9-131' from inside 9-131(h) means the rest of the
                        # section; naming the rule's own provision is a mistake.
                        if cite.id == pid:
                            self.error("E205", f"a rule in § {pid} cannot override its own provision", cite.span,
                                       notes=["'notwithstanding' names the other provisions this rule prevails over"])
                        for target in covered(cite.id, self.provision_ids):
                            if target != pid:
                                self.override_edges.append((pid, target, cite.span))
                    items.append(ir.Rule(rid, pid, item.name, agents, conducts, item.prohibits, when, excs,
                                         tuple(o for o in overrides if o != pid), item.span, origin))
                case ast.Remedy():
                    n_remedies += 1
                    covers = self._expand(item.covers, "this remedy")
                    when = self.expr(item.when, None) if item.when is not None else ir.Const(True)
                    items.append(ir.Remedy(f"{pid}:remedy{n_remedies}", pid, frozenset(covers), item.plaintiffs,
                                           item.relief, when, tuple(c.id for c in item.covers), item.span, origin))
                case _:
                    assert_never(item)
        return ir.Provision(pid, prov.caption, tuple(items), prov.span, origin)

    # ------------------------------------------------------------ graphs
    def check_definition_cycles(self) -> None:
        edges = [(owner, target) for owner, refs in self.def_refs.items() for target, _ in refs]
        if not _has_cycle(edges):
            return
        import networkx as nx  # only to explain a cycle: importing it costs a fifth of start-up

        graph = nx.DiGraph()
        for owner, refs in self.def_refs.items():
            for target, span in refs:
                graph.add_edge(owner, target, span=span)
        for component in sorted(nx.strongly_connected_components(graph), key=sorted):
            nodes = sorted(component)
            if len(nodes) == 1 and not graph.has_edge(nodes[0], nodes[0]):
                continue
            cycle = nx.find_cycle(graph.subgraph(nodes), source=nodes[0])
            path = " -> ".join([cycle[0][0]] + [v for _, v in cycle])
            first = graph.edges[cycle[0]]["span"]
            labels = [Label(graph.edges[e]["span"], f"'{e[0]}' uses '{e[1]}' here")
                      for e in cycle[1:] if graph.edges[e]["span"] is not None]
            self.error("E204", f"definitions refer to each other in a circle: {path}", first, labels,
                       ["a definition cannot depend on itself, directly or through others"])

    def check_override_cycles(self) -> None:
        if not _has_cycle([(source, target) for source, target, _ in self.override_edges]):
            return
        import networkx as nx

        graph = nx.DiGraph()
        for source, target, span in self.override_edges:
            if not graph.has_edge(source, target):
                graph.add_edge(source, target, span=span)
        # One report per group of provisions that override each other.
        for component in sorted(nx.strongly_connected_components(graph), key=sorted):
            if len(component) < 2:
                continue
            start = min(component, key=cite_sort_key)
            cycle = nx.find_cycle(graph.subgraph(component), source=start)
            path = " -> ".join([f"§ {cycle[0][0]}"] + [f"§ {v}" for _, v in cycle])
            labels = [Label(graph.edges[e]["span"], f"§ {e[0]} overrides § {e[1]} here") for e in cycle[1:]]
            self.error("E205", f"provisions override each other in a circle: {path}",
                       graph.edges[cycle[0]]["span"], labels,
                       ["priority must be a strict order: remove one 'notwithstanding'"])

    def check_scope_facts(self) -> None:
        """Rules are scoped by the one-of facts 'agency' and 'conduct'.

        Naming agencies (or conducts) without a one-of fact to name them
        from is an error.  Rules that only say 'any agency'/'any conduct'
        still make every scenario supply both facts, so a law that lacks
        them draws a warning: it can be checked, but not evaluated.
        """
        rules = [i for p in self.doc.provisions for i in p.items if isinstance(i, ast.Rule)]
        if not rules:
            return
        examples = {"agency": "doc | nypd | probation", "conduct": "hold_past_release | notify_release"}
        named = {"agency": [r for r in rules if r.agents is not None],
                 "conduct": [r for r in rules if r.conducts is not None]}
        errors, warnings = [], []
        for name in examples:
            fact = self.facts.get(name)
            if fact is None:
                (errors if named[name] else warnings).append(name)
            elif fact.kind != ir.FactKind.ENUM and named[name]:
                self.error("E207", f"the '{name}' fact must be one-of (a list of names), because rules name "
                           f"{'agencies' if name == 'agency' else 'conducts'} from it",
                           self.name_spans.get(name) or fact.span,
                           notes=[f"for example: {name} \"...\": {examples[name]}"])

        def advice(missing):
            return ["every rule says which agencies and conducts it governs; declare them as one-of facts, "
                    "e.g.\n" + "\n".join(f'{m} "...": {examples[m]}' for m in missing)]

        if errors:
            first = min((r for m in errors for r in named[m]), key=lambda r: r.span.start if r.span else 0)
            what = " or ".join(repr(m) for m in errors)
            kinds = " and ".join("agencies" if m == "agency" else "conducts" for m in errors)
            self.error("E207", f"rules name {kinds}, but the law has no {what} fact",
                       first.name_span or first.span, notes=advice(errors))
        if warnings:
            what = " or ".join(repr(m) for m in warnings)
            self.warnings.append(Diagnostic(
                "W207", f"the law has rules but no {what} fact, so no scenario can be evaluated",
                rules[0].name_span or rules[0].span, notes=tuple(advice(warnings)), severity="warning"))

    # ------------------------------------------------------------ whole law
    def run(self, name: str, bills: tuple[ir.BillInfo, ...]) -> ir.Law:
        self.declare_facts()
        self.declare_items()
        provisions = []
        seen: set[str] = set()
        for prov in self.doc.provisions:
            if prov.cite.id in seen:
                continue
            seen.add(prov.cite.id)
            provisions.append(self.provision(prov))
        self.check_definition_cycles()
        self.check_override_cycles()
        self.check_scope_facts()
        defaults = [i for i in self.doc.items if isinstance(i, ast.DefaultDecl)]
        if not defaults:
            self.error("E206", "the law does not say what holds when no rule applies",
                       self.doc.span and Span.at(self.doc.span.source, self.doc.span.start, self.doc.span.start + 3),
                       notes=["add a line 'default permitted' or 'default prohibited'"])
        for extra in defaults[1:]:
            self.error("E201", "'default' is given twice", extra.span, [Label(defaults[0].span, "first given here")])
        for dname, definition in self.definitions.items():
            if dname not in self.used_defs:
                self.warnings.append(Diagnostic("W201", f"definition '{dname}' is never used",
                                                definition.name_span or definition.span, severity="warning"))
        if self.errors:
            raise LawError(self.errors)
        return ir.Law(
            name=name,
            title=self.doc.title,
            jurisdiction=self.doc.jurisdiction,
            in_force=self.doc.in_force,
            sources=self.doc.sources,
            bills=bills,
            facts=tuple(self.facts.values()),
            default_prohibited=defaults[0].prohibited,
            provisions=tuple(provisions),
            default_span=defaults[0].span,
        )


def lower(doc: ast.LawDoc, name: str = "law", origins: Mapping[str, str] | None = None,
          bills: tuple[ir.BillInfo, ...] = ()) -> tuple[ir.Law, list[Diagnostic]]:
    """Check ``doc`` and build its IR; returns the law and any warnings.

    ``origins`` maps 'provision:<id>', 'definition:<name>' and 'fact:<name>'
    to the number of the bill that last changed them.
    """
    lowering = _Lowering(doc, origins or {})
    law = lowering.run(name, bills)
    return law, sorted(lowering.warnings, key=Diagnostic.sort_key)
