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

import atexit
import gc
import sys
from typing import Any

#: Bytes CUDD may use before it gives up (the symbolic engine's memory budget).
MAX_MEMORY = 4 << 30


class DiagramsTooLarge(Exception):
    """The decision diagrams outgrew the memory budget."""


#: Every CUDD manager made and perhaps still in use (see :func:`_at_exit`).
_MANAGERS: list[Any] = []


def _quiet(info) -> None:
    """``sys.unraisablehook`` minus CUDD's complaint about a manager freed with diagrams left.

    When the cyclic collector frees diagrams together with their manager it
    may unlink a diagram from the manager before the diagram releases its
    nodes; the manager's destructor then finds live nodes and raises, which
    Python can only print ("Still N nodes referenced upon shutdown").  No
    answer is affected by then, so that one message stays off the terminal.
    """
    if isinstance(info.exc_value, AssertionError) and "nodes referenced upon shutdown" in str(info.exc_value):
        return
    sys.__unraisablehook__(info)


def _at_exit() -> None:
    """Free what can be freed while the hook above still stands; keep the rest for the OS.

    During interpreter finalization the hook is gone and objects die in no
    particular order, so a manager still referenced then is kept alive on
    purpose: the process is ending and its memory goes back to the system.
    """
    hook, sys.unraisablehook = sys.unraisablehook, _quiet
    try:
        gc.collect()
        for manager in _MANAGERS:
            if sys.getrefcount(manager) > 3:  # held by someone besides this list, the loop and the call
                import ctypes

                ctypes.pythonapi.Py_IncRef(ctypes.py_object(manager))
        _MANAGERS.clear()
        gc.collect()
    finally:
        sys.unraisablehook = hook


def new_manager() -> tuple[Any, str]:
    """A fresh diagram manager with reordering off, and the implementation's name."""
    try:
        from dd import cudd

        if not _MANAGERS:
            atexit.unregister(_at_exit)  # registered once however often the list empties
            atexit.register(_at_exit)
        # Managers nobody else holds any more (only this list and the call) can go.
        _MANAGERS[:] = [m for m in _MANAGERS if sys.getrefcount(m) > 3]
        bdd = cudd.BDD(memory_estimate=256 << 20)
        bdd.configure(reordering=False, max_memory=MAX_MEMORY)
        _MANAGERS.append(bdd)
        return bdd, "cudd"
    except ImportError:  # pragma: no cover - a platform without dd's compiled wheel
        from dd import autoref

        bdd = autoref.BDD()
        bdd.configure(reordering=False)
        return bdd, "autoref"
