"""Hypothesis strategies for well-formed .law ASTs (lawsim.syntax.ast).

Every value drawn here is something the grammar can express, so
``parse_text(format_document(doc)) == doc`` must hold for it: names are
valid and never reserved words, quoted texts contain no '"' or line break,
numbers fit the number limit, dates exist, 'and'/'or' have at least two
items, and metadata is unique where the parser requires it.  The ASTs are
*syntactically* valid only; most are not meaningful laws (unknown names,
missing facts), which is what the lowering properties want.
"""

from __future__ import annotations

import datetime

from hypothesis import strategies as st

from lawsim.syntax import ast
from lawsim.syntax.errors import KEYWORDS

# A small alphabet keeps names readable in failure reports and makes
# collisions (duplicate names, did-you-mean) likely enough to exercise.
# (Built from plain text strategies: from_regex is several times slower.)
names = st.builds(
    lambda head, tail: head + tail,
    st.sampled_from("abcdefgrsy_"),
    st.text(alphabet="abcdeino_019", max_size=8),
).filter(lambda n: n not in KEYWORDS)

# Quoted text: anything printable on one line except '"'; a few non-ASCII
# characters check that positions count characters, not bytes.
texts = st.text(alphabet=st.sampled_from(list("abc XYZ019#§:,.()'-_/é中\t")), max_size=20)

cite_ids = st.builds(
    lambda a, b, parts: f"{a}-{b}" + "".join(f"({p})" for p in parts),
    st.integers(0, 99),
    st.integers(0, 999),
    st.lists(st.text(alphabet="abhiA19", min_size=1, max_size=3), max_size=3),
)
cites = st.builds(ast.Cite, cite_ids)
numbers = st.integers(0, 999_999_999)
dates = st.dates(datetime.date(1000, 1, 1), datetime.date(9999, 12, 31)).map(lambda d: d.isoformat())
values = st.one_of(names, st.sampled_from(["yes", "no"]))


def _unique(strategy, max_size):
    return st.lists(strategy, max_size=max_size, unique=True).map(tuple)


# ---------------------------------------------------------------- conditions

atoms = st.one_of(
    st.builds(ast.Ref, names),
    st.builds(ast.BoolLit, st.booleans()),
    st.builds(ast.Is, names, values, st.booleans()),
    st.builds(ast.OneOf, names, st.lists(values, min_size=1, max_size=4).map(tuple), st.booleans()),
    st.builds(ast.Compare, names, st.sampled_from(["<", "<=", ">", ">=", "=", "!="]), numbers),
)


def _extend(children):
    items = st.lists(children, min_size=2, max_size=4).map(tuple)
    return st.one_of(st.builds(ast.Not, children), st.builds(ast.And, items), st.builds(ast.Or, items))


exprs = st.recursive(atoms, _extend, max_leaves=12)


# ---------------------------------------------------------------- facts

enum_values = st.builds(ast.EnumValue, names, st.none() | texts)
fact_types = st.one_of(
    st.builds(ast.BoolType),
    st.builds(ast.IntType, numbers, numbers),
    st.builds(ast.EnumType, st.lists(enum_values, min_size=1, max_size=4).map(tuple)),
)
fact_decls = st.builds(ast.FactDecl, names, texts, fact_types)
facts_blocks = st.builds(ast.FactsBlock, st.lists(fact_decls, min_size=1, max_size=3).map(tuple))


# ---------------------------------------------------------------- provisions

definitions = st.builds(ast.Definition, names, texts, exprs)
assumptions = st.builds(ast.Assumption, names, texts, st.booleans())
name_lists = st.lists(names, min_size=1, max_size=3).map(tuple)
rules = st.builds(
    ast.Rule,
    name=st.none() | names,
    agents=st.none() | name_lists,
    prohibits=st.booleans(),
    conducts=st.none() | name_lists,
    when=st.none() | exprs,
    exceptions=st.lists(exprs, max_size=2).map(tuple),
    overrides=st.lists(cites, max_size=2).map(tuple),
)


@st.composite
def remedies(draw):
    covers = tuple(draw(st.lists(cites, min_size=1, max_size=2)))
    if draw(st.booleans()):
        plaintiffs, relief = draw(name_lists), draw(name_lists)
    else:
        plaintiffs, relief = (), ()
    return ast.Remedy(covers, plaintiffs, relief, draw(st.none() | exprs))


provision_items = st.one_of(definitions, assumptions, rules, remedies())
item_lists = st.lists(provision_items, max_size=3).map(tuple)
provisions = st.builds(ast.Provision, cites, texts, item_lists)
defaults = st.builds(ast.DefaultDecl, st.booleans())

law_docs = st.builds(
    ast.LawDoc,
    title=texts,
    jurisdiction=st.none() | texts,
    in_force=st.none() | dates,
    sources=_unique(texts, 2),
    items=st.lists(st.one_of(facts_blocks, defaults, provisions), max_size=4).map(tuple),
)


# ---------------------------------------------------------------- bills

amendments = st.one_of(
    st.builds(ast.ReplaceProvision, cites, texts, item_lists),
    st.builds(ast.InsertProvision, cites, texts, item_lists),
    st.builds(ast.RepealProvision, cites),
    st.builds(ast.ReplaceDefinition, names, texts, exprs),
    st.builds(ast.RepealDefinition, names),
)
bill_blocks = st.builds(
    ast.BillBlock,
    number=texts,
    title=texts,
    sponsors=st.lists(texts, max_size=2).map(tuple),
    status=st.none() | texts,
    amends=st.none() | texts,
    in_force=st.none() | dates,
    sources=_unique(texts, 2),
    items=st.lists(st.one_of(facts_blocks, amendments), max_size=3).map(tuple),
)
bill_docs = st.builds(ast.BillDoc, st.lists(bill_blocks, min_size=1, max_size=2).map(tuple))

documents = st.one_of(law_docs, bill_docs)
