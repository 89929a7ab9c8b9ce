"""The symbolic engine (decision diagrams) against the whole-space engine and the interpreter.

* on random laws small enough for both (tests/strategies_law.py: constraints, number facts,
  assumptions), both engines give the same counts, per kind, per agency and conduct, per
  flipped assumption, and the same warnings; the symbolic regions are exact, disjoint and
  witnessed, checked scenario by scenario against the interpreter;
* a region's readings are exact: it holds under a reading of every assumption exactly when
  that reading is one of the alternatives it names;
* counts stay exact past 2**53 (CUDD's own count is a double);
* compare on a law too large to enumerate answers (no internal error), says which engine it
  used, and refuses the whole-space engine with a clear message.
"""

from __future__ import annotations

import itertools
import subprocess
import sys

from click.testing import CliRunner
from conftest import examples
from hypothesis import given, settings

from lawsim.cli import cli
from lawsim.compare import Engine, compare
from lawsim.compare.kinds import KINDS
from lawsim.engine.space import Axis
from lawsim.engine.symbolic import Encoding
from lawsim.ir import Fact
from lawsim.ir.vocab import FactKind
from tests.compare_oracle import matches, transitions
from tests.strategies_law import version_pairs
from tests.test_compare_properties import check_regions, check_reliance


def _summary(sem) -> tuple:
    return (sem.total, sem.changed, tuple(sem.count(k) for k in KINDS), sem.pairs,
            tuple((s.assumption, s.value, s.changed, s.counts) for s in sem.sensitivity))


def check_readings(a, b, sem) -> None:
    names = sorted(a.assumptions.keys() | b.assumptions.keys())
    if len(names) > 3:
        return  # 2**k brute-force passes; the strategies rarely draw more
    for values in itertools.product((False, True), repeat=len(names)):
        reading = dict(zip(names, values))
        seen = {i: True for i in range(len(sem.regions))}
        for scenario, before, after in transitions(a, b, reading):
            for i, region in enumerate(sem.regions):
                if seen[i] and matches(region, scenario):
                    from lawsim.compare.kinds import classify
                    seen[i] = before != after and classify(before, after) == region.kind
        for i, region in enumerate(sem.regions):
            r = region.readings
            assert r is not None
            named = r.every or any(all(reading[n] == v for n, v in need) for need in r.needs)
            assert named == seen[i], (region.kind, reading, r)


@settings(max_examples=examples(40))
@given(version_pairs())
def test_the_engines_agree_exactly(pair):
    va, vb = pair
    space = compare(va, vb, engine=Engine.SPACE)
    symbolic = compare(va, vb, engine=Engine.SYMBOLIC)
    assert (space.engine, symbolic.engine) == ("space", "symbolic")
    assert _summary(space.semantics) == _summary(symbolic.semantics)
    assert [w.message for w in space.warnings] == [w.message for w in symbolic.warnings]
    a, b = va.law, vb.law
    check_regions(a, b, symbolic.semantics)
    check_reliance(a, b, symbolic.semantics)
    check_readings(a, b, symbolic.semantics)


def test_counts_are_exact_integers_past_two_to_the_53():
    facts = [Fact(f"f{i:02d}", "a fact", FactKind.BOOL, ("no", "yes")) for i in range(70)]
    enc = Encoding([Axis(f, (("no",), ("yes",))) for f in facts], ())
    assert enc.count(enc.valid) == 2 ** 70
    assert enc.count(enc.valid & enc.code(3, 1)) == 2 ** 69
    assert enc.count(enc.valid & ~enc.code(3, 1) & ~enc.code(60, 0)) == 2 ** 68


def _wide_law(n: int) -> str:
    facts = "\n".join(f'  f{i:02d} "fact {i}": yes/no' for i in range(n))
    rules = "\n".join(f'  rule r{i:02d}: doc may not hold when f{i:02d} and not f{(i + 1) % n:02d}' for i in range(n))
    return (f'law "Wide"\njurisdiction "Test"\n\nfacts\n  agency "who": doc "a" | nypd "b"\n'
            f'  conduct "what": hold "h" | notify "n"\n{facts}\n\ndefault permitted\n\n§ 1-1 "Rules"\n{rules}\n')


def _write_wide_pair(folder) -> None:
    """base.law with 32 yes/no facts and a bill that drops its first rule."""
    (folder / "base.law").write_text(_wide_law(32), encoding="utf-8")
    (folder / "bill.law").write_text(
        'bill "Int 1" "Drop a rule"\nsponsors "X"\namends "base.law"\n\nreplace § 1-1 "Rules"\n'
        + "\n".join(f'  rule r{i:02d}: doc may not hold when f{i:02d} and not f{(i + 1) % 32:02d}'
                    for i in range(1, 32)) + "\n", encoding="utf-8")


def test_a_law_too_large_to_enumerate_is_compared_symbolically(tmp_path):
    _write_wide_pair(tmp_path)
    runner = CliRunner()
    args = ["compare", str(tmp_path / "base.law"), str(tmp_path / "bill.law"), "--no-scenarios"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "engine: symbolic" in result.output
    # f00 and not f01, and no other rule applies: 2**30 * (situations where r31 and r01 do not hold)
    assert "Loopholes opened" in result.output
    refused = runner.invoke(cli, args + ["--engine", "space"])
    assert refused.exit_code == 1
    assert "E501" in refused.output and "--engine symbolic" in refused.output


def test_a_symbolic_run_exits_without_noise_on_stderr(tmp_path):
    """CUDD complains on stderr when its manager is freed with diagrams left; lawsim frees them first."""
    _write_wide_pair(tmp_path)
    for form in ("text", "json"):
        args = ["compare", "base.law", "bill.law", "--no-scenarios", "--format", form]
        done = subprocess.run([sys.executable, "-c", "from lawsim.cli import main; main()", *args],
                              cwd=tmp_path, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        assert done.stderr == ""


def test_max_regions_keeps_the_largest_and_counts_the_rest(tmp_path):
    (tmp_path / "base.law").write_text(_wide_law(10), encoding="utf-8")
    (tmp_path / "bill.law").write_text(
        'bill "Int 1" "Drop rules"\nsponsors "X"\namends "base.law"\n\nreplace § 1-1 "Rules"\n'
        + "\n".join(f'  rule r{i:02d}: doc may not hold when f{i:02d} and not f{(i + 1) % 10:02d}'
                    for i in range(0, 10, 3)) + "\n", encoding="utf-8")
    from lawsim.semantics import Loader

    loader = Loader()
    base, bill = loader.version(str(tmp_path / "base.law")), loader.version(str(tmp_path / "bill.law"))
    whole = compare(base, bill, engine=Engine.SYMBOLIC).semantics
    capped = compare(base, bill, engine=Engine.SYMBOLIC, max_regions=2).semantics
    assert len(whole.regions) > 2 and len(capped.regions) == 2
    assert sorted(r.count for r in capped.regions) == sorted(r.count for r in whole.regions)[-2:]
    assert all(capped.count(k) == whole.count(k) for k in KINDS)
    assert sum(o.scenarios for o in capped.omitted) == whole.changed - sum(r.count for r in capped.regions)
