"""Which engine answers a comparison: every point enumerated, or decision diagrams.

Stage: compare.  Input: the two laws and the engine asked for
(:class:`Engine`).  Output: the engine to use, or a :class:`LawError`
saying which limit a law too large for the engine asked for hits.

* ``space`` enumerates every point of the joint space (:mod:`lawsim.engine.fast`):
  fast for a few million points, and its memory grows with them;
* ``symbolic`` compiles both versions to decision diagrams
  (:mod:`lawsim.engine.symbolic`): its cost follows the diagrams' size,
  not the number of points.

``auto`` takes ``space`` up to :data:`SPACE_POINTS` points, so the bundled laws
keep the whole-space engine's answer, and ``symbolic`` past it.
"""

from __future__ import annotations

from enum import StrEnum

from lawsim import ir
from lawsim.diagnostics import Diagnostic, LawError
from lawsim.engine.symbolic import points


class Engine(StrEnum):
    """The engine a comparison is asked to use (``--engine``)."""

    AUTO = "auto"
    SPACE = "space"
    SYMBOLIC = "symbolic"


#: ``auto`` enumerates up to this many points (the bundled corpus has about 1.4 million).
SPACE_POINTS = 1 << 22
#: The whole-space engine refuses more points than this: about 190 bytes a point
#: (docs/performance.md) would ask for more than 12 GiB.
SPACE_LIMIT = 1 << 26


def choose(baseline: ir.Law, reform: ir.Law, engine: Engine = Engine.AUTO) -> Engine:
    """The engine to run (never AUTO); LawError E501 when ``space`` is asked for a space too large for it."""
    n = points(baseline, reform)
    match engine:
        case Engine.AUTO:
            return Engine.SPACE if n <= SPACE_POINTS else Engine.SYMBOLIC
        case Engine.SPACE:
            if n > SPACE_LIMIT:
                raise LawError([Diagnostic(
                    "E501", f"the whole-space engine cannot compare these versions: their joint space has {n:,} "
                    f"points, more than its limit of {SPACE_LIMIT:,}", file=reform.name,
                    notes=("the symbolic engine answers exactly without enumerating points: "
                           "use --engine symbolic or --engine auto",))])
            return engine
        case Engine.SYMBOLIC:
            return engine
    raise AssertionError(engine)


def too_large(baseline: ir.Law, reform: ir.Law, reason: str) -> LawError:
    """E502: the symbolic engine, the last resort, ran past its budget."""
    return LawError([Diagnostic(
        "E502", f"these versions are too large for every engine: the symbolic engine {reason}", file=reform.name,
        notes=(f"comparing {baseline.name} with {reform.name}; split the law into parts that share fewer facts, "
               "or give number facts fewer values",))])
