"""The bundled corpus: it checks clean, applied bills are golden, and amendments stay local."""

from __future__ import annotations

from dataclasses import replace

from conftest import ROOT, examples
from hypothesis import given, settings
from hypothesis import strategies as st

from lawsim.semantics import Target, apply_bills, check_file, load_version
from lawsim.syntax import ast, format_document, parse_file

BILLS = ROOT / "bills"
BILL_FILES = ["powers.law", "hanif.law", "int-1412.law"]


def test_every_bundled_file_checks_clean_without_warnings():
    for path in sorted(BILLS.glob("*.law")):
        _, warnings = check_file(str(path))
        assert warnings == (), f"{path.name}: {[w.message for w in warnings]}"


def test_every_bundled_file_is_formatted():
    for path in sorted(BILLS.glob("*.law")):
        text = path.read_text(encoding="utf-8")
        assert format_document(parse_file(str(path))) == text, f"{path.name}: run lawsim fmt"


def _applied(bill: str) -> ast.LawDoc:
    base = parse_file(str(BILLS / "current.law"))
    doc = parse_file(str(BILLS / bill))
    applied, _ = apply_bills(base, doc.blocks)
    return replace(applied, comments=())


def test_applied_bills_match_their_golden_dumps(golden):
    for bill in BILL_FILES:
        golden(f"applied/{bill}", format_document(_applied(bill)))


def test_bill_origins_attribute_each_change_to_its_bill():
    law = load_version(str(BILLS / "powers.law")).law
    origins = {p.id: p.origin for p in law.provisions if p.origin}
    assert origins == {"9-131(h)(2)": "Int 0185-2022",
                       "14-154(b)(2)": "NYPD detention bill (Int number not confirmed)"}
    law = load_version(str(BILLS / "int-1412.law")).law
    assert law.definitions["federal_immigration_authority"].origin == "Int 1412-2025"


def test_compound_version_applies_both_bills():
    law = load_version(f"{BILLS / 'powers.law'}+{BILLS / 'hanif.law'}").law
    assert law.name == "powers+hanif"
    assert [b.number for b in law.bills] == [
        "Int 0185-2022", "NYPD detention bill (Int number not confirmed)", "Int 0158-2022"]
    assert law.provision_map["9-131(e)"].origin == "Int 0158-2022"
    assert law.provision_map["9-131(h)(2)"].origin == "Int 0185-2022"


# ---------------------------------------------------------------- locality property

_BASE = parse_file(str(BILLS / "current.law"))
_IDS = [p.cite.id for p in _BASE.provisions]


@st.composite
def _amendments(draw):
    """A random bill: replace, repeal or insert provisions of current law, each at most once."""
    chosen = draw(st.lists(st.sampled_from(_IDS), unique=True, max_size=4))
    items = []
    for cid in chosen:
        if draw(st.booleans()):
            donor = draw(st.sampled_from(_BASE.provisions))
            rules = tuple(i for i in donor.items if isinstance(i, ast.Rule))
            items.append(ast.ReplaceProvision(ast.Cite(cid), f"replaced {cid}", rules))
        else:
            items.append(ast.RepealProvision(ast.Cite(cid)))
    new_ids = draw(st.lists(st.sampled_from(["9-131(z)", "10-178(z)", "14-154(z)", "9-205(z)"]),
                            unique=True, max_size=2))
    items += [ast.InsertProvision(ast.Cite(n), f"new {n}", ()) for n in new_ids]
    order = draw(st.permutations(items))
    return ast.BillBlock("Int 9999-2026", "generated", (), None, "current.law", None, (), tuple(order))


@settings(max_examples=examples(60))
@given(_amendments())
def test_applying_a_bill_changes_only_the_provisions_it_names(bill):
    applied, provenance = apply_bills(_BASE, [bill])
    named = {item.cite.id for item in bill.items}
    before = {p.cite.id: p for p in _BASE.provisions}
    after = {p.cite.id: p for p in applied.provisions}
    for cid, prov in before.items():
        if cid not in named:
            assert after[cid] == prov
    for item in bill.items:
        cid = item.cite.id
        match item:
            case ast.RepealProvision():
                assert cid not in after
                assert provenance.repealed_by(Target.PROVISION, cid) == bill.number
            case ast.ReplaceProvision() | ast.InsertProvision():
                assert after[cid].items == item.items and after[cid].caption == item.caption
                assert provenance.text_of(Target.PROVISION, cid) == bill.number
    untouched_order = [p.cite.id for p in applied.provisions if p.cite.id not in named]
    assert untouched_order == [cid for cid in _IDS if cid not in named]
    # Everything that is not a provision (facts, default) is carried over unchanged.
    assert [i for i in applied.items if not isinstance(i, ast.Provision)] == \
        [i for i in _BASE.items if not isinstance(i, ast.Provision)]
    # And the base itself was not modified.
    assert parse_file(str(BILLS / "current.law")) == _BASE


def test_corpus_doc_covers_every_encoded_provision_and_assumption():
    doc = (ROOT / "docs" / "corpus.md").read_text(encoding="utf-8")
    for bill in ["current.law", *BILL_FILES]:
        law = load_version(str(BILLS / bill)).law
        for provision in law.provisions:
            assert f"§ {provision.id}" in doc, f"docs/corpus.md does not mention § {provision.id}"
        for name in law.assumptions:
            assert f"`{name}`" in doc, f"docs/corpus.md does not list the assumption {name}"


def test_vocabulary_doc_lists_every_fact_and_conduct():
    doc = (ROOT / "docs" / "vocabulary.md").read_text(encoding="utf-8")
    law = load_version(str(BILLS / "current.law")).law
    for fact in law.facts:
        assert f"`{fact.name}`" in doc
    for conduct in law.fact_map["conduct"].values:
        assert f"`{conduct}`" in doc
