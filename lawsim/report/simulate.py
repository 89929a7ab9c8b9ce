"""Render scenario runs: ``lawsim simulate`` (a grid) and ``lawsim test`` (expectations).

Input: a :class:`lawsim.scenarios.Simulation` or :class:`lawsim.scenarios.TestRun`.
Output: aligned text or a JSON-ready dict.  Traces are rendered by
:mod:`lawsim.report.explain` so that every command explains a verdict the
same way.  Nothing here evaluates anything.
"""

from __future__ import annotations

import os
from typing import Mapping, Sequence

from lawsim.engine.interpreter import Outcome
from lawsim.ir.vocab import outcome_words
from lawsim.report.outcomes import outcome_json, remedy_text, trace_lines
from lawsim.scenarios import Expectation, ExpectationResult, Scenario, Simulation, TestRun
from lawsim.semantics import Version

# ---------------------------------------------------------------- shared


def short_outcome(outcome: Outcome) -> str:
    """A verdict and remedy in a few words, for a table cell."""
    return outcome_words(outcome.verdict, outcome.remedy.status, brief=True)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], indent: str = "") -> list[str]:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return (indent + "  ".join(c.ljust(w) for c, w in zip(cells, widths))).rstrip()

    return [line(header), line(["-" * w for w in widths]), *(line(r) for r in rows)]


def _pairs(values: Mapping[str, object], true: str = "on", false: str = "off") -> str:
    """NAME=VALUE pairs; booleans are on/off for assumptions, yes/no for facts."""
    return ", ".join(f"{k}={(true if v else false) if isinstance(v, bool) else v}"
                     for k, v in values.items()) or "(none)"


def _facts(values: Mapping[str, object]) -> str:
    return _pairs(values, "yes", "no")


def _version_line(version: Version) -> str:
    law = version.law
    if not law.bills:
        return law.title
    base = os.path.basename(version.paths[0])
    base = base[:-4] if base.endswith(".law") else base
    return f"{base} with " + "; ".join(f"{b.number} ({b.title})" for b in law.bills)


def _version_json(version: Version) -> dict:
    return {"name": version.name, "spec": version.spec, "title": version.law.title, "files": list(version.paths),
            "bills": [{"number": b.number, "title": b.title} for b in version.law.bills]}


def _scenario_json(sc: Scenario) -> dict:
    # YAML reads `no`/`yes` as booleans; only yes/no facts may hold them, so show them as written
    # in the law's vocabulary.
    facts = {k: ("yes" if v else "no") if isinstance(v, bool) else v for k, v in sc.facts.items()}
    return {"id": sc.id, "file": sc.path, "title": sc.title, "source": list(sc.source), "story": sc.story,
            "facts": facts, "assumptions": dict(sc.assumptions)}


def _outcome_json(outcome: Outcome, explain: bool) -> dict:
    data = outcome_json(outcome)
    if not explain:
        del data["trace"]
    return data


# ---------------------------------------------------------------- simulate


def simulation_text(sim: Simulation, explain: bool = False) -> str:
    """The scenario x version table, a key to the scenarios and (with ``explain``) the traces."""
    names = [v.name for v in sim.versions]
    out = ["versions"]
    out += _table(["name", "what it is"], [[v.name, _version_line(v)] for v in sim.versions], "  ")[2:]
    out.append("")
    rows = []
    changed = False
    for sc, cells in zip(sim.scenarios, sim.rows):
        texts = [short_outcome(c.outcome) for c in cells]
        first = cells[0].outcome
        for i, cell in enumerate(cells[1:], 1):
            if (cell.outcome.verdict, cell.outcome.remedy.key) != (first.verdict, first.remedy.key):
                texts[i] += " *"
                changed = True
        rows.append([sc.id, *texts])
    out += _table(["scenario", *names], rows)
    if changed:
        out.append(f"* differs from {names[0]}")
    out.append("")
    out.append("scenarios")
    out += _table(["id", "title"], [[sc.id, sc.title] for sc in sim.scenarios], "  ")[2:]
    if explain:
        for sc, cells in zip(sim.scenarios, sim.rows):
            out += ["", f"{sc.id}: {sc.title}", f"  file: {sc.path}", f"  facts: {_facts(sc.facts)}"]
            if sc.assumptions:
                out.append(f"  assumptions: {_pairs(sc.assumptions)}")
            for cell in cells:
                out.append(f"  under {cell.version.name}: {cell.outcome.verdict}; {remedy_text(cell.outcome.remedy)}")
                out += trace_lines(cell.outcome, "    ")
    return "\n".join(out) + "\n"


