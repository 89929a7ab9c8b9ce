"""The Python API for notebooks and scripts: ``lawsim.load``, ``lawsim.compare``, ``lawsim.LawError``.

Layer: beside the command line, on top of :mod:`lawsim.api`.  Each result
is an object a notebook shows well (``_repr_html_``), that turns into plain
data (``to_dict()``, the same document as ``--format json``), and whose
tables are lists of records that ``pandas.DataFrame`` takes as they are;
pandas itself is never needed.  Every problem is raised as one exception
type, :class:`LawError`, worded for a Python caller and carrying the
diagnostics (file, line, column) when the problem is in a file.

    >>> import lawsim
    >>> current = lawsim.load("bills/current.law")
    >>> result = lawsim.compare(current, "bills/powers.law")
    >>> result.changed
    True
"""

from __future__ import annotations

import html
from contextlib import contextmanager
from typing import TYPE_CHECKING, Iterable, Iterator, Mapping

from lawsim import api
from lawsim import diagnostics as _diagnostics
from lawsim.semantics import Version

if TYPE_CHECKING:
    from lawsim.compare import Comparison as _Comparison
    from lawsim.engine.explanation import Explanation as _Explanation

__all__ = ["Comparison", "Explained", "Law", "LawError", "compare", "load"]


class LawError(_diagnostics.LawError):
    """A law, a scenario file or an argument lawsim cannot use.

    ``diagnostics`` holds each problem found in a file (code, message,
    file:line:column); it is empty when the problem is an argument (an
    unknown fact, a version with no file).  ``str(err)`` is the whole
    report, with the offending lines and carets, ready to print.
    """

    def __init__(self, diagnostics: Iterable[_diagnostics.Diagnostic] = (), message: str | None = None):
        super().__init__(diagnostics)
        self.message = message if message is not None else _diagnostics.render_all(self.diagnostics)
        self.args = (self.message,)

    def __str__(self) -> str:
        return self.message


@contextmanager
def _raised_as_law_errors() -> Iterator[None]:
    try:
        yield
    except LawError:
        raise
    except _diagnostics.LawError as err:
        raise LawError(err.diagnostics) from None
    except _diagnostics.UsageError as err:
        raise LawError((), err.for_python) from None


def _settings(values: Mapping[str, object] | None) -> dict[str, str]:
    """Python values (True, 5) as the words the API reads ('on', '5')."""
    out = {}
    for name, value in (values or {}).items():
        out[name] = ("on" if value else "off") if isinstance(value, bool) else str(value)
    return out


def _facts(values: Mapping[str, object]) -> dict[str, str]:
    return {name: ("yes" if value else "no") if isinstance(value, bool) else str(value)
            for name, value in values.items()}


def _pre(text: str) -> str:
    return f'<pre style="white-space: pre-wrap;">{html.escape(text)}</pre>'


class Law:
    """One version of the law: a law file, or a law with bills applied (``lawsim.load``)."""

    def __init__(self, version: Version):
        self.version = version

    @property
    def name(self) -> str:
        return self.version.name

    @property
    def title(self) -> str:
        return self.version.law.title

    @property
    def facts(self) -> list[dict]:
        """The facts a scenario gives, as records: name, description, kind and values."""
        from lawsim.ir.values import domain_text
        from lawsim.ir.vocab import FactKind

        return [{"fact": f.name, "description": f.description, "kind": str(f.kind),
                 "values": domain_text(f) if f.kind == FactKind.INT else ", ".join(map(str, f.values))}
                for f in self.version.law.facts]

    @property
    def provisions(self) -> list[dict]:
        """The provisions, as records: citation and caption."""
        return [{"provision": p.id, "caption": p.caption} for p in self.version.law.provisions]

    def to_dict(self) -> dict:
        law = self.version.law
        return {"name": self.name, "spec": self.version.spec, "title": law.title, "files": list(self.version.paths),
                "bills": [{"number": b.number, "title": b.title} for b in law.bills],
                "provisions": self.provisions, "facts": self.facts}

    def explain(self, facts: Mapping[str, object] | None = None, *, scenario: str | None = None,
                assume: Mapping[str, bool] | None = None, **more_facts: object) -> "Explained":
        """The verdict and remedy for one scenario under this version, and why.

        Facts are given as a mapping or as keywords (``agency="doc"``,
        ``tsdb_match=False``, ``years_since_conviction=2``), on top of those of
        the scenario file ``scenario`` if one is named.
        """
        given = _facts({**(facts or {}), **more_facts})
        with _raised_as_law_errors():
            return Explained(api.explain_loaded(self.version, given, _settings(assume), scenario))

    def __repr__(self) -> str:
        return f"<lawsim.Law {self.name}: {self.title}>"

    def _repr_html_(self) -> str:
        law = self.version.law
        bills = "".join(f"<br>with bill {html.escape(b.number)}: {html.escape(b.title)}" for b in law.bills)
        return (f"<div><strong>{html.escape(self.name)}</strong>: {html.escape(law.title)}{bills}"
                f"<br>{len(law.provisions)} provisions, {len(law.facts)} facts</div>")


