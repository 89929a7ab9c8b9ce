"""The custody graph's paths, checked against a brute-force search on random pipelines."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from lawsim.ir.pipeline import Contact, Move, Pipeline, Stage
from lawsim.ir.vocab import ContactKind, StageRole
from lawsim.pipeline.graph import CustodyGraph


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
