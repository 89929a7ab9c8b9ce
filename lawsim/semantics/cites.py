"""Citation helpers shared by the semantic passes and reports."""

from __future__ import annotations

import re
from typing import Iterable

_PART = re.compile(r"\d+|[A-Za-z]+")


def cite_sort_key(cite: str) -> tuple:
    """Natural order: 9-131(b) < 9-131(h) < 9-205 < 10-178 < 14-154."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in _PART.findall(cite))


#: What may follow a citation in a longer citation under it: a subdivision or a further part.
_UNDER = ("(", "-", ".", "/")


def covered(cite: str, provision_ids: Iterable[str]) -> list[str]:
    """Provisions that a citation designates: itself and everything under it.

    '9-131' designates '9-131(b)' and '9-131(h)(1)'; '9-131(h)' designates
    '9-131(h)(1)' but not '9-131(i)'; '2-173' designates '2-173-042(a)';
    '10-17' designates nothing of '10-178' (a citation extends another only
    at a separator).
    """
    return sorted((p for p in provision_ids if p == cite or p.startswith(tuple(cite + u for u in _UNDER))),
                  key=cite_sort_key)
