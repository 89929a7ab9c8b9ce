"""INTERIM: a slow stand-in for lawsim.engine.space / lawsim.engine.fast.

Same interface as the engine branch's Space / evaluate_space, built on the
reference interpreter.  To be deleted when the engine branch is merged.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from lawsim import ir
from lawsim.engine.interpreter import evaluate

_V = {"permitted": 0, "prohibited": 1, "conflict": 2}
_R = {"not a violation": 0, "none": 1, "available": 2, "conflict": 3}


def _mentioned(law: ir.Law) -> set[str]:
    out: set[str] = set()

    def walk(e):
        match e:
            case ir.In(fact=f) | ir.Cmp(fact=f):
                out.add(f)
            case ir.Neg(operand=o):
                walk(o)
            case ir.AllOf(items=items) | ir.AnyOf(items=items):
                for i in items:
                    walk(i)
            case _:
                pass

    for d in law.definitions.values():
        walk(d.expr)
    for r in law.rules:
        walk(r.when)
        for e in r.exceptions:
            walk(e)
    for r in law.remedies:
        walk(r.when)
    if law.rules:
        out |= {"agency", "conduct"}
    return out


@dataclass(frozen=True)
class Axis:
    fact: ir.Fact
    classes: tuple


@dataclass(frozen=True)
class Space:
    axes: tuple
    size: int

    def total(self) -> int:
        n = 1
        for a in self.axes:
            n *= a.fact.size
        return n

    def _grid(self):
        return list(itertools.product(*[range(len(a.classes)) for a in self.axes]))

    def weights(self):
        return np.array([int(np.prod([len(a.classes[c]) for a, c in zip(self.axes, p)])) for p in self._grid()],
                        dtype=np.int64)

    def codes(self, fact):
        name = fact if isinstance(fact, str) else fact.name
        k = [a.fact.name for a in self.axes].index(name)
        return np.array([p[k] for p in self._grid()], dtype=np.int64)

    def scenario(self, i):
        p = self._grid()[i]
        return {a.fact.name: a.classes[c][0] for a, c in zip(self.axes, p)}


@dataclass(frozen=True)
class SpaceResult:
    verdict: np.ndarray
    remedy: np.ndarray
    remedy_key: np.ndarray
    remedy_keys: tuple
    deciding: dict
    granting: dict


def build_space(*laws, compress=True):
    facts: dict[str, ir.Fact] = {}
    used: set[str] = set()
    for law in laws:
        used |= _mentioned(law)
        for f in law.facts:
            facts.setdefault(f.name, f)
    axes = tuple(Axis(f, tuple((v,) for v in f.values) if name in used else (tuple(f.values),))
                 for name, f in facts.items())
    size = int(np.prod([len(a.classes) for a in axes])) if axes else 1
    return Space(axes, size)


def evaluate_space(law, space, assumptions=None):
    keys: list = []
    verdict, remedy, rkey = [], [], []
    deciding = {r.id: [] for r in law.rules}
    granting = {r.id: [] for r in law.remedies}
    known = {k: v for k, v in (assumptions or {}).items() if k in law.assumptions}
    for i in range(space.size):
        out = evaluate(law, space.scenario(i), known)
        verdict.append(_V[out.verdict])
        remedy.append(_R[out.remedy.status])
        if out.remedy.key not in keys:
            keys.append(out.remedy.key)
        rkey.append(keys.index(out.remedy.key))
        for r in law.rules:
            deciding[r.id].append(r.id in out.deciding)
        for r in law.remedies:
            granting[r.id].append(r.provision in out.remedy.provisions and r.gives)
    return SpaceResult(np.array(verdict, np.uint8), np.array(remedy, np.uint8), np.array(rkey, np.int64),
                       tuple(keys), {k: np.array(v, bool) for k, v in deciding.items()},
                       {k: np.array(v, bool) for k, v in granting.items()})
