"""The custody pipeline: the bundled model, reachability, the differential, and their outputs."""

from __future__ import annotations

import functools
import json
import xml.dom.minidom

import pytest
from click.testing import CliRunner
from conftest import ROOT, examples
from hypothesis import given, settings
from hypothesis import strategies as st

from lawsim.cli import cli
from lawsim.engine.interpreter import evaluate
from lawsim.ir.vocab import StepStatus, Verdict
from lawsim.pipeline import differential, reachability
from lawsim.pipeline.model import PathChange
from lawsim.report.pipeline_svg import pipeline_svg
from lawsim.semantics import Loader, from_document
from lawsim.semantics.pipeline import bind
from lawsim.syntax import parse_file, parse_text

BILLS = ROOT / "bills"
PIPELINE = str(BILLS / "nyc-pipeline.law")
UKRAINIAN = str(ROOT / "scenarios" / "ukrainian-multi-agency-handoff.yaml")
LOADER = Loader()
NYC = LOADER.pipeline(PIPELINE)


def version(name: str):
    return LOADER.version("+".join(str(BILLS / f"{part}.law") for part in name.split("+")))


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@functools.lru_cache(maxsize=None)
def _diff(baseline: str, reform: str):
    return differential(NYC, version(baseline), version(reform))


@functools.lru_cache(maxsize=None)
def _reach(name: str):
    return reachability(NYC, [version(name)])


# ---------------------------------------------------------------- the done-when cases


def test_int_0185_cuts_the_doc_release_notification_for_a_qualifying_conviction_without_a_warrant():
    facts = {"federal_agent": "ice_civil", "presented": "nothing", "record": "violent_or_serious",
             "years_since_conviction": 2, "years_since_release": 1, "tsdb_match": "no", "removed_reentered": "no"}
    diff = differential(NYC, version("current"), version("powers"), facts)
    notice = next(c for c in diff.contacts if c.contact.name == "doc_release_notice")
    assert dict(notice.counts) == {PathChange.CUT: 1}
    [region] = notice.regions
    before, after = region.sides
    assert [r.id for r in before.rules] == ["9-131(h)(2):communication_allowed"] and before.open
    assert "9-131(h)(2):communication_limit" in [r.id for r in after.rules] and not after.open
    assert next(r for r in after.rules if r.id.endswith("communication_limit")).origin == "Int 0185-2022"
    assert {p.stages[-2] for p in notice.paths} == {"doc_pretrial", "doc_sentenced"}
    # The baseline's allowance prevails over § 10-178(c) only on the default reading.
    assert "specific_sections_prevail" in region.assumptions


def test_the_whole_space_differential_is_golden(golden):
    result = run("pipeline", str(BILLS / "current.law"), "--against", str(BILLS / "powers.law"), "--regions", "0")
    assert result.exit_code == 0, result.output
    golden("pipeline/current-powers.txt", result.output.replace(str(ROOT) + "/", ""))


def test_the_ukrainian_profile_keeps_the_booking_paths_under_every_bundled_bill(golden):
    versions = ["current", "powers", "hanif", "int-1412", "powers+hanif"]
    result = run("pipeline", *(str(BILLS / f"{v}.law") if "+" not in v else
                               "+".join(str(BILLS / f"{p}.law") for p in v.split("+")) for v in versions),
                 "--scenario", UKRAINIAN)
    assert result.exit_code == 0, result.output
    golden("pipeline/ukrainian-every-bill.txt", result.output.replace(str(ROOT) + "/", ""))
    reach = reachability(NYC, [version(v) for v in versions], _ukrainian())
    assert reach.profiles == 1
    assert set(reach.everywhere) == {"nypd_fingerprints", "nypd_warrant_check"}


def _ukrainian() -> dict:
    return {"federal_agent": "ice_civil", "presented": "nothing", "record": "pending_charge",
            "years_since_conviction": 0, "years_since_release": 0, "tsdb_match": "no", "removed_reentered": "no"}


# ---------------------------------------------------------------- outputs


