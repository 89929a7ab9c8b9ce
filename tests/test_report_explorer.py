"""The scenario explorer's compiled JavaScript agrees with the reference interpreter.

The script from :func:`lawsim.report.explorer.compile_versions` is run by
``node`` in a bare ``vm`` context (no ``require``, no ``process``, and
``eval``/``Function`` disabled, as a strict page would have it), one
process per law, on a batch of scenarios sent as JSON on stdin.  For
random laws (tests/strategies_law.py) and for the bundled corpus the
verdict, remedy status, plaintiffs, relief and deciding rules must be the
interpreter's, scenario by scenario and under several assumption
settings; a scenario that lacks a needed fact must fail with the
interpreter's MissingFact message.  Also: the output does not depend on
hash order, hostile captions cannot leave an inline ``<script>``, and the
reasons read as intended.  Without node the JavaScript tests are skipped.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from itertools import product
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies_law import law_docs, lower_doc

from lawsim import ir
from lawsim.engine.interpreter import MissingFact, evaluate
from lawsim.report.explorer import compile_versions, js_string, js_value
from lawsim.semantics import load_version, lower
from lawsim.syntax import format_document, parse_text

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ("current", "powers", "hanif", "int-1412")
NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="node (Node.js) is not installed; the explorer's "
                                "JavaScript cannot be run here (CI has it)")

# Runs the compiled script where a page would, then evaluates every case.
DRIVER = r"""
const vm = require("vm");
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const page = vm.createContext({}, {codeGeneration: {strings: false, wasm: false}});
vm.runInContext(input.script, page);
const explorer = page.LAWSIM_EXPLORER;
const results = input.cases.map(([version, scenario, assumptions]) => {
  try {
    return explorer.versions[version].evaluate(scenario, assumptions);
  } catch (e) {
    return {error: e.name + ": " + e.message};
  }
});
const meta = explorer.versions.map((v) => ({
  name: v.name, title: v.title, defaultVerdict: v.defaultVerdict, facts: v.facts, assumptions: v.assumptions,
  keys: Object.keys(v), found: explorer.version(v.name) === v}));
process.stdout.write(JSON.stringify({keys: Object.keys(explorer), meta, results}));
"""


def run_node(script: str, cases: list) -> dict:
    proc = subprocess.run([NODE, "-e", DRIVER], input=json.dumps({"script": script, "cases": cases}),
                          capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def expected(law: ir.Law, scenario: dict, assumptions: dict) -> dict:
    try:
        out = evaluate(law, scenario, assumptions)
    except MissingFact as e:
        return {"error": f"MissingFact: {e}"}
    return {"verdict": out.verdict, "status": out.remedy.status, "plaintiffs": list(out.remedy.plaintiffs),
            "relief": list(out.remedy.relief), "deciding": list(out.deciding)}


def compared(result: dict) -> dict:
    """What of the JavaScript result must equal the interpreter's (see :func:`expected`)."""
    if "error" in result:
        return result
    remedy = result["remedy"]
    return {"verdict": result["verdict"], "status": remedy["status"], "plaintiffs": remedy["plaintiffs"],
            "relief": remedy["relief"], "deciding": result["deciding"]}


def check_cases(versions: list[tuple[str, ir.Law]], cases: list, text: str = "") -> list[dict]:
    """Run ``cases`` ((version index, scenario, assumptions)) in node; each must match the interpreter."""
    out = run_node(compile_versions(versions), cases)
    for (v, scenario, assumptions), result in zip(cases, out["results"], strict=True):
        assert compared(result) == expected(versions[v][1], scenario, assumptions), (
            f"{versions[v][0]}: scenario {scenario}, assumptions {assumptions}: javascript gave {result}\n{text}")
        assert "error" in result or (isinstance(result["reason"], str) and result["reason"])
    return out["results"]


def assumption_settings(law: ir.Law) -> list[dict[str, bool]]:
    names = sorted(law.assumptions)
    return [{}] + [dict(zip(names, values)) for values in product((False, True), repeat=len(names))]


def scenarios(law: ir.Law) -> list[dict]:
    return [dict(zip([f.name for f in law.facts], values)) for values in product(*(f.values for f in law.facts))]


# ---------------------------------------------------------------- agreement with the interpreter


