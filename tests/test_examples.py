"""The worked examples under examples/ stay correct: they check, are formatted, and their cases pass."""

from __future__ import annotations

from click.testing import CliRunner
from conftest import ROOT

from lawsim import api
from lawsim.cli import cli
from lawsim.compare.structure import Modified, Removed

CHICAGO = ROOT / "examples" / "chicago"
LAW, BILL = str(CHICAGO / "bills" / "welcoming-city.law"), str(CHICAGO / "bills" / "o2021-117.law")


PIPELINE = str(CHICAGO / "bills" / "chicago-pipeline.law")


def test_the_chicago_files_check_and_are_formatted():
    runner = CliRunner()
    assert runner.invoke(cli, ["check", LAW, BILL, PIPELINE]).exit_code == 0
    assert runner.invoke(cli, ["fmt", "--check", LAW, BILL, PIPELINE]).exit_code == 0


def test_the_chicago_pipeline_is_found_beside_its_law_and_the_amendment_cuts_paths():
    from lawsim.pipeline.model import PathChange

    diff = api.pipeline([LAW], BILL)
    assert diff.pipeline.path == PIPELINE
    assert diff.count(PathChange.CUT) == 3 and diff.count(PathChange.OPENED) == 0
    assert diff.reachable[1] < diff.reachable[0]


def test_every_chicago_expectation_passes():
    run = api.run_scenario_tests([str(CHICAGO / "scenarios")])
    assert run.failed == 0 and run.passed >= 9


def test_the_chicago_amendment_closes_loopholes_and_moves_a_subdivision():
    comparison = api.compare(LAW, BILL)
    assert comparison.semantics.count("loophole_closed") > 0
    assert comparison.semantics.count("loophole_opened") == 0
    changes = {(type(c).__name__, getattr(c, "id", None) or c.provision.id) for c in comparison.structure.provisions}
    assert ("Removed", "2-173-042(c)") in changes
    moved = [c for c in comparison.structure.provisions if isinstance(c, Modified) and c.renumbered]
    assert [(c.baseline.id, c.reform.id) for c in moved] == [("2-173-042(b)(2)", "2-173-042(c)")]
    assert not any(isinstance(c, Removed) and c.provision.id == "2-173-042(b)(2)"
                   for c in comparison.structure.provisions)
    assert comparison.reform.law.title.endswith("as amended by O2021-117")
    # No witness is a situation the constraints rule out.
    for region in comparison.semantics.regions:
        scenario = dict(region.witness.scenario)
        assert not (scenario["presented"] == "criminal_warrant" and scenario["warrant_found"] == "no")
