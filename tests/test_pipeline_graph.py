"""Pipelines on random input: the custody graph's paths against a brute-force search, and printing."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from strategies_ast import cites, names, texts

from lawsim.ir.pipeline import Contact, Move, Pipeline, Stage
from lawsim.ir.vocab import ContactKind, StageRole
from lawsim.pipeline.graph import CustodyGraph
from lawsim.syntax import ast, format_document, parse_text


@st.composite
def pipelines(draw) -> Pipeline:
    n = draw(st.integers(2, 6))
    city = [f"s{i}" for i in range(n)]
    stages = [Stage(name, name, StageRole.ENTRY if i == 0 else StageRole.CITY, ("x",)) for i, name in enumerate(city)]
    stages.append(Stage("ice", "ice", StageRole.ICE_CUSTODY, ("y",)))
    pairs = draw(st.sets(st.tuples(st.sampled_from(city), st.sampled_from(city[1:])).filter(lambda p: p[0] != p[1]),
                         max_size=10))
    moves = tuple(Move(a, b, f"{a}-{b}", ("z",)) for a, b in sorted(pairs))
    froms = draw(st.lists(st.sets(st.sampled_from(city), min_size=1), min_size=1, max_size=3))
    contacts = tuple(Contact(f"c{i}", "c", tuple(sorted(f)), "ice", ContactKind.HANDOFF, "doc", "x", (), ())
                     for i, f in enumerate(froms))
    return Pipeline("p", None, (), ("f",), (), tuple(stages), moves, contacts)


def _brute(pipeline: Pipeline) -> set[tuple]:
    found = set()

    def walk(stage: str, seen: tuple[str, ...]) -> None:
        for contact in pipeline.contacts:
            if stage in contact.stages:
                found.add((seen, contact.name))
        for move in pipeline.moves:
            if move.source == stage and move.target not in seen:
                walk(move.target, seen + (move.target,))

    walk("s0", ("s0",))
    return found


@given(pipelines())
def test_paths_are_exactly_the_simple_routes_to_each_contact_point(pipeline):
    paths = CustodyGraph(pipeline).paths()
    got = [(p.stages[:-1], p.contact.name) for p in paths]
    assert len(got) == len(set(got)) and set(got) == _brute(pipeline)
    for p in paths:
        assert p.stages[0] == "s0" and p.stages[-1] == "ice"
        assert all(a.target == b.source for a, b in zip(p.moves, p.moves[1:]))


# ---------------------------------------------------------------- printing round trip

_settings = st.lists(st.builds(ast.Setting, names, st.one_of(names, st.sampled_from(["yes", "no", "0", "48"]))),
                     min_size=1, max_size=3).map(tuple)
_sources = st.lists(texts, min_size=1, max_size=2).map(tuple)
_items = st.one_of(
    st.builds(ast.PersonFacts, st.lists(names, min_size=1, max_size=3).map(tuple)),
    st.builds(ast.ConductFacts, _settings),
    st.builds(ast.StageDecl, names, texts, st.sampled_from([None, "entry", "ice_knowledge", "ice_custody"]), _sources),
    st.builds(ast.MoveDecl, names, names, texts, _sources),
    st.builds(ast.ContactDecl, names, texts, st.lists(names, min_size=1, max_size=2).map(tuple), names,
              st.booleans(), names, names, st.one_of(st.just(()), _settings),
              st.lists(cites, min_size=1, max_size=2).map(tuple)),
)
_docs = st.builds(ast.PipelineDoc, texts, st.one_of(st.none(), texts), st.just(()),
                  st.lists(_items, max_size=6).map(tuple))


@given(_docs)
def test_a_printed_pipeline_parses_back_to_the_same_ast(doc):
    assert parse_text(format_document(doc)) == doc