class Explained:
    """The outcome of one scenario under one version, with its trace (``Law.explain``)."""

    def __init__(self, explanation: "_Explanation"):
        self.explanation = explanation

    @property
    def verdict(self) -> str:
        return str(self.explanation.outcome.verdict)

    @property
    def remedy(self) -> str:
        return str(self.explanation.outcome.remedy.status)

    def to_dict(self) -> dict:
        from lawsim.report.explain import explanation_json

        return explanation_json(self.explanation)

    def __str__(self) -> str:
        from lawsim.report.explain import explanation_text

        return explanation_text(self.explanation)

    def __repr__(self) -> str:
        return f"<lawsim.Explained {self.verdict}, remedy {self.remedy}>"

    def _repr_html_(self) -> str:
        return _pre(str(self))


class Comparison:
    """What changes from one version to another, over every scenario (``lawsim.compare``)."""

    def __init__(self, comparison: "_Comparison"):
        from lawsim.report.compare_view import build

        self.comparison = comparison
        self.view = build(comparison)

    @property
    def changed(self) -> bool:
        """Anything differs: a provision, a fact, the default or an outcome."""
        return self.comparison.changed

    @property
    def in_short(self) -> list[str]:
        """The findings in plain words, as the reports open with them."""
        return list(self.view.in_short)

    @property
    def regions(self) -> list[dict]:
        """Every region of changed scenarios as a record (``pandas.DataFrame(result.regions)`` works)."""
        from lawsim.report.notebook import region_records

        return region_records(self.view)

    @property
    def cases(self) -> list[dict]:
        """The documented cases read (scenario files) as records: outcome under each version, and the change."""
        from lawsim.report.notebook import case_records

        return case_records(self.view)

    def to_dict(self) -> dict:
        """The ``lawsim compare --format json`` document (schema lawsim.compare/1)."""
        from lawsim.report.compare_json import report_json

        return report_json(self.comparison, self.view)

    def text(self, limit: int = 20, traces: bool = False) -> str:
        """The text report, as ``lawsim compare`` prints it."""
        from lawsim.report.compare_text import render

        return render(self.view, color=False, limit=limit, traces=traces)

    def html(self) -> str:
        """The whole report as one self-contained HTML page (``--format html``)."""
        from lawsim.report.compare_html import render_html

        return render_html(self.comparison)

    def __repr__(self) -> str:
        return f"<lawsim.Comparison {self.view.baseline.name} -> {self.view.reform.name}: " \
               f"{self.view.changed:,} of {self.view.total:,} scenarios change>"

    def _repr_html_(self) -> str:
        from lawsim.report.notebook import comparison_fragment

        return comparison_fragment(self.view)


def load(spec: str, laws_dir: str | None = None) -> Law:
    """Load one version of the law.

    ``spec`` is a law file (``"bills/current.law"``), a bill file (its base
    law with the bill applied), files joined by ``+`` (applied in order), or
    a bare name (``"powers+hanif"``) looked up in ``laws_dir``, else
    ``./bills``, else the laws bundled with lawsim.  Raises :class:`LawError`.
    """
    with _raised_as_law_errors():
        return Law(api.load_version(spec, laws_dir))


def compare(baseline: Law | str, reform: Law | str, *, scenarios: Iterable[str] | None = None,
            assume: Mapping[str, bool] | None = None, params: Mapping[str, int] | None = None,
            engine: str = "auto") -> Comparison:
    """Compare two versions (loaded with :func:`load`, or given as for :func:`load`).

    ``scenarios`` are scenario files or folders whose documented cases to
    report (default: the ``scenarios`` folder beside the baseline's folder;
    ``[]`` for none); ``assume`` sets assumptions (``{"specific_sections_prevail":
    False}``) and ``params`` parameters (``{"lookback_years": 10}``) in both
    versions; ``engine`` is ``"auto"``, ``"space"`` or ``"symbolic"`` (as ``--engine``).
    Raises :class:`LawError`.
    """
    with _raised_as_law_errors():
        if engine not in ("auto", "space", "symbolic"):
            raise LawError((), f"engine {engine!r}: expected one of auto, space, symbolic")
        base = baseline if isinstance(baseline, Law) else load(baseline)
        new = reform if isinstance(reform, Law) else load(reform)
        return Comparison(api.compare_loaded(base.version, new.version, scenarios, _settings(assume),
                                             _settings(params), engine=engine))