def test_every_format_is_deterministic():
    """Two separate runs give the same bytes in every format."""
    from lawsim import api
    from lawsim.report.pipeline_dot import pipeline_dot
    from lawsim.report.pipeline_json import pipeline_json
    from lawsim.report.pipeline_text import render_diff

    def outputs():
        result = api.pipeline([str(BILLS / "current.law")], str(BILLS / "powers.law"))
        return (render_diff(result), json.dumps(pipeline_json(result)), pipeline_dot(result), pipeline_svg(result))

    assert outputs() == outputs()


def test_json_names_paths_changes_and_provisions():
    data = json.loads(run("pipeline", str(BILLS / "current.law"), "--against", str(BILLS / "powers.law"),
                          "--format", "json").output)
    assert data["schema"] == "lawsim.pipeline/1" and data["kind"] == "differential"
    notice = next(c for c in data["contacts"] if c["id"] == "doc_release_notice")
    assert notice["changes"]["cut"] > 0 and len(notice["paths"]) == 3
    cut = [r for r in notice["regions"] if r["change"] == "cut"]
    assert all(r["sides"][0]["open"] and not r["sides"][1]["open"] for r in cut)


def test_dot_and_svg_draw_cut_edges_with_the_provisions_that_cut_them():
    dot = run("pipeline", str(BILLS / "current.law"), "--against", str(BILLS / "powers.law"), "--format", "dot").output
    assert dot.startswith("digraph") and "doc_release_notice (cut by" in dot and "communication_limit" in dot
    svg = pipeline_svg(_diff("current", "powers"))
    xml.dom.minidom.parseString(svg)  # well-formed
    assert svg.startswith("<svg") and "§ 9-131(h)(2) rule communication_limit" in svg and "cut by the reform" in svg
    assert 'stroke-dasharray="6 4"' in svg  # a cut edge is dashed


# ---------------------------------------------------------------- errors


def test_a_fact_about_conduct_is_refused():
    result = run("pipeline", str(BILLS / "current.law"), "--fact", "conduct=notify_release")
    assert result.exit_code == 2 and "not a person fact" in result.output


def test_impossible_person_facts_are_refused():
    result = run("pipeline", str(BILLS / "current.law"), "--fact", "record=none", "--fact", "years_since_conviction=3")
    assert result.exit_code == 2 and "no person can have these facts together" in result.output


def test_a_pipeline_is_not_a_version():
    result = run("pipeline", PIPELINE)
    assert result.exit_code == 1 and "E306" in result.output


def _codes(text: str, law: str = "current") -> list[str]:
    from lawsim.diagnostics import LawError
    from lawsim.semantics.pipeline import lower_pipeline

    try:
        pipeline = lower_pipeline(parse_text(text))
        bind(pipeline, version(law).law)
    except LawError as err:
        return sorted({d.code for d in err.diagnostics})
    return []


HEAD = 'pipeline "p"\nperson facts record\n'
STAGES = 'stage a "A" entry\n  per "x"\nstage i "I" ice knowledge\n  per "y"\n'


@pytest.mark.parametrize("text, code", [
    (HEAD + 'stage a "A"\n  per "x"\n', "E240"),
    (HEAD + STAGES + 'stage a "again"\n  per "x"\n', "E241"),
    (HEAD + STAGES + 'move a to b "m"\n  per "z"\n', "E242"),
    (HEAD + STAGES + 'move a to i "m"\n  per "z"\n', "E243"),
    ('pipeline "p"\n' + STAGES, "E244"),
    ('pipeline "p"\nperson facts record, tsdb_match, record\n' + STAGES, "E244"),
    (HEAD + 'conduct facts mayoral_order is no, mayoral_order is yes\n' + STAGES, "E244"),
    (HEAD + STAGES + 'contact c "c"\n  from a to i information by doc: notify_relase\n  under § 9-131\n', "E245"),
    (HEAD + STAGES + 'contact c "c"\n  from a to i information by doc: notify_release\n  under § 9-131\n', "E247"),
])
def test_pipeline_errors(text, code):
    assert code in _codes(text)


# ---------------------------------------------------------------- properties

VERSIONS = ["current", "powers", "hanif", "int-1412"]


def _inside(region, profile) -> bool:
    return all(profile[c.fact.name] in c.values for c in region.conditions)


