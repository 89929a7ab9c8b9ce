"""The notebook API (lawsim.load, lawsim.compare, lawsim.LawError): plain data, HTML, Python-worded errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT
from jsonschema import Draft202012Validator

import lawsim
from lawsim import schemas

BILLS = ROOT / "tests" / "data" / "compare" / "bills"


@pytest.fixture(scope="module")
def result():
    return lawsim.compare(str(BILLS / "base.law"), str(BILLS / "mixed.law"), scenarios=[])


def test_import_lawsim_is_light():
    heavy = "('numpy', 'lark', 'lawsim.engine', 'jinja2')"
    code = f"import sys, lawsim; print(sorted(m for m in {heavy} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_to_dict_is_the_compare_json_document(result):
    document = result.to_dict()
    assert document["schema"] == "lawsim.compare/1"
    assert not list(Draft202012Validator(schemas.load("compare")).iter_errors(document))
    json.dumps(document)  # plain data


def test_regions_are_flat_records_that_add_up(result):
    records = result.regions
    assert records and all(isinstance(r, dict) for r in records)
    assert sum(r["scenarios"] for r in records) == result.to_dict()["summary"]["changed"]
    for record in records:
        assert all(isinstance(v, (str, int)) for v in record.values())
        assert type(record["kind"]) is str
    assert [r["region"] for r in records] == [r["number"] for r in result.to_dict()["regions"]]


def test_repr_html_shows_the_findings(result):
    page = result._repr_html_()
    assert page.startswith("<div") and "<script" not in page
    for line in result.in_short:
        assert line.replace("'", "&#39;").replace('"', "&#34;") in page
    first = result.regions[0]
    assert first["description"].replace("'", "&#39;") in page


def test_repr_html_escapes_what_it_quotes(tmp_path):
    law = tmp_path / "odd.law"
    law.write_text((ROOT / "tests" / "data" / "explain" / "honour.law").read_text(encoding="utf-8")
                   .replace('law "Detainer example', 'law "<b>Detainer</b> example'), encoding="utf-8")
    loaded = lawsim.load(str(law))
    assert "<b>Detainer" not in loaded._repr_html_() and "&lt;b&gt;Detainer" in loaded._repr_html_()


def test_errors_are_law_errors_worded_for_python():
    law = lawsim.load(str(ROOT / "tests" / "data" / "explain" / "honour.law"))
    with pytest.raises(lawsim.LawError) as caught:
        law.explain(agency="doc", conduct="hold_past_release", judicial_warrant=True)
    message = str(caught.value)
    assert "--fact" not in message and "pass record=VALUE" in message
    assert caught.value.diagnostics == ()
    with pytest.raises(lawsim.LawError) as caught:
        lawsim.load(str(ROOT / "tests" / "data" / "errors" / "E104_unknown_name.law"))
    assert caught.value.diagnostics[0].code == "E104"
    assert "E104_unknown_name.law:11:" in str(caught.value) and "^" in str(caught.value)
    with pytest.raises(lawsim.LawError, match="did you mean 'honour'"):
        lawsim.load("honor", laws_dir=str(ROOT / "tests" / "data" / "explain"))
    with pytest.raises(lawsim.LawError, match="laws_dir"):
        lawsim.load("honour", laws_dir=str(ROOT / "no-such-folder"))


def test_explain_takes_python_values():
    law = lawsim.load(str(ROOT / "tests" / "data" / "explain" / "honour.law"))
    outcome = law.explain({"agency": "doc", "conduct": "hold_past_release"}, judicial_warrant=False)
    assert outcome.verdict == "prohibited"
    assert outcome.to_dict()["schema"] == "lawsim.explain/1"
    assert "Verdict: PROHIBITED" in str(outcome) and "PROHIBITED" in outcome._repr_html_()
    assert law.to_dict()["provisions"][0] == {"provision": "9-131(a)", "caption": "Definitions"}


def test_lawsim_compare_is_callable_after_the_compare_stage_is_imported():
    import lawsim.compare as stage
    from lawsim.compare import Comparison as StageComparison

    assert lawsim.compare.Comparison is StageComparison and stage.Comparison is StageComparison
    assert callable(lawsim.compare)
    assert isinstance(lawsim.compare(str(BILLS / "base.law"), str(BILLS / "base.law"), scenarios=[]), lawsim.Comparison)


def test_cases_are_records_of_the_documented_cases():
    result = lawsim.compare(str(BILLS / "base.law"), str(BILLS / "mixed.law"),
                            scenarios=[str(ROOT / "tests" / "data" / "compare" / "scenarios")])
    cases = result.cases
    assert [c["case"] for c in cases] == [c["id"] for c in result.to_dict()["cases"]]
    assert all(set(c) == {"case", "title", "file", "baseline", "reform", "change"} for c in cases)
    assert any(c["baseline"] != c["reform"] for c in cases)
