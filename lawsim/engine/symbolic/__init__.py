"""Stage 4, engine: the symbolic engine - laws as decision diagrams, for spaces too large to enumerate.

* :mod:`~lawsim.engine.symbolic.backend` - the ``dd`` manager (CUDD when available).
* :mod:`~lawsim.engine.symbolic.encoding` - facts and assumptions as variables; exact
  weighted counts, witnesses and disjoint covers read off a diagram.
* :mod:`~lawsim.engine.symbolic.model` - a law's outputs (verdict, remedy, which rule
  decides, which remedy grants) as diagrams, with assumptions as variables.

The whole-space engine (:mod:`lawsim.engine.fast`) enumerates points; this one
never does, so its cost follows the diagrams' size.  docs/performance.md says
when compare uses which.
"""

from lawsim.engine.symbolic.backend import DiagramsTooLarge
from lawsim.engine.symbolic.encoding import Encoding, Node
from lawsim.engine.symbolic.model import Diagrams, Joint, Outcome, build_joint, points

__all__ = ["Diagrams", "DiagramsTooLarge", "Encoding", "Joint", "Node", "Outcome", "build_joint", "points"]
