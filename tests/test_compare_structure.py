"""Structural diff and redline (lawsim.compare.structure, lawsim.compare.redline)."""

from pathlib import Path

from lawsim import api
from lawsim.compare import Added, Modified, Removed, compare, structural_diff
from lawsim.compare.redline import Segment, provision_redline, redline
from lawsim.compare.structure import Attribution, ItemChange
from lawsim.report.compare_text import Style, redline_text
from lawsim.semantics import from_document, load_version
from lawsim.syntax import parse_text
from lawsim.syntax.printer import format_document

DATA = Path(__file__).resolve().parent / "data" / "compare" / "bills"


def spec(name: str) -> str:
    return str(DATA / f"{name}.law")


def test_a_replaced_provision_is_modified_and_attributed_to_its_bill():
    diff = structural_diff(load_version(spec("base")).law, load_version(spec("close")).law)
    assert diff.facts == () and not diff.default_changed
    (change,) = diff.provisions
    assert isinstance(change, Modified) and change.id == "9-131(c)" and not change.caption_changed
    assert change.attribution == Attribution("Int 0001-2023", "reform")
    assert change.items == (ItemChange("rule", "9-131(c):notify", "modified", ("exception 1",),
                                       Attribution("Int 0001-2023", "reform")),)


def test_repeals_inserts_and_definitions_are_attributed_both_ways():
    forward = api.compare(spec("base"), spec("mixed")).structure
    kinds = {type(c).__name__: c for c in forward.provisions}
    by_id = {c.provision.id if not isinstance(c, Modified) else c.id: c for c in forward.provisions}
    assert sorted(by_id) == ["9-131(a)", "9-131(d)", "9-131(e)", "9-131(f)"]
    assert isinstance(by_id["9-131(d)"], Removed) and isinstance(by_id["9-131(f)"], Added)
    # The repeal is only known from the bill's text, not from the IR.
    assert by_id["9-131(d)"].attribution == Attribution("Int 0003-2023", "reform")
    definition = by_id["9-131(a)"].items[0]
    assert (definition.kind, definition.key, definition.aspects) == (
        "definition", "qualifying_conviction", ("caption", "condition"))
    assert definition.attribution == Attribution("Int 0003-2023", "reform")
    # § 9-131(e) cites all of § 9-131, so what it covers moved with the repeal and the insert.
    assert by_id["9-131(e)"].items[0].aspects == ("covers (now also § 9-131(f); no longer § 9-131(d))",)
    assert "Modified" in kinds
    backward = api.compare(spec("mixed"), spec("base")).structure
    back = {c.provision.id if not isinstance(c, Modified) else c.id: c for c in backward.provisions}
    assert isinstance(back["9-131(d)"], Added) and isinstance(back["9-131(f)"], Removed)
    assert back["9-131(d)"].attribution == Attribution("Int 0003-2023", "baseline")


def test_reformatting_changes_nothing():
    base = load_version(spec("base"))
    text = (DATA / "base.law").read_text(encoding="utf-8")
    doc = parse_text(text)
    squashed = format_document(doc).replace("\n    unless", " unless").replace("\n    when", " when")
    assert squashed != text
    again = from_document(parse_text(squashed), name="squashed")
    result = compare(base, again)
    assert result.structure.empty and not result.changed


def test_word_redline_marks_only_what_changed():
    red = redline("doc may not notify_release unless qualifying", "doc may not notify_release unless warrant")
    assert red.segments == (Segment("same", "doc may not notify_release unless "), Segment("removed", "qualifying"),
                            Segment("same", " "), Segment("added", "warrant"))
    assert redline("a  b\n c", "a b c") == redline("a b c", "a b c")
    assert not redline("a  b\n c", "a b c").changed


def test_redline_aligns_items_and_renders_plain_and_coloured():
    base, mixed = load_version(spec("base")).law, load_version(spec("mixed")).law
    red = provision_redline(base.provision_map["9-131(a)"], mixed.provision_map["9-131(a)"])
    plain = redline_text(red, Style(False))
    assert "within [five] {+three+} years" in plain
    assert "\n    record is violent_or_serious and years_since_conviction <= [5] {+3+}" in plain
    coloured = redline_text(red, Style(True))
    assert "\x1b[31m[five]\x1b[0m" in coloured and "\x1b[4;32mthree\x1b[0m" in coloured
    assert "{+" not in coloured
    whole = redline_text(provision_redline(None, mixed.provision_map["9-131(f)"]), Style(False))
    assert whole.startswith('{+§ 9-131(f) "NYPD may not announce releases without a warrant"') and whole.endswith("+}")
