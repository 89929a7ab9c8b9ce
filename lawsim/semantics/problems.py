"""The errors and warnings that the semantic passes of one law collect.

Every pass reports into one :class:`Problems`, so all name, type and
reference errors of a law are raised together at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from lawsim.diagnostics import Diagnostic, Label, Severity
from lawsim.source import Span


@dataclass
class Problems:
    errors: list[Diagnostic] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)

    def error(self, code: str, message: str, span: Span | None, labels: Iterable[Label] = (),
              notes: Iterable[str] = ()) -> None:
        self.errors.append(Diagnostic(code, message, span=span, labels=tuple(labels), notes=tuple(notes)))

    def warn(self, code: str, message: str, span: Span | None, notes: Iterable[str] = ()) -> None:
        self.warnings.append(Diagnostic(code, message, span=span, notes=tuple(notes), severity=Severity.WARNING))
