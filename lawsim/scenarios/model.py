"""Scenario data: what one scenario file says, as frozen values.

Built by :mod:`lawsim.scenarios.load` from YAML; consumed by
:mod:`lawsim.scenarios.check` (facts against a law version) and
:mod:`lawsim.scenarios.run` (evaluation and expectations).  Spans point back
into the scenario file and never take part in equality.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from lawsim.ir.vocab import RemedyStatus, Verdict
from lawsim.source import Span

#: A fact value as written in the file: YAML text, a whole number, or a YAML boolean.
RawValue = str | int | bool


def _meta(**kwargs):
    """A field that rides along (positions in the file) but is left out of equality."""
    if "default_factory" not in kwargs:
        kwargs.setdefault("default", None)
    return field(compare=False, repr=False, **kwargs)


@dataclass(frozen=True)
class Expectation:
    """What a scenario file expects under one version of the law.

    ``version`` is a version name made of file stems joined by '+'
    (``current``, ``powers+hanif``).  ``remedy``, ``plaintiffs`` and
    ``relief`` are ``None`` when the file does not check them.
    ``assumptions`` are set for this expectation only, on top of the
    scenario's own.
    """

    version: str
    verdict: Verdict
    remedy: RemedyStatus | None = None
    plaintiffs: tuple[str, ...] | None = None
    relief: tuple[str, ...] | None = None
    assumptions: Mapping[str, bool] = field(default_factory=dict)
    #: The version key in the file (where a failure is reported).
    span: Span | None = _meta()
    #: Where each checked part was written: 'verdict', 'remedy', 'plaintiff:NAME',
    #: 'relief:NAME', 'assume:NAME' -> span of the value or name.
    spans: Mapping[str, Span] = _meta(default_factory=dict)

    def describe(self) -> str:
        """The expectation in words, e.g. 'prohibited, remedy none'."""
        parts: list[str] = [self.verdict]
        if self.remedy is not None:
            parts.append(f"remedy {self.remedy}")
        if self.plaintiffs is not None:
            parts.append(f"plaintiffs {', '.join(self.plaintiffs) or '(none)'}")
        if self.relief is not None:
            parts.append(f"relief {', '.join(self.relief) or '(none)'}")
        return ", ".join(parts)


@dataclass(frozen=True)
class Scenario:
    """One custody situation from one scenario file.

    ``id`` is the file name without its extension.  ``facts`` holds the
    values as written (YAML booleans stay booleans, so a yes/no fact can be
    written ``no``); :func:`lawsim.scenarios.scenario_facts` converts them
    for a given law version.  ``assumptions`` apply to every version.
    """

    id: str
    path: str
    title: str
    source: tuple[str, ...]
    story: str
    facts: Mapping[str, RawValue]
    expectations: tuple[Expectation, ...] = ()
    assumptions: Mapping[str, bool] = field(default_factory=dict)
    #: The 'facts' key: where a missing fact is reported.
    facts_span: Span | None = _meta()
    #: Fact name -> span of its value (for values outside a fact's domain).
    fact_spans: Mapping[str, Span] = _meta(default_factory=dict)
    #: Fact name -> span of the name (for unknown facts).
    fact_name_spans: Mapping[str, Span] = _meta(default_factory=dict)
    #: Assumption name -> span of the name in the file-level 'assume'.
    assumption_spans: Mapping[str, Span] = _meta(default_factory=dict)
