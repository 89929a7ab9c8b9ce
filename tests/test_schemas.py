"""The JSON Schemas in lawsim/schemas/ describe what lawsim really prints and reads.

Every JSON output a test gets through CliRunner is validated against its
schema by the autouse fixture in conftest.py; here, each schema is checked
to be a valid draft 2020-12 schema, to have at least one real output
validated (``OUTPUTS``), to list keys in the order lawsim prints them, to
name the closed vocabularies as lawsim/ir/vocab.py does, and the scenario
schema to accept every bundled scenario file.

A schema for a new output is one file in lawsim/schemas/ and one line in
``OUTPUTS`` below (see docs/schemas.md).
"""

from __future__ import annotations

import json
import re

import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT
from jsonschema import Draft202012Validator

from lawsim import schemas
from lawsim.cli import cli
from lawsim.ir.vocab import RemedyStatus, StepStatus, Verdict

# (schema, the command whose output it describes, run from the repository root).
OUTPUTS = [
    ("check", ["check", "--format", "json", "bills/current.law", "bills/powers.law"]),
    ("error", ["test", "--format", "json", "tests/data/scenarios/errors/unknown-fact.yaml"]),
    ("explain", ["explain", "--format", "json", "bills/powers.law", "--scenario",
                 "scenarios/apr-2017-pickup-coordination.yaml"]),
    ("simulate", ["simulate", "--format", "json", "--explain", "current", "powers", "-s", "scenarios/"]),
    ("test", ["test", "--format", "json", "tests/data/scenarios/failing"]),
    ("compare", ["compare", "--format", "json", "tests/data/compare/bills/base.law",
                 "tests/data/compare/bills/mixed.law"]),
    ("compare", ["compare", "--format", "json", "--engine", "symbolic", "tests/data/compare/bills/base.law",
                 "tests/data/compare/bills/mixed.law"]),
]
DOCUMENTS = {"scenario"}  # schemas of files lawsim reads, not of outputs


def _scenario_files() -> list:
    found = [*ROOT.glob("scenarios/*.yaml"), *ROOT.glob("examples/**/*.yaml"),
             *ROOT.glob("tests/data/scenarios/cases/*.yaml"), *ROOT.glob("tests/data/compare/scenarios/*.yaml")]
    return sorted(found)


def test_every_schema_is_a_valid_draft_2020_12_schema():
    assert set(schemas.names()) >= {"check", "explain", "simulate", "test", "compare", "error", "scenario"}
    for name in schemas.names():
        schema = schemas.load(name)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        Draft202012Validator.check_schema(schema)


def test_every_output_schema_has_a_real_output_checked_here():
    assert {name for name, _ in OUTPUTS} == set(schemas.names()) - DOCUMENTS


def test_every_schema_name_printed_by_lawsim_has_a_schema():
    declared = set()
    for path in (ROOT / "lawsim").rglob("*.py"):
        declared |= set(re.findall(r'"lawsim\.([a-z_]+)/\d+"', path.read_text(encoding="utf-8")))
    assert declared <= set(schemas.names())


@pytest.mark.parametrize("name, args", OUTPUTS, ids=[name for name, _ in OUTPUTS])
def test_a_real_output_matches_its_schema_in_key_order(name, args, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(cli, args)  # the conftest fixture validates it against its schema
    document = json.loads(result.stdout)
    assert schemas.for_document(document) == name
    errors = list(Draft202012Validator(schemas.load(name)).iter_errors(document))
    assert not errors, errors[0].message
    # The schema lists the keys in the order lawsim prints them, so it documents the order too.
    assert list(document) == list(schemas.load(name)["properties"])


def test_golden_json_files_match_their_schemas():
    goldens = sorted((ROOT / "tests" / "golden").rglob("*.json"))
    assert goldens
    for path in goldens:
        document = json.loads(path.read_text(encoding="utf-8"))
        errors = list(Draft202012Validator(schemas.load(schemas.for_document(document))).iter_errors(document))
        assert not errors, f"{path}: {errors[0].message}"


@pytest.mark.parametrize("path", _scenario_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_bundled_scenario_files_match_the_scenario_schema(path):
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = list(Draft202012Validator(schemas.load("scenario")).iter_errors(document))
    assert not errors, f"{path}: {errors[0].message}"


def test_the_scenario_schema_catches_what_lawsim_refuses():
    validator = Draft202012Validator(schemas.load("scenario"))
    assert not validator.is_valid({"title": "x", "facts": {}, "expcet": {}})  # misspelt key
    assert not validator.is_valid({"title": "x", "facts": {}, "expect": {"current": "allowed"}})
    assert not validator.is_valid({"title": "x", "facts": {}, "expect": {"current": {"remedy": "none"}}})
    assert not validator.is_valid({"facts": {}})  # no title
    assert validator.is_valid({"title": "x", "facts": {"agency": "doc"},
                               "expect": {"powers+hanif": [{"verdict": "prohibited", "remedy": "available",
                                                            "plaintiffs": ["person"]}]}})


def test_schema_vocabularies_are_lawsim_s():
    common = schemas.load("compare")["$defs"]
    assert common["verdict"]["enum"] == [v.value for v in Verdict]
    assert common["remedy_status"]["enum"] == [r.value for r in RemedyStatus]
    assert common["step_status"]["enum"] == [s.value for s in StepStatus]


def _table_keys(page: str, heading: str) -> list[str]:
    section = re.search(rf"^#+ {re.escape(heading)}\n(.*?)(?=^#|\Z)", page, flags=re.S | re.M).group(1)
    return [key for row in re.findall(r"^\| (`[^|]+`) \|", section, flags=re.M) for key in re.findall(r"`(\w+)`", row)]


def test_compare_json_doc_lists_keys_in_output_order(monkeypatch):
    page = (ROOT / "docs" / "compare-json.md").read_text(encoding="utf-8")
    monkeypatch.chdir(ROOT)
    data = "tests/data/compare/bills"
    # The symbolic engine's output: it has every key, 'readings' included.
    out = json.loads(CliRunner().invoke(cli, ["compare", "--format", "json", f"{data}/base.law", f"{data}/mixed.law",
                                              "--engine", "symbolic",
                                              "--scenarios", "tests/data/compare/scenarios"]).stdout)
    assert _table_keys(page, "Top level") == list(schemas.load("compare")["properties"]) == list(out)
    sections = {"version": out["baseline"], "summary": out["summary"], "structure": out["structure"],
                "provision change": out["structure"]["provisions"][0], "pair": out["by_agency_and_conduct"][0],
                "region": out["regions"][0], "setting": out["assumptions"][0], "case": out["cases"][0]}
    for heading, example in sections.items():
        assert _table_keys(page, heading) == list(example), heading


def test_lawsim_schema_prints_a_standalone_schema(monkeypatch):
    result = CliRunner().invoke(cli, ["schema", "scenario"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == schemas.load("scenario")
    listed = CliRunner().invoke(cli, ["schema"])
    assert listed.stdout.split() == list(schemas.names())
    wrong = CliRunner().invoke(cli, ["schema", "scenarios"])
    assert wrong.exit_code == 2 and "did you mean 'scenario'" in wrong.output
