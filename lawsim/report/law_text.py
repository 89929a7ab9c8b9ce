"""IR printed back as ``.law`` text, for quoting a law's conditions and rules in reports.

Stage: report.  Input: IR conditions and rules with their law.  Output: the
canonical text ``lawsim fmt`` would print for the source they came from.
"""

from __future__ import annotations

from typing import assert_never

from lawsim import ir
from lawsim.ir.vocab import FactKind


def _value_order(law: ir.Law, fact: str, values) -> list[str]:
    declared = law.fact_map[fact].values if fact in law.fact_map else ()
    return sorted(values, key=lambda v: (declared.index(v) if v in declared else len(declared), str(v)))


def format_condition(expr: ir.Expr, law: ir.Law) -> str:
    """An IR condition as canonical .law text (``judicial_warrant and (a or b)``)."""

    def inner(e: ir.Expr) -> str:
        return f"({fmt(e)})" if isinstance(e, (ir.AllOf, ir.AnyOf)) else fmt(e)

    def test(fact: str, values, negated: bool) -> str:
        kind = law.fact_map[fact].kind if fact in law.fact_map else FactKind.ENUM
        if kind == FactKind.BOOL and set(values) == {"yes"}:
            return f"not {fact}" if negated else fact
        shown = _value_order(law, fact, values)
        neg = "not " if negated else ""
        if len(shown) == 1:
            return f"{fact} is {neg}{shown[0]}"
        return f"{fact} is {neg}one of ({', '.join(shown)})"

    def fmt(e: ir.Expr) -> str:
        match e:
            case ir.Const(value=value):
                return "always" if value else "never"
            case ir.In(fact=fact, values=values):
                return test(fact, values, False)
            case ir.Cmp(fact=fact, op=op, value=value, parameter=parameter):
                return f"{fact} {op} {parameter or value}"
            case ir.DefRef(name=name) | ir.AssumeRef(name=name):
                return name
            case ir.Neg(operand=ir.In(fact=fact, values=values)):
                return test(fact, values, True)
            case ir.Neg(operand=operand):
                return f"not {inner(operand)}"
            case ir.AllOf(items=items):
                return " and ".join(inner(i) for i in items)
            case ir.AnyOf(items=items):
                return " or ".join(inner(i) for i in items)
            case _:
                assert_never(e)

    return fmt(expr)


def rule_heading(rule: ir.Rule, law: ir.Law) -> str:
    """``rule honour_detainer: doc may not hold_past_release`` as written in .law."""
    agents = "any agency" if rule.agents is None else ", ".join(_value_order(law, "agency", rule.agents))
    shown = rule.duty or rule.conducts
    conducts = "any conduct" if shown is None else ", ".join(_value_order(law, "conduct", shown))
    label = f"rule {rule.name}:" if rule.name else "rule:"
    modality = "must" if rule.duty else "may not" if rule.prohibits else "may"
    return f"{label} {agents} {modality} {conducts}"
