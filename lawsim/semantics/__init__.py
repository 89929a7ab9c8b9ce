"""Stage 2, semantics: check ASTs, apply bills, and lower to IR.

* :func:`lower` resolves names, type-checks conditions and cross-references
  and builds a :class:`lawsim.ir.Law`.
* :func:`apply_bills` applies bills to a copy of a base law's AST.
* :func:`load_version` reads a version spec (``law.law``, ``bill.law`` or
  ``a.law+b.law``) from disk and returns the checked law.
"""

from lawsim.semantics.amend import apply_bills
from lawsim.semantics.load import Version, load_document, load_version
from lawsim.semantics.lower import lower

__all__ = ["apply_bills", "load_document", "load_version", "lower", "Version"]
