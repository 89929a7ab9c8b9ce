"""Stage 5b, pipeline: every way a person can reach ICE through city custody, and which a bill cuts.

Input: a checked :class:`~lawsim.ir.pipeline.Pipeline` and one or two
:class:`~lawsim.semantics.Version` values.  Output: a
:class:`~lawsim.pipeline.model.Reachability` (paths open under one
version, for which people) or a :class:`~lawsim.pipeline.model.PipelineDiff`
(paths a reform cuts, keeps or opens, for which people), exact over every
person profile.  Modules:

* :mod:`~lawsim.pipeline.graph` - the stages and edges as a directed graph, and its paths;
* :mod:`~lawsim.pipeline.profiles` - the space of person profiles;
* :mod:`~lawsim.pipeline.edges` - which contact points a version leaves open, per profile;
* :mod:`~lawsim.pipeline.reach` - the single-version and differential results.

The stage sits beside :mod:`lawsim.compare` and uses its region cover, so
people are described the way ``lawsim compare`` describes scenarios.
networkx and numpy are imported here, so only the pipeline command pays for them.
"""

from lawsim.pipeline.model import PipelineDiff, Reachability
from lawsim.pipeline.reach import differential, reachability

__all__ = ["PipelineDiff", "Reachability", "differential", "reachability"]