@functools.lru_cache(maxsize=None)
def _profile_points():
    from lawsim.pipeline.profiles import profile_space

    laws = [version(v).law for v in VERSIONS]
    space = profile_space(laws, [bind(NYC, law) for law in laws], {})
    return space, tuple(int(i) for i in space.weights().nonzero()[0])


@st.composite
def person_profiles(draw):
    """A concrete person profile that breaks no constraint: a possible point, then one of its members."""
    space, possible = _profile_points()
    members = list(space.members(draw(st.sampled_from(possible))))
    return draw(st.sampled_from(members))


@settings(max_examples=examples(40))
@given(st.sampled_from(VERSIONS), person_profiles())
def test_every_reported_path_is_real_by_the_reference_interpreter(name, profile):
    """For any person, each contact point is open exactly when the interpreter permits its conduct,
    and the region that holds the person names the rules that decide it."""
    v = version(name)
    binding = bind(NYC, v.law)
    for contact in _reach(name).contacts:
        [region] = [r for r in contact.regions if _inside(r, profile)]
        outcome = evaluate(v.law, {**binding.fixed[contact.contact.name], **profile})
        assert (outcome.verdict == Verdict.PERMITTED) == region.sides[0].open
        assert sorted(s.rule for s in outcome.trace.rules if s.status == StepStatus.DECIDES) == \
            sorted(r.id for r in region.sides[0].rules)
        assert bool(contact.open_counts[0]) or not region.sides[0].open


CONTACT_CONDUCTS = sorted({(c.agency, c.conduct) for c in NYC.contacts})


def _prohibiting(pairs) -> object:
    text = (BILLS / "current.law").read_text(encoding="utf-8")
    rules = "".join(f"  rule: {agency} may not {conduct}\n    notwithstanding § 9-131, § 9-205, § 10-178, § 14-154\n"
                    for agency, conduct in pairs)
    return from_document(parse_text(text + '\n§ 99-1 "Test: these contacts are prohibited"\n' + rules,
                                    "prohibiting.law"), "prohibiting")


@settings(max_examples=examples(4))
@given(st.sets(st.sampled_from(CONTACT_CONDUCTS), min_size=1))
def test_prohibiting_more_conduct_never_adds_a_path(pairs):
    baseline, reform = version("current"), _prohibiting(sorted(pairs))
    diff = differential(NYC, baseline, reform)
    assert all(dict(c.counts).get(PathChange.OPENED, 0) == 0 for c in diff.contacts)
    assert diff.reachable[1] <= diff.reachable[0] and not diff.new_way
    for c in diff.contacts:
        if (c.contact.agency, c.contact.conduct) in pairs:
            assert c.open_counts[1] == 0


def test_a_version_prohibiting_every_contact_point_has_no_path():
    result = reachability(NYC, [_prohibiting(CONTACT_CONDUCTS)])
    assert result.reachable == (0,) and not any(result.contacts[i].open_counts[0] for i in range(len(result.contacts)))


@settings(max_examples=examples(3))
@given(st.lists(st.sampled_from(VERSIONS), min_size=2, max_size=2, unique=True))
def test_the_differential_mirrors_when_baseline_and_reform_swap(pair):
    forward, backward = _diff(pair[0], pair[1]), _diff(pair[1], pair[0])
    swap = {PathChange.CUT: PathChange.OPENED, PathChange.OPENED: PathChange.CUT, PathChange.KEPT: PathChange.KEPT}
    for f, r in zip(forward.contacts, backward.contacts):
        assert {swap[k]: n for k, n in f.counts} == dict(r.counts)
        assert f.open_counts == r.open_counts[::-1]
    assert forward.reachable == backward.reachable[::-1]
    assert sum(x.count for x in forward.no_way_left) == sum(x.count for x in backward.new_way)


def test_the_bundled_pipeline_parses_to_its_stages():
    doc = parse_file(PIPELINE)
    assert [s.name for s in NYC.stages][:2] == ["arrest", "arraignment"] and doc.title.startswith("New York City")


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "tests" / "data" / "pipeline").glob("E*.law")))
def test_pipeline_diagnostics_against_a_law_are_golden(name, monkeypatch, golden):
    from lawsim import api
    from lawsim.diagnostics import LawError, render_all

    monkeypatch.chdir(ROOT)
    with pytest.raises(LawError) as err:
        api.pipeline(["bills/current.law"], pipeline_path=f"tests/data/pipeline/{name}")
    assert name.split("_", 1)[0] in {d.code for d in err.value.diagnostics}
    golden(f"pipeline/diagnostics/{name[:-4]}.txt", render_all(err.value.diagnostics) + "\n")


