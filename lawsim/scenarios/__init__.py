"""Scenario files: documented custody situations with expected verdicts.

A scenario file (YAML, one situation per file; the format is described in
scenarios/README.md) gives the facts of a situation and, for some versions
of the law, the verdict and remedy it expects.  This package sits beside the
pipeline, feeding it scenarios:

* :mod:`~lawsim.scenarios.load` - YAML text to :class:`Scenario` values,
  with every problem reported at its file:line:column;
* :mod:`~lawsim.scenarios.check` - a scenario's facts and assumptions in the
  terms of one law version;
* :mod:`~lawsim.scenarios.run` - evaluation with the reference interpreter:
  :func:`simulate` (a scenario x version grid) and :func:`run_expectations`
  (``lawsim test``).
"""

from lawsim.scenarios.check import resolve_assumptions, scenario_facts
from lawsim.scenarios.load import load_scenarios, parse_scenario, scenario_files
from lawsim.scenarios.model import Expectation, Scenario
from lawsim.scenarios.run import (
    Cell,
    ExpectationResult,
    Simulation,
    TestRun,
    VersionLoader,
    run_expectations,
    simulate,
    undeclared,
)

__all__ = [
    "Cell", "Expectation", "ExpectationResult", "Scenario", "Simulation", "TestRun",
    "VersionLoader", "load_scenarios", "parse_scenario", "resolve_assumptions",
    "run_expectations", "scenario_facts", "scenario_files", "simulate", "undeclared",
]
