"""Read a law version with some assumptions or parameters set other than their defaults.

Input: a checked :class:`lawsim.ir.Law` and a mapping of assumption names to
on/off.  Output: a new Law, equal but for those assumptions' defaults, so
every later stage (the engines, compare, reports) evaluates the chosen
reading without being told about it.  The input law is not modified.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Mapping

from lawsim import ir
from lawsim.ir.walk import replace_comparisons


def with_assumptions(law: ir.Law, settings: Mapping[str, bool]) -> ir.Law:
    """``law`` with the named assumptions defaulting to the given values.

    Names the law does not declare are ignored: in a comparison a bill may
    add or remove an assumption, and the caller checks that each name is
    declared by at least one version.
    """
    wanted = {name: value for name, value in settings.items() if name in law.assumptions}
    if all(law.assumptions[name].default == value for name, value in wanted.items()):
        return law
    provisions = tuple(
        replace(p, items=tuple(
            replace(item, default=wanted[item.name])
            if isinstance(item, ir.Assumption) and item.name in wanted else item
            for item in p.items))
        for p in law.provisions)
    return replace(law, provisions=provisions)


def with_parameters(law: ir.Law, values: Mapping[str, int]) -> ir.Law:
    """``law`` with the named parameters set to ``values`` (names it does not declare are ignored)."""
    wanted = {name: value for name, value in values.items() if name in law.parameters}
    if all(law.parameters[name].value == value for name, value in wanted.items()):
        return law

    def item(i: ir.Item) -> ir.Item:
        match i:
            case ir.Parameter() if i.name in wanted:
                return replace(i, value=wanted[i.name])
            case ir.Definition():
                return replace(i, expr=replace_comparisons(i.expr, wanted))
            case ir.Rule():
                return replace(i, when=replace_comparisons(i.when, wanted),
                               exceptions=tuple(replace_comparisons(e, wanted) for e in i.exceptions))
            case ir.Remedy():
                return replace(i, when=replace_comparisons(i.when, wanted))
        return i

    provisions = tuple(replace(p, items=tuple(item(i) for i in p.items)) for p in law.provisions)
    constraints = tuple(replace(c, impossible=replace_comparisons(c.impossible, wanted)) for c in law.constraints)
    return replace(law, provisions=provisions, constraints=constraints)