def test_an_assumption_changes_the_answer_and_says_so():
    from lawsim import api

    result = api.pipeline([str(BILLS / "current.law")], str(BILLS / "powers.law"),
                          assumptions={"specific_sections_prevail": "off"})
    # If § 10-178(c) prevails, current law already closes what Int 0185 would cut.
    assert result.count(PathChange.CUT) == 0 and result.readings == ("specific_sections_prevail=off",)
    text = run("pipeline", str(BILLS / "current.law"), "--param", "lookback_years=3").output
    assert "Read with: lookback_years=3" in text


def _quoted(doc: str, command: str) -> list[str]:
    text = (ROOT / "docs" / doc).read_text(encoding="utf-8")
    start = text.index(f"$ {command}")
    block = text[start:text.index("```", start)].splitlines()[1:]
    return [line for line in block if line.strip() and "..." not in line]


@pytest.mark.parametrize("doc, command", [
    ("pipeline.md", "lawsim pipeline bills/current.law --against bills/powers.law"),
    ("cli.md", "lawsim pipeline current powers hanif int-1412 --scenario "
               "scenarios/ukrainian-multi-agency-handoff.yaml"),
])
def test_the_docs_quote_current_output(doc, command, monkeypatch):
    monkeypatch.chdir(ROOT)
    output = run(*command.split()[1:]).output.splitlines()
    for line in _quoted(doc, command):
        assert line in output, line


def test_check_reads_a_pipeline_against_the_laws_of_its_jurisdiction_beside_it(tmp_path):
    from lawsim import api

    (tmp_path / "current.law").write_text((BILLS / "current.law").read_text(encoding="utf-8"), encoding="utf-8")
    bad = (ROOT / "tests" / "data" / "pipeline" / "E245_unknown_conduct.law").read_text(encoding="utf-8")
    (tmp_path / "x-pipeline.law").write_text(bad, encoding="utf-8")
    [result] = api.check([str(tmp_path / "x-pipeline.law")])
    assert not result.ok and [d.code for d in result.diagnostics] == ["E245"]
    (tmp_path / "x-pipeline.law").write_text(bad.replace('jurisdiction "New York City"', 'jurisdiction "Elsewhere"'),
                                             encoding="utf-8")
    [alone] = api.check([str(tmp_path / "x-pipeline.law")])
    assert alone.ok  # no law of that jurisdiction to read it against


def test_a_region_that_does_not_rely_on_an_assumption_keeps_its_answer_when_it_flips():
    diff = _diff("current", "powers")
    laws = [version("current").law, version("powers").law]
    names = sorted(set(laws[0].assumptions) | set(laws[1].assumptions))
    for contact in diff.contacts:
        for region in contact.regions:
            for name in names:
                if name in region.assumptions:
                    continue
                for law in laws:
                    scenario = {**bind(NYC, law).fixed[contact.contact.name], **dict(region.witness)}
                    flip = {name: not law.assumptions[name].default} if name in law.assumptions else {}
                    assert evaluate(law, scenario, flip).verdict == evaluate(law, scenario).verdict, (contact, name)


def test_a_report_gets_one_drawing_per_reform_or_none_without_a_pipeline():
    from lawsim import api
    from lawsim.report.pipeline_svg import pipeline_svgs

    diffs = api.pipeline_differentials(str(BILLS / "current.law"),
                                       [str(BILLS / "powers.law"), str(BILLS / "hanif.law")])
    assert [d.reform.name for d in diffs] == ["powers", "hanif"]
    svgs = pipeline_svgs(diffs)
    assert svgs.count("<svg") == 2 and "current against hanif" in svgs
    xml.dom.minidom.parseString(f"<div>{svgs}</div>")
    assert api.pipeline_differentials(str(ROOT / "tests" / "data" / "explain" / "honour.law"), []) == []
