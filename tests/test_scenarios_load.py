"""Reading scenario files: values, expectation forms, and every input error as a golden diagnostic."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
import yaml
from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from lawsim.diagnostics import LawError
from lawsim.scenarios import Expectation, load_scenarios, parse_scenario, scenario_files
from lawsim.source import SourceFile

ROOT = Path(__file__).resolve().parent.parent
DATA = "tests/data/scenarios"


@pytest.fixture(autouse=True)
def _at_root(monkeypatch):
    # Paths in diagnostics and golden files are relative to the repository.
    monkeypatch.chdir(ROOT)


def parse(text: str, name: str = "s.yaml"):
    return parse_scenario(SourceFile(name, text))


def errors_of(text: str) -> list[str]:
    with pytest.raises(LawError) as info:
        parse(text)
    return [f"{d.code} {d.location} {d.message}" for d in info.value.diagnostics]


# ---------------------------------------------------------------- values


def test_a_full_scenario_file_is_read():
    [sc] = load_scenarios([f"{DATA}/cases/apr-2017-notify.yaml"])
    assert sc.id == "apr-2017-notify"
    assert sc.path == f"{DATA}/cases/apr-2017-notify.yaml"
    assert sc.source == ("https://example.org/test-source",)
    assert sc.facts == {"agency": "doc", "conduct": "notify_release", "judicial_warrant": False,
                        "record": "violent_or_serious", "years_since_conviction": 2, "topic": "release"}
    assert [e.version for e in sc.expectations] == ["current", "powers", "hanif", "powers+hanif"]
    last = sc.expectations[-1]
    assert last == Expectation("powers+hanif", "prohibited", "available", ("detained_person", "relatives"),
                               ("damages", "injunction"))
    assert sc.expectations[2] == Expectation("hanif", "permitted")
    assert sc.facts_span.line == 5 and sc.fact_spans["record"].line == 9


def test_yaml_values_are_converted_by_hand():
    sc = parse("title: t\nfacts:\n  a: no\n  b: 'no'\n  c: 010\n  d: 1:30\n  e: 2023-02-15\n  f: 5.0\n  g: On\n")
    # Booleans stay booleans (for yes/no facts), '010' is ten (not YAML 1.1 octal), the rest is text.
    assert sc.facts == {"a": False, "b": "no", "c": 10, "d": "1:30", "e": "2023-02-15", "f": "5.0", "g": True}


def test_layout_does_not_matter():
    block = "title: t\nfacts:\n  agency: doc\nexpect:\n  current:\n    verdict: permitted\n"
    flow = '{"title": "t", "expect": {current: {verdict: permitted}}, facts: {agency: doc}}'
    assert parse(block) == parse(flow)


def test_sources_story_and_assumptions():
    sc = parse("title: t\nsource: [a, b]\nstory: >\n  one\n  line\nfacts: {x: 1}\nassume: {p: on, q: 'off'}\n")
    assert sc.source == ("a", "b")
    assert sc.story == "one line"
    assert sc.assumptions == {"p": True, "q": False}
    assert sc.expectations == ()


def test_version_names_drop_the_law_suffix():
    sc = parse("title: t\nfacts: {x: 1}\nexpect:\n  current.law+hanif.law: permitted\n")
    assert sc.expectations[0].version == "current+hanif"


def test_a_list_gives_several_expectations_for_one_version():
    sc = parse("title: t\nfacts: {x: 1}\nexpect:\n  current:\n    - prohibited\n"
               "    - {verdict: permitted, assume: {p: on}}\n")
    assert [(e.verdict, dict(e.assumptions)) for e in sc.expectations] == [("prohibited", {}),
                                                                           ("permitted", {"p": True})]


def test_folders_are_searched_recursively_sorted_and_deduplicated():
    files = scenario_files([f"{DATA}/errors/same-id", f"{DATA}/errors/same-id/b/twin.yaml"])
    assert files == [f"{DATA}/errors/same-id/a/twin.yaml", f"{DATA}/errors/same-id/b/twin.yaml"]
    ids = [s.id for s in load_scenarios([f"{DATA}/cases"])]
    assert ids == sorted(ids) and len(ids) == 5


# ---------------------------------------------------------------- errors


def test_errors_are_collected_across_a_file():
    problems = errors_of("title: [a]\nfacts: {a: [1], b: ~, c: !custom x}\nexpect: {cur/rent: permitted}\n")
    assert problems == [
        "E402 s.yaml:1:8 'title' must be a single line of text, not a list",
        "E402 s.yaml:2:12 fact 'a' must be a single value, not a list",
        "E402 s.yaml:2:20 fact 'b' has no value",
        "E402 s.yaml:2:26 YAML tags such as '!custom' are not used in scenario files",
        "E420 s.yaml:3:10 'cur/rent' names a file with its folder; a version in a scenario file "
        "names law files by name only",
    ]


def test_expectation_shapes_are_checked():
    assert errors_of("title: t\nfacts: {x: 1}\nexpect: {current: {remedy: none}}\n") == [
        "E404 s.yaml:3:19 the expectation for 'current' has no 'verdict'"]
    assert errors_of("title: t\nfacts: {x: 1}\nexpect: {current: []}\n") == [
        "E402 s.yaml:3:19 the expectations for 'current' are an empty list"]
    assert errors_of("title: t\nfacts: {x: 1}\nexpect: {current: [permitted, permitted]}\n") == [
        "E405 s.yaml:3:31 two expectations for 'current'"]
    assert errors_of("title: t\nfacts: {x: 1}\nexpect: {current: {verdict: prohibited, remedy: 'not a violation'}}\n") \
        == ["E421 s.yaml:3:49 remedy 'not a violation' does not go with verdict 'prohibited'"]


def test_merge_keys_are_refused():
    problems = errors_of("title: t\nfacts:\n  x: &b 1\n  <<: {y: 2}\n")
    assert problems == ["E402 s.yaml:4:3 YAML merge keys ('<<') are not supported in scenario files"]


def test_a_missing_path_is_an_error():
    with pytest.raises(LawError) as info:
        load_scenarios([f"{DATA}/cases/no-such-file.yaml", f"{DATA}/bills"])
    assert [d.code for d in info.value.diagnostics] == ["E407", "E001"]


ERROR_FILES = sorted(p.stem for p in (ROOT / DATA / "errors").glob("*.yaml"))
# Files whose problem only shows against a law version (golden output in test_scenarios_cli).
NEED_A_LAW = {"bad-values", "missing-fact", "unknown-assumption", "unknown-fact", "unknown-plaintiff",
              "unknown-version", "yaml-booleans"}


@pytest.mark.parametrize("name", ERROR_FILES)
def test_file_errors_are_found_by_reading_alone_when_they_can_be(name):
    path = f"{DATA}/errors/{name}.yaml"
    if name in NEED_A_LAW:
        assert load_scenarios([path])
    else:
        with pytest.raises(LawError) as info:
            load_scenarios([path])
        assert all(d.location.startswith(path) for d in info.value.diagnostics)


# ---------------------------------------------------------------- properties

_FRAGMENTS = st.sampled_from([
    "title: ", "facts:", "expect:", "assume:", "source:", "story:", "\n", "  ", "- ", ": ", "{", "}", "[", "]",
    ",", "'", '"', "#", "&a ", "*a", "!!str ", "!x ", "<<: ", "yes", "no", "on", "010", "~", "current", "powers+",
    "verdict: ", "remedy: ", "prohibited", "permitted", "none", "plaintiffs: ", "\t", "%YAML 1.1\n", "---\n",
    "...\n", "|\n", ">\n", "?", "\x07", "\ufeff", "é",
])


def _load_text(text: str):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "s.yaml")
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        try:
            return load_scenarios([path])
        except LawError as err:
            for d in err.diagnostics:
                # Every diagnostic points into the file it is about.
                assert d.location.startswith(path), d
            return None


@settings(max_examples=examples(150))
@given(st.one_of(st.text(max_size=200), st.lists(_FRAGMENTS, max_size=40).map("".join)))
def test_any_text_either_loads_or_raises_law_error(text):
    _load_text(text)


_SCALARS = st.one_of(st.booleans(), st.integers(-5, 30), st.text(max_size=12), st.none())
_DOCS = st.fixed_dictionaries(
    {"title": st.text(max_size=20), "facts": st.dictionaries(st.from_regex(r"[a-z_]{1,8}", fullmatch=True), _SCALARS,
                                                             max_size=4)},
    optional={"story": st.text(max_size=20), "source": st.lists(st.text(max_size=10), max_size=2),
              "expect": st.dictionaries(st.sampled_from(["current", "powers", "a+b"]),
                                        st.sampled_from(["permitted", "prohibited", "conflict", "forbidden"]))},
)


@settings(max_examples=examples(100))
@given(_DOCS)
def test_dumped_mappings_read_as_pyyaml_reads_them(doc):
    """What yaml.safe_dump writes, load_scenarios reads as yaml.safe_load does (or rejects with a LawError).

    PyYAML is the oracle rather than ``doc`` itself: YAML turns some
    characters (NEL, for one) into line breaks, so a dump does not always
    read back as the original.
    """
    text = yaml.safe_dump(doc, allow_unicode=True)
    loaded = _load_text(text)
    if loaded is None:
        return
    [sc] = loaded
    expected = yaml.safe_load(text)
    assert sc.title == expected["title"].strip()
    assert dict(sc.facts) == expected["facts"]
    assert {e.version: e.verdict for e in sc.expectations} == expected.get("expect", {})
