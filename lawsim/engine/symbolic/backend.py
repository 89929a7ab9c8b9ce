"""Stage 4, engine: the decision-diagram library the symbolic engine runs on.

``dd`` gives reduced ordered binary decision diagrams through one API over
two implementations: ``dd.cudd`` (Cython over the CUDD C library, shipped
compiled in dd's wheels for CPython 3.11 on Linux x86-64) and ``dd.autoref``
(pure Python).  lawsim uses CUDD when it imports and the pure-Python one
otherwise: the answers are the same (lawsim never uses CUDD's floating-point
model count; see :mod:`lawsim.engine.symbolic.encoding`), only the speed differs.

Variable reordering stays off: the encoding relies on each fact's bits being
contiguous and in a fixed order (agency, conduct, then the other facts by
name), and a fixed order keeps results deterministic.
"""

from __future__ import annotations

from typing import Any

#: Bytes CUDD may use before it gives up (the symbolic engine's memory budget).
MAX_MEMORY = 4 << 30


class DiagramsTooLarge(Exception):
    """The decision diagrams outgrew the memory budget."""


def new_manager() -> tuple[Any, str]:
    """A fresh diagram manager with reordering off, and the implementation's name."""
    try:
        from dd import cudd

        bdd = cudd.BDD(memory_estimate=256 << 20)
        bdd.configure(reordering=False, max_memory=MAX_MEMORY)
        return bdd, "cudd"
    except ImportError:  # pragma: no cover - a platform without dd's compiled wheel
        from dd import autoref

        bdd = autoref.BDD()
        bdd.configure(reordering=False)
        return bdd, "autoref"
