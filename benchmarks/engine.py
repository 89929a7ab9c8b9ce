"""Benchmark: whole-space evaluation against the reference interpreter (a script, not a test).

Run from the repository root:  python benchmarks/engine.py [--sample N] [--repeat N]

In one run, on one law and its UNcompressed space, it times

* the raw counting mode, ``count_space(law, space, share=False)``: every
  chunk of the space evaluated bit-parallel, no chunk reused, results kept
  as bits and popcounted (the "fast" figure);
* the reference interpreter on a random sample of the same space;

checks that the interpreter agrees with the fast engine on every sampled
scenario and that the counts agree with the per-point results over the
whole space, and prints the space size and then

    fast_evaluations_per_second=<x>
    reference_evaluations_per_second=<x>
    fast_vs_reference_ratio=<x>

followed by labelled extra lines: ``evaluate_space`` (one verdict, remedy
and key byte per point) with and without chunk reuse, and the end-to-end
wall time of ``lawsim compare bills/current.law bills/powers.law``.

The law is a synthetic one written below in the .law language, sized to the
target (a rule tree of about 60 condition nodes over about 1.3e8 scenarios):
the detainer rules stretched to four agencies and four conducts, with more
facts and number ranges.  The bundled current law has fewer condition nodes
and, uncompressed, 2.8e9 scenarios: more output bytes than a benchmark run
should allocate.  Results and method
are recorded in docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import subprocess
import sys
import time
from typing import assert_never

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from benchmarks.count_kernel import count_space
from lawsim import ir
from lawsim.engine import evaluate
from lawsim.engine.fast import evaluate_space
from lawsim.engine.space import build_space
from lawsim.ir.vocab import REMEDY_STATUSES, VERDICTS
from lawsim.semantics import lower
from lawsim.syntax import parse_text

SYNTHETIC_LAW = '''
law "Synthetic detainer law for benchmarking"

facts
  agency "custodian": doc | nypd | probation | dhs_liaison
  conduct "act": hold_past_release | notify_release | share_records | allow_office
  judicial_warrant "judicial warrant presented": yes/no
  tsdb_match "possible watch-list match": yes/no
  pending_charge "a charge is pending": yes/no
  reentry "removed and re-entered": yes/no
  court_appearance "at or going to court": yes/no
  record "most serious record": none | misdemeanour | felony | violent_or_serious
  years_since_conviction "years since conviction": 0..40
  years_since_release "years since release from the sentence": 0..20
  hours_held "hours already held": 0..72

default permitted

§ 1-1(a) "Definitions"
  assumption lookback_from_release "the look-back runs from release": on
  define recent "a recent conviction":
    years_since_conviction <= 5 or (lookback_from_release and years_since_release <= 5 and record is not none)
  define qualifying "a qualifying conviction":
    record is violent_or_serious and recent and not pending_charge
  define flagged "flagged by federal lists": tsdb_match or (reentry and record is one of (felony, violent_or_serious))

§ 1-1(b) "Holding"
  rule hold: doc, nypd, probation may not hold_past_release
    unless judicial_warrant and (qualifying or tsdb_match)

§ 1-1(c) "Communication"
  rule notify: doc, probation may not notify_release, share_records
    unless qualifying or tsdb_match
    unless record is none and years_since_conviction > 30 and years_since_release > 10
  rule liaison: dhs_liaison may notify_release, share_records
    when judicial_warrant or (flagged and hours_held >= 24 and record is not none)

§ 1-1(d) "Short police hold"
  rule short_hold: nypd may hold_past_release
    when flagged and hours_held < 48 and not court_appearance
    notwithstanding § 1-1(b)

§ 1-2 "City resources"
  rule resources: any agency may not allow_office
    unless judicial_warrant and record is not none and not pending_charge
  rule courts: any agency may not any conduct
    when court_appearance and not judicial_warrant
    notwithstanding § 1-1(b), § 1-1(c), § 1-1(d)

§ 1-3 "Remedies"
  remedy: violations of § 1-1 let person, relative sue for damages, injunction
    when not pending_charge or hours_held > 12 or court_appearance
  remedy: violations of § 1-2 give no remedy
    when record is violent_or_serious
'''


def count_nodes(expr: ir.Expr) -> int:
    match expr:
        case ir.Const() | ir.In() | ir.Cmp() | ir.DefRef() | ir.AssumeRef():
            return 1
        case ir.Neg(operand=operand):
            return 1 + count_nodes(operand)
        case ir.AllOf(items=items) | ir.AnyOf(items=items):
            return 1 + sum(count_nodes(i) for i in items)
        case _:
            assert_never(expr)


def tree_size(law: ir.Law) -> int:
    """Condition nodes in the rules, exceptions, remedies and definitions."""
    exprs = [d.expr for d in law.definitions.values()]
    exprs += [e for r in law.rules for e in (r.when, *r.exceptions)]
    exprs += [m.when for m in law.remedies]
    return sum(count_nodes(e) for e in exprs)


def best_of(runs: int, fn):
    """The shortest wall-clock time of ``runs`` calls, and the last result."""
    times, result = [], None
    for _ in range(runs):
        result = None  # free the previous result's arrays before the next run
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    import numpy

    return (f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, numpy {numpy.__version__}, "
            f"{platform.system()} {platform.release()}")


def compare_command() -> list[str]:
    exe = shutil.which("lawsim", path=os.path.dirname(sys.executable)) or shutil.which("lawsim")
    if exe:
        return [exe]
    return [sys.executable, "-c", "import sys; from lawsim.cli import main; sys.exit(main())"]


def time_compare(runs: int) -> None:
    files = ["bills/current.law", "bills/powers.law"]  # run from the repository root
    command = compare_command()
    missing = [f for f in files if not os.path.exists(os.path.join(ROOT, f))]
    if missing:
        print(f"compare: skipped ({', '.join(missing)} not found)")
        return
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run([*command, "compare", *files], capture_output=True, text=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            print(f"compare: failed with exit {done.returncode}: {done.stderr.strip()[:500]}")
            return
    print(f"compare_seconds={min(times):.3f} (end to end, best of {runs}: `lawsim compare "
          f"bills/current.law bills/powers.law` as a subprocess, start-up included; "
          f"{len(done.stdout.splitlines())} lines of output)")


def counts_of(result, space) -> tuple[dict, dict]:
    """Scenarios per verdict and remedy status, read off per-point arrays (uncompressed space)."""
    verdicts = np.bincount(result.verdict, minlength=len(VERDICTS))
    remedies = np.bincount(result.remedy, minlength=len(REMEDY_STATUSES))
    return dict(zip(VERDICTS, verdicts.tolist())), dict(zip(REMEDY_STATUSES, remedies.tolist()))


def numpy_bytes(law: ir.Law, space, chunk: int = 1 << 20) -> dict:
    """A plain vectorised baseline: the same circuit, one numpy bool byte per scenario per node.

    No bit packing, no reuse of identical chunks: each node is a ``numpy`` bool array over a chunk
    of scenarios (an AND is ``np.logical_and.reduce``, a leaf a table lookup of the fact's code), as
    a careful numpy programmer would write it.  Returns scenarios per verdict.
    """
    from lawsim.engine.circuit import AND, CONST, LEAF, NOT, compile_law

    circuit = compile_law(law, space)
    totals = np.zeros(len(VERDICTS), dtype=np.int64)
    for start in range(0, space.size, chunk):
        index = np.arange(start, min(start + chunk, space.size), dtype=np.int64)
        codes = [(index // stride) % axis.count for axis, stride in zip(space.axes, space.strides)]
        vals: list = []
        for op, payload in circuit.nodes:
            if op == CONST:
                vals.append(np.full(len(index), payload, dtype=bool))
            elif op == LEAF:
                k, true_codes = payload
                table = np.zeros(space.axes[k].count, dtype=bool)
                table[list(true_codes)] = True
                vals.append(table[codes[k]])
            elif op == NOT:
                vals.append(~vals[payload])
            else:
                vals.append((np.logical_and if op == AND else np.logical_or).reduce([vals[x] for x in payload]))
        prohibited, conflict = vals[circuit.prohibited], vals[circuit.conflict]
        code = prohibited.astype(np.int64) + 2 * conflict.astype(np.int64)  # the order of VERDICTS
        totals += np.bincount(code, minlength=len(VERDICTS))
    return dict(zip(VERDICTS, totals.tolist()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=20_000, help="scenarios for the reference interpreter")
    parser.add_argument("--repeat", type=int, default=7, help="runs of the counting mode (the best is reported)")
    args = parser.parse_args()

    law, _ = lower(parse_text(SYNTHETIC_LAW, "synthetic.law"), name="synthetic")
    space = build_space(law, compress=False)
    print(f"machine: {machine()}")
    print(f"law: synthetic, sized to the target, {len(law.rules)} rules, "
          f"{len(law.remedies)} remedies, {tree_size(law)} condition nodes")
    print(f"space: {space.size} scenarios (uncompressed, {len(space.axes)} facts; "
          f"{build_space(law).size} points when compressed)")

    # The headline: raw counting, every chunk evaluated, best of N.
    count_time, counts = best_of(args.repeat, lambda: count_space(law, space, share=False))
    assert counts.evaluated == counts.points == space.size, "the raw mode must evaluate every point"

    # The reference interpreter on a random sample of the same space.
    rng = random.Random(2023_02_15)
    sample = [rng.randrange(space.size) for _ in range(args.sample)]
    scenarios = [space.scenario(i) for i in sample]
    start = time.perf_counter()
    outcomes = [evaluate(law, s) for s in scenarios]
    ref_time = time.perf_counter() - start

    # Per-point results with chunk reuse (what compare uses), then without.
    shared_time, result = best_of(max(args.repeat // 2, 1), lambda: evaluate_space(law, space))
    for i, out in zip(sample, outcomes):
        fast = (VERDICTS[result.verdict[i]], REMEDY_STATUSES[result.remedy[i]],
                result.remedy_keys[result.remedy_key[i]])
        assert fast == (out.verdict, out.remedy.status, out.remedy.key), (i, fast, out)
    deciding = {name: mask[sample] for name, mask in result.deciding.items()}
    for j, out in enumerate(outcomes):
        assert {n for n, m in deciding.items() if m[j]} == set(out.deciding)
    assert (counts.verdicts, counts.remedies) == counts_of(result, space), "counts disagree with the points"
    del result, deciding
    unshared_time, _ = best_of(2, lambda: evaluate_space(law, space, share=False))
    print(f"agreement: the interpreter == evaluate_space on all {len(sample)} sampled scenarios "
          f"(verdict, remedy key, deciding rules); count_space == evaluate_space's counts on all "
          f"{space.size} scenarios")
    # The sample is a random draw from the space, so its shares must match the counts' shares.
    drawn = {v: sum(out.verdict == v for out in outcomes) / len(sample) for v in VERDICTS}
    for verdict, n in counts.verdicts.items():
        share = n / counts.total
        assert abs(drawn[verdict] - share) <= 5 * (share * (1 - share) / len(sample)) ** 0.5 + 1e-12
    print(f"counts: {counts.verdicts} {counts.remedies}")
    print("verdict shares, whole space (count_space) vs interpreter sample: " + ", ".join(
        f"{v} {n / counts.total:.4f} vs {drawn[v]:.4f}" for v, n in counts.verdicts.items()))
    print(f"fast_seconds={count_time:.4f} (count_space, share=False, best of {args.repeat}: "
          f"{counts.chunks} chunks of {space.size // counts.chunks} points, all evaluated; "
          f"{counts.word_operations / space.size * 64:.1f} uint64 operations per 64 scenarios)")
    print(f"reference_seconds={ref_time:.4f} for {len(sample)} scenarios")

    fast_rate = space.size / count_time
    ref_rate = len(sample) / ref_time
    print(f"space_size={space.size}")
    print(f"fast_evaluations_per_second={fast_rate:.4e}")
    print(f"reference_evaluations_per_second={ref_rate:.4e}")
    print(f"fast_vs_reference_ratio={fast_rate / ref_rate:.1f}")

    # The same circuit as plain numpy, one byte per scenario per node: a fair vectorised baseline.
    numpy_time, numpy_counts = best_of(2, lambda: numpy_bytes(law, space))
    assert numpy_counts == counts.verdicts, "the numpy baseline disagrees with count_space"
    print(f"numpy_bytes_seconds={numpy_time:.4f} (best of 2; one bool byte per scenario per circuit node, "
          f"chunks of 2^20 scenarios; same verdict counts)")
    print(f"fast_vs_numpy_bytes_ratio={numpy_time / count_time:.1f}")
    print("openfisca: not measured (OpenFisca-core is not a dependency; its formulas would need this law "
          "re-encoded as variables)")

    print(f"extra: evaluate_space_with_reuse_per_second={space.size / shared_time:.4e} "
          f"({shared_time:.4f} s, best of {max(args.repeat // 2, 1)}; per-point verdict, remedy and key "
          f"bytes; identical chunks evaluated once)")
    print(f"extra: evaluate_space_without_reuse_per_second={space.size / unshared_time:.4e} "
          f"({unshared_time:.4f} s, best of 2; per-point bytes, every chunk evaluated)")
    time_compare(3)


if __name__ == "__main__":
    main()