def simulation_json(sim: Simulation, explain: bool = False, warnings: Sequence[dict] = ()) -> dict:
    return {
        "schema": "lawsim.simulate/1",
        "versions": [_version_json(v) for v in sim.versions],
        "scenarios": [
            {**_scenario_json(sc),
             "results": [{"version": c.version.name, "assumptions": dict(c.assumptions),
                          **_outcome_json(c.outcome, explain)} for c in cells]}
            for sc, cells in zip(sim.scenarios, sim.rows)
        ],
        "warnings": list(warnings),
    }


# ---------------------------------------------------------------- test


def _actual_words(result: ExpectationResult) -> str:
    """The outcome described with the same parts the expectation checks."""
    out, exp = result.outcome, result.expectation
    parts: list[str] = [out.verdict]
    if exp.remedy is not None or "remedy" in result.mismatches or out.verdict == "prohibited":
        parts.append(f"remedy {out.remedy.status}")
    if exp.plaintiffs is not None:
        parts.append(f"plaintiffs {', '.join(sorted(out.remedy.plaintiffs)) or '(none)'}")
    if exp.relief is not None:
        parts.append(f"relief {', '.join(sorted(out.remedy.relief)) or '(none)'}")
    return ", ".join(parts)


def _label(exp: Expectation) -> str:
    return exp.version + (f" [{_pairs(exp.assumptions)}]" if exp.assumptions else "")


def expectations_text(run: TestRun) -> str:
    """One line per expectation, then each failure in full, then 'N passed, M failed'."""
    by_scenario: dict[str, list[ExpectationResult]] = {}
    for r in run.results:
        by_scenario.setdefault(r.scenario.path, []).append(r)
    out: list[str] = []
    for path, results in by_scenario.items():
        out.append(f"{path}: {results[0].scenario.title}")
        rows = [["ok" if r.passed else "FAIL", _label(r.expectation),
                 _actual_words(r) if r.passed else f"expected {r.expectation.describe()}; got {_actual_words(r)}"]
                for r in results]
        widths = [max(len(row[i]) for row in rows) for i in range(2)]
        out += [f"  {a.ljust(widths[0])}  {b.ljust(widths[1])}  {c}" for a, b, c in rows]
    failures = [r for r in run.results if not r.passed]
    for r in failures:
        exp = r.expectation
        where = exp.span.location() if exp.span is not None else r.scenario.path
        out += ["", f"{where}: FAIL: {r.scenario.id} under {_label(exp)}",
                f"  expected: {exp.describe()}",
                f"  actual:   {_actual_words(r)}",
                f"  remedy:   {remedy_text(r.outcome.remedy)}",
                f"  facts:    {_facts(r.facts)}"]
        if r.assumptions:
            out.append(f"  assumed:  {_pairs(r.assumptions)}")
        out.append("  why:")
        out += trace_lines(r.outcome, "    ")
    if out:
        out.append("")
    out.append(f"{run.passed} passed, {run.failed} failed")
    return "\n".join(out) + "\n"



def _expected_json(exp: Expectation) -> dict:
    data: dict = {"verdict": exp.verdict}
    if exp.remedy is not None:
        data["remedy"] = exp.remedy
    if exp.plaintiffs is not None:
        data["plaintiffs"] = list(exp.plaintiffs)
    if exp.relief is not None:
        data["relief"] = list(exp.relief)
    return data


def expectations_json(run: TestRun, warnings: Sequence[dict] = ()) -> dict:
    results = []
    for r in run.results:
        exp = r.expectation
        results.append({
            "scenario": r.scenario.id, "file": r.scenario.path,
            "line": exp.span.line if exp.span else None, "column": exp.span.column if exp.span else None,
            "version": exp.version, "expected": _expected_json(exp), "assumptions": dict(r.assumptions),
            "facts": dict(r.facts), "passed": r.passed, "mismatches": list(r.mismatches),
            **outcome_json(r.outcome),
        })
    return {"schema": "lawsim.test/1", "ok": run.failed == 0, "passed": run.passed, "failed": run.failed,
            "results": results, "warnings": list(warnings)}

