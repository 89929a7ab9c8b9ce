"""Which engine answers a comparison: every point enumerated, or decision diagrams.

Stage: compare.  Input: the two laws and the engine asked for
(:class:`Engine`).  Output: the engine to use, or a :class:`LawError`
saying which limit a law too large for the engine asked for hits.

* ``space`` enumerates every point of the joint space (:mod:`lawsim.engine.fast`):
  fast for a few million points, and its memory grows with them;
* ``symbolic`` compiles both versions to decision diagrams
  (:mod:`lawsim.engine.symbolic`): its cost follows the diagrams' size,
  not the number of points.

``auto`` takes ``space`` up to :data:`SPACE_POINTS` points (within the
whole-space engine's memory budget), so the bundled laws keep the whole-space
engine's answer, and ``symbolic`` past it.  A space too large for ``space``
is refused by the whole-space engine's own budget check (E501); the symbolic
engine past its budget gives E502.
"""

from __future__ import annotations

from enum import StrEnum

from lawsim import ir
from lawsim.compare.semantic import _settings
from lawsim.diagnostics import Diagnostic, LawError
from lawsim.engine.space import BYTES_PER_POINT, BYTES_PER_SETTING, MAX_EVALUATION_BYTES
from lawsim.engine.symbolic import points


class Engine(StrEnum):
    """The engine a comparison is asked to use (``--engine``)."""

    AUTO = "auto"
    SPACE = "space"
    SYMBOLIC = "symbolic"


#: ``auto`` enumerates up to this many points (the bundled corpus has about 1.4 million), and only
#: while the whole-space engine's memory estimate is within its budget.
SPACE_POINTS = 1 << 22


def _bytes(n: int, settings: int) -> int:
    """The whole-space engine's own estimate (:func:`lawsim.engine.space.evaluation_bytes`) for ``n`` points."""
    return n * (BYTES_PER_POINT + BYTES_PER_SETTING * max(settings - 1, 0))


def choose(baseline: ir.Law, reform: ir.Law, engine: Engine = Engine.AUTO) -> Engine:
    """The engine to run (never AUTO).

    ``auto`` takes the whole-space engine for small spaces that fit its memory
    budget, the symbolic engine otherwise.  ``space`` asked for a space too
    large for it is refused by the whole-space engine itself (E501, from
    :func:`lawsim.engine.space.check_budget`) before anything is allocated.
    """
    match engine:
        case Engine.AUTO:
            n = points(baseline, reform)
            fits = _bytes(n, 1 + len(_settings(baseline, reform))) <= MAX_EVALUATION_BYTES
            return Engine.SPACE if n <= SPACE_POINTS and fits else Engine.SYMBOLIC
        case Engine.SPACE | Engine.SYMBOLIC:
            return engine
    raise AssertionError(engine)


def too_large(baseline: ir.Law, reform: ir.Law, reason: str) -> LawError:
    """E502: the symbolic engine, the last resort, ran past its budget."""
    return LawError([Diagnostic(
        "E502", f"these versions are too large for every engine: the symbolic engine {reason}", file=reform.name,
        notes=(f"comparing {baseline.name} with {reform.name}; split the law into parts that share fewer facts, "
               "or give number facts fewer values",))])
