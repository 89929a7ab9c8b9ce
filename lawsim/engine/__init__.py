"""Stage 4, engine: evaluate a law version on scenarios.

* :mod:`lawsim.engine.interpreter` - the reference interpreter: one
  scenario, a verdict, a remedy and a full trace.  Its behaviour is the
  semantics documented in docs/language.md.
* :mod:`lawsim.engine.space` - the scenario space of a law (every
  combination of fact values) and its compression into classes.
* :mod:`lawsim.engine.circuit` - a law compiled to a boolean circuit over
  a space's classes (the interpreter's semantics as formulas).
* :mod:`lawsim.engine.fast` - bit-parallel evaluation of a whole space,
  checked against the interpreter by property tests.
* :mod:`lawsim.engine.explanation` - one scenario, one version, the result
  that ``lawsim explain`` renders.

``space`` and ``circuit`` need no numpy; ``fast`` imports it, so import it
only where whole spaces are evaluated (CLI start-up stays quick).  The
benchmark's counting kernel (the same circuit, counted without expanding
bits) is ``benchmarks/count_kernel.py``.
"""

from lawsim.engine.interpreter import MissingFact, Outcome, RemedyResult, Trace, evaluate

__all__ = ["MissingFact", "Outcome", "RemedyResult", "Trace", "evaluate"]