@needs_node
@settings(max_examples=45, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(law_docs(), st.randoms(use_true_random=False))
def test_random_laws_agree_with_the_interpreter(doc, rnd):
    law = lower_doc(doc)
    space = scenarios(law)
    if len(space) > 150:
        space = rnd.sample(space, 150)
    cases = [(0, s, a) for s in space for a in assumption_settings(law)]
    # Partial scenarios: the same fact must be reported missing, in the same place.
    for s in rnd.sample(space, min(20, len(space))):
        kept = {k: v for k, v in s.items() if rnd.random() < 0.6}
        cases.append((0, kept, {}))
    check_cases([("random", law)], cases, format_document(doc))


@pytest.fixture(scope="module")
def corpus() -> list[tuple[str, ir.Law]]:
    return [(name, load_version(str(ROOT / "bills" / f"{name}.law")).law) for name in CORPUS]


@needs_node
def test_corpus_agrees_with_the_interpreter(corpus):
    rnd = random.Random(20230215)
    facts = corpus[0][1].facts
    cases = []
    for _ in range(2000):
        scenario = {f.name: rnd.choice(f.values) for f in facts}
        for v, (_, law) in enumerate(corpus):
            flips = {name: not a.default for name, a in sorted(law.assumptions.items()) if rnd.random() < 0.2}
            cases.append((v, scenario, flips))
    results = check_cases(corpus, cases)
    # The sample reaches every verdict the corpus gives and every kind of remedy.
    assert {r["verdict"] for r in results} == {"permitted", "prohibited"}
    assert {r["remedy"]["status"] for r in results} == {"not a violation", "none", "available"}


@needs_node
def test_the_object_has_the_documented_shape(corpus):
    out = run_node(compile_versions(corpus), [])
    assert out["keys"] == ["format", "versions", "version"]
    for meta, (name, law) in zip(out["meta"], corpus, strict=True):
        assert meta["keys"] == ["name", "title", "defaultVerdict", "facts", "assumptions", "impossible", "evaluate"]
        assert meta["found"] and meta["name"] == name and meta["title"] == law.title
        assert meta["defaultVerdict"] == law.default_verdict
        assert meta["facts"] == [
            {"name": f.name, "kind": f.kind, "description": f.description, "values": list(f.values),
             "valueDescriptions": [f.describe_value(v) for v in f.values]} for f in law.facts]
        assert meta["assumptions"] == [
            {"name": a.name, "provision": a.provision, "description": a.description, "default": a.default}
            for a in law.assumptions.values()]


# ---------------------------------------------------------------- reasons


def _ask(versions, cases):
    return run_node(compile_versions(versions), cases)["results"]


BASE = {"agency": "doc", "conduct": "hold_past_release", "federal_agent": "ice_civil", "presented": "detainer",
        "record": "none", "years_since_conviction": 0, "years_since_release": 0, "tsdb_match": "no",
        "removed_reentered": "no", "hours_past_release": 1, "unrelated_purpose": "no",
        "criminal_entry_enforcement": "no",
        "required_by_law": "no", "mayoral_order": "no", "ice_detention_resulted": "no"}


@needs_node
def test_reasons_cite_provisions_by_caption(corpus):
    honour = "\u00a7 9-131(b) \u201cDOC may honour a detainer only with a judicial warrant and a covered person\u201d"
    ban = "\u00a7 10-178(c) \u201cNo city resources for federal immigration enforcement\u201d"
    warrant = {**BASE, "presented": "judicial_warrant", "tsdb_match": "yes"}
    office = {**BASE, "conduct": "allow_office", "federal_agent": "other_federal", "unrelated_purpose": "yes",
              "hours_past_release": 0}
    held, allowed, none, sued = _ask(corpus, [(0, BASE, {}), (0, warrant, {}), (0, office, {}), (2, BASE, {})])
    assert held["reason"] == (f"Prohibited by {honour} (its exception does not apply), and by {ban} "
                              "(its exception does not apply).")
    assert held["remedy"]["reason"] == ("No remedy: \u00a7 9-131(e) \u201cNo private right of action\u201d says "
                                        "violations of \u00a7 9-131 give no remedy.")
    assert allowed["reason"] == f"Permitted by {honour} (it prevails over {ban})."
    assert none["reason"] == ("Permitted, the law\u2019s default, because no provision applies: \u00a7 9-131(h)(1) "
                              "\u201cNo immigration-enforcement office on DOC property\u201d does not apply because "
                              f"its condition is not met; {ban} does not apply because its condition is not met.")
    assert sued["remedy"]["reason"].startswith("Person and relatives may sue for equitable relief and legal relief "
                                               "under \u00a7 9-131(e) \u201cPrivate right of action")


CONFLICTING = '''
law "Two rules that disagree"
facts
  agency "a": doc
  conduct "c": hold
  urgent "u": yes/no
default prohibited
§ 1-1 "Holding is allowed"
  rule: doc may hold unless urgent
§ 1-2 "Holding is not allowed"
  rule: doc may not hold
    unless never
    unless urgent
'''


@needs_node
def test_conflict_and_default_reasons():
    law = lower(parse_text(CONFLICTING))[0]
    conflict, default = _ask([("c", law)], [(0, {"agency": "doc", "conduct": "hold", "urgent": "no"}, {}),
                                             (0, {"agency": "doc", "conduct": "hold", "urgent": "yes"}, {})])
    assert conflict["verdict"] == "conflict" and conflict["remedy"]["status"] == "not a violation"
    assert conflict["reason"] == ("Conflict: \u00a7 1-1 \u201cHolding is allowed\u201d (its exception does not "
                                  "apply) permits it, but \u00a7 1-2 \u201cHolding is not allowed\u201d (none of its "
                                  "2 exceptions applies) prohibits it; neither overrides the other.")
    assert default["verdict"] == "prohibited" and default["remedy"]["status"] == "none"
    assert default["reason"].endswith("\u00a7 1-2 \u201cHolding is not allowed\u201d does not apply because its "
                                      "second exception applies.")


# ---------------------------------------------------------------- safety and determinism

HOSTILE = ("</script><script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "<!-- x",
           "a\u2028b\u2029c", "nul\x00 bell\x07 del\x7f esc\x1b", "&amp; \\ ' ` ${x} \u00e9 \U0001f600")


@given(st.text())
def test_js_string_is_json_and_safe_inline(text):
    literal = js_string(text)
    assert json.loads(literal) == text
    assert literal.isascii() and all(" " <= ch < "\x7f" for ch in literal)
    assert not set("<>&") & set(literal)


@pytest.mark.parametrize("text", HOSTILE)
def test_js_string_escapes_hostile_text(text):
    literal = js_string(text)
    assert json.loads(literal) == text
    assert "</" not in literal and "<!--" not in literal and "\u2028" not in literal


def test_js_value_rejects_what_javascript_cannot_hold():
    with pytest.raises(ValueError):
        js_value([2**53])
    with pytest.raises(TypeError):
        js_string(3)


def hostile_law() -> ir.Law:
    """The corpus's current law with every caption and description replaced by hostile text."""
    law = load_version(str(ROOT / "bills" / "current.law")).law
    pick = iter(HOSTILE * 100)
    facts = tuple(dataclasses.replace(f, description=next(pick),
                                      value_descriptions=tuple(next(pick) for _ in f.value_descriptions))
                  for f in law.facts)

    def item(i):
        if isinstance(i, ir.Assumption):
            return dataclasses.replace(i, description=next(pick))
        if isinstance(i, ir.Definition):
            return dataclasses.replace(i, caption=next(pick))
        return i

    provisions = tuple(dataclasses.replace(p, caption=next(pick), items=tuple(item(i) for i in p.items))
                       for p in law.provisions)
    return dataclasses.replace(law, title=HOSTILE[0], facts=facts, provisions=provisions)


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts: list[str] = []
        self.inside = False

    def handle_starttag(self, tag, attrs):
        self.inside = tag == "script"
        if self.inside:
            self.scripts.append("")

    def handle_endtag(self, tag):
        self.inside = False

    def handle_data(self, data):
        if self.inside:
            self.scripts[-1] += data


def test_hostile_captions_cannot_leave_the_script():
    script = compile_versions([(HOSTILE[0], hostile_law())])
    assert script.isascii() and "\x00" not in script
    lowered = script.lower()
    assert "</script" not in lowered and "<!--" not in lowered and "<script" not in lowered
    parser = _Scripts()
    parser.feed(f"<!doctype html><title>t</title><script>{script}</script><p>after</p>")
    parser.close()
    assert parser.scripts == [script]


@needs_node
def test_hostile_captions_arrive_intact():
    law = hostile_law()
    out = run_node(compile_versions([(HOSTILE[1], law)]), [(0, BASE, {})])
    meta, result = out["meta"][0], out["results"][0]
    assert meta["name"] == HOSTILE[1] and meta["title"] == HOSTILE[0]
    assert [f["description"] for f in meta["facts"]] == [f.description for f in law.facts]
    assert [a["description"] for a in meta["assumptions"]] == [a.description for a in law.assumptions.values()]
    caption = law.provision_map["9-131(b)"].caption
    assert result["verdict"] == "prohibited" and f"\u201c{caption}\u201d" in result["reason"]


def test_compiling_twice_gives_the_same_text(corpus):
    assert compile_versions(corpus) == compile_versions(corpus)


def test_output_does_not_depend_on_hash_order(corpus):
    """Sets in the IR iterate in hash order, which changes with PYTHONHASHSEED."""
    code = ("import hashlib, sys; from lawsim.semantics import load_version; "
            "from lawsim.report.explorer import compile_versions; "
            f"v = [(n, load_version({str(ROOT / 'bills')!r} + '/' + n + '.law').law) for n in {CORPUS!r}]; "
            "sys.stdout.write(hashlib.sha256(compile_versions(v).encode()).hexdigest())")
    here = hashlib.sha256(compile_versions(corpus).encode()).hexdigest()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout == here


def test_version_names_must_be_distinct(corpus):
    with pytest.raises(ValueError):
        compile_versions([corpus[0], corpus[0]])


@needs_node
def test_assumption_settings_are_checked_like_the_interpreter_reads_them(corpus):
    wrong, unknown, default = _ask(corpus, [(0, BASE, {"lookback_from_release": "off"}),
                                            (0, BASE, {"no_such_assumption": False}), (0, BASE, {})])
    assert wrong == {"error": "TypeError: assumption 'lookback_from_release' must be true or false"}
    assert unknown == default and compared(default) == expected(corpus[0][1], BASE, {"no_such_assumption": False})
