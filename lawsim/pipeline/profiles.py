"""The space of person profiles: every combination of the pipeline's person facts.

Stage: pipeline.  Input: the :class:`~lawsim.ir.pipeline.Binding` of each
version read and, optionally, facts the user fixed (``--fact``).  Output:
a :class:`~lawsim.engine.space.Space` over the person facts only, grouped
into the classes that every version treats alike (as ``compare`` does), with
the constraints that test person facts only, so its weights count possible
people profiles exactly.
"""

from __future__ import annotations

from dataclasses import replace
from math import prod
from typing import Mapping, Sequence

from lawsim import ir
from lawsim.engine.space import Axis, Space, build_axes
from lawsim.ir.constraints import facts_of, union
from lawsim.ir.pipeline import Binding, Value


def only(fact: ir.Fact, value: Value) -> ir.Fact:
    """``fact`` with a domain of one value (its description kept)."""
    index = fact.values.index(value)
    described = fact.value_descriptions[index:index + 1] if fact.value_descriptions else ()
    return replace(fact, values=(value,), value_descriptions=described)


def profile_space(laws: Sequence[ir.Law], bindings: Sequence[Binding], given: Mapping[str, Value]) -> Space:
    """Person profiles of ``laws``, with each fact in ``given`` held at its value."""
    joint = {a.name: a for a in build_axes(*laws)}
    person = [f.name for f in bindings[0].person]
    axes = []
    for name in person:
        axis = joint[name]
        if name in given:
            axis = Axis(only(axis.fact, given[name]), ((given[name],),))
        axes.append(axis)
    held = set(person)
    constraints = tuple(c for c in union(*(law.constraints for law in laws)) if set(facts_of(c.impossible)) <= held)
    return Space(tuple(axes), prod(a.count for a in axes), True, constraints)


def contact_space(profiles: Space, fixed: Mapping[str, Value], law: ir.Law) -> Space:
    """The profiles with one contact point's conduct facts held: the same points, in the same order.

    The held facts come first as axes of one class each, so point ``i`` here
    is profile point ``i``.  Constraints are left to the profile space.
    """
    # The engine checks each axis's fact against the law's own, so every axis keeps the law's full
    # domain (a held or given fact only has fewer classes).
    held = tuple(Axis(law.fact_map[name], ((value,),)) for name, value in fixed.items())
    person = tuple(Axis(law.fact_map[a.name], a.classes) for a in profiles.axes)
    return Space(held + person, profiles.size, True, ())
