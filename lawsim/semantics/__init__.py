"""Stage 2, semantics: from checked ASTs to a law version.

Input: parsed documents (:mod:`lawsim.syntax`).  Output: a
:class:`~lawsim.semantics.version.Version`: the law's IR (:mod:`lawsim.ir`),
the ASTs it came from, the bills applied in order and the typed provenance
of every change.  The passes, each its own module:

* :mod:`~lawsim.semantics.amend` - bills applied to a copy of the base AST;
* :mod:`~lawsim.semantics.declare`, :mod:`~lawsim.semantics.conditions`,
  :mod:`~lawsim.semantics.provisions`, :mod:`~lawsim.semantics.checks` -
  names declared and resolved, kinds checked, IR built, whole-law checks,
  run in order by :func:`~lawsim.semantics.lower.lower`;
* :mod:`~lawsim.semantics.version` - files read once, versions built once;
* :mod:`~lawsim.semantics.assume` - a law read with other assumptions.
"""

from lawsim.semantics.amend import apply_bills
from lawsim.semantics.filecheck import FileCheck, check_files
from lawsim.semantics.lower import lower
from lawsim.semantics.provenance import Action, Change, Provenance, Target
from lawsim.semantics.version import Loader, Version, build_law, check_file, from_document, load_version

__all__ = ["Action", "Change", "FileCheck", "Loader", "Provenance", "Target", "Version", "apply_bills", "build_law",
           "check_file", "check_files", "from_document", "load_version", "lower"]
