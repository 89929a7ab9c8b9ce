"""Pipelines on random input: the custody graph's paths against a brute-force search, and printing."""

from __future__ import annotations

import re

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


# ---------------------------------------------------------------- the drawing


def _points(d: str):
    """Points along an SVG path made of M, L and C commands (curves sampled)."""
    tokens = re.findall(r"[MLC]|-?\d+(?:\.\d+)?,-?\d+(?:\.\d+)?", d)
    current, command, pending = None, None, []
    for token in tokens:
        if token in "MLC":
            command = token
            continue
        x, y = map(float, token.split(","))
        if command in ("M", "L"):
            if command == "L" and current is not None:
                yield from ((current[0] + (x - current[0]) * t / 20, current[1] + (y - current[1]) * t / 20)
                            for t in range(21))
            current = (x, y)
        else:
            pending.append((x, y))
            if len(pending) == 3:
                (x1, y1), (x2, y2), (x3, y3) = pending
                x0, y0 = current
                for i in range(21):
                    t, u = i / 20, 1 - i / 20
                    yield (u**3 * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t**3 * x3,
                           u**3 * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t**3 * y3)
                current, pending = (x3, y3), []


@given(pipelines())
def test_no_edge_of_the_drawing_crosses_a_stage_box(pipeline):
    from lawsim.pipeline.model import ContactResult, Reachability, VersionInfo
    from lawsim.report.pipeline_edges import drawn_edges
    from lawsim.report.pipeline_svg import pipeline_svg

    result = Reachability(pipeline, (VersionInfo("v", "v"),), (), 1,
                          tuple(ContactResult(c, (), (1,), ()) for c in pipeline.contacts), (1,), ())
    svg = pipeline_svg(result)
    boxes = [tuple(map(float, m)) for m in re.findall(r'<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" '
                                                      r'height="([\d.]+)"', svg)]
    by_stage = dict(zip((s.name for s in pipeline.stages), boxes))
    paths = re.findall(r'<path d="(M[^"]+)" fill="none"', svg)
    edges = drawn_edges(result)
    assert len(paths) == len(edges)
    for d, edge in zip(paths, edges):
        own = {by_stage[edge.source], by_stage[edge.target]}
        for x, y in _points(d):
            for box in boxes:
                bx, by, bw, bh = box
                if box not in own:
                    assert not (bx + 1 < x < bx + bw - 1 and by + 1 < y < by + bh - 1), (edge, box)
