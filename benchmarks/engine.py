"""Benchmark: the fast engine against the reference interpreter (a script, not a test).

Run from the repository root:  python benchmarks/engine.py [--sample N] [--repeat N]

On one law and its UNcompressed space it times (1) the fast engine over the
whole space and (2) the reference interpreter over a random sample of the
same space, checks that the two agree on the sample, and prints

    fast_evaluations_per_second=<x>
    reference_evaluations_per_second=<x>
    fast_vs_reference_ratio=<x>

The bundled laws are far too small (hundreds of scenarios), so the law is a
synthetic one written below in the .law language: the detainer rules
stretched to four agencies and four conducts, with more facts and number
ranges, about 60 condition nodes and about 1.3e8 scenarios.  Then, if the
``lawsim compare`` command exists, it times
``lawsim compare bills/current.law bills/powers.law`` end to end.
Results and method are recorded in docs/performance.md.
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

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from lawsim import ir  # noqa: E402
from lawsim.engine import evaluate  # noqa: E402
from lawsim.engine.fast import REMEDY_STATUSES, VERDICTS, evaluate_space  # noqa: E402
from lawsim.engine.space import build_space  # noqa: E402
from lawsim.semantics import lower  # noqa: E402
from lawsim.syntax import parse_text  # noqa: E402

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


def best_of(repeat: int, fn):
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
        del result  # free the previous result's arrays before the next run
        result = None
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


def time_compare() -> None:
    exe = shutil.which("lawsim", path=os.path.dirname(sys.executable)) or shutil.which("lawsim")
    files = ["bills/current.law", "bills/powers.law"]  # run from the repository root
    if exe is None:
        print("compare: skipped (no lawsim executable found)")
        return
    help_text = subprocess.run([exe, "--help"], capture_output=True, text=True).stdout
    if "compare" not in help_text.split("Commands:")[-1]:
        print("compare: skipped (the 'lawsim compare' command does not exist yet)")
        return
    missing = [f for f in files if not os.path.exists(os.path.join(ROOT, f))]
    if missing:
        print(f"compare: skipped ({', '.join(missing)} not found)")
        return
    start = time.perf_counter()
    done = subprocess.run([exe, "compare", *files], capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - start
    print(f"compare_seconds={elapsed:.3f} (lawsim compare bills/current.law bills/powers.law, "
          f"exit {done.returncode}, {len(done.stdout.splitlines())} lines of output)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=20_000, help="scenarios for the reference interpreter")
    parser.add_argument("--repeat", type=int, default=3, help="fast-engine runs (the best is reported)")
    args = parser.parse_args()

    law, _ = lower(parse_text(SYNTHETIC_LAW, "synthetic.law"), name="synthetic")
    space = build_space(law, compress=False)
    print(f"machine: {machine()}")
    print(f"law: synthetic (the bundled bills are too small), {len(law.rules)} rules, "
          f"{len(law.remedies)} remedies, {tree_size(law)} condition nodes")
    print(f"space_size={space.size} (uncompressed, {len(space.axes)} facts)")
    print(f"compressed_space_size={build_space(law).size}")

    fast_time, result = best_of(args.repeat, lambda: evaluate_space(law, space))
    raw_time, _ = best_of(1, lambda: evaluate_space(law, space, share=False))

    rng = random.Random(2023_02_15)
    sample = [rng.randrange(space.size) for _ in range(args.sample)]
    scenarios = [space.scenario(i) for i in sample]
    start = time.perf_counter()
    outcomes = [evaluate(law, s) for s in scenarios]
    ref_time = time.perf_counter() - start

    for i, out in zip(sample, outcomes):
        fast = (VERDICTS[result.verdict[i]], REMEDY_STATUSES[result.remedy[i]],
                result.remedy_keys[result.remedy_key[i]])
        assert fast == (out.verdict, out.remedy.status, out.remedy.key), (i, fast, out)
    deciding = {name: mask[sample] for name, mask in result.deciding.items()}
    for j, out in enumerate(outcomes):
        assert {n for n, m in deciding.items() if m[j]} == set(out.deciding)
    print(f"agreement: fast engine == interpreter on all {len(sample)} sampled scenarios")

    fast_rate = space.size / fast_time
    ref_rate = len(sample) / ref_time
    print(f"fast_seconds={fast_time:.4f} (best of {args.repeat + 1}; "
          f"unshared chunks: {raw_time:.4f} s = {space.size / raw_time:.3e}/s)")
    print(f"reference_seconds={ref_time:.4f} for {len(sample)} scenarios")
    print(f"fast_evaluations_per_second={fast_rate:.4e}")
    print(f"reference_evaluations_per_second={ref_rate:.4e}")
    print(f"fast_vs_reference_ratio={fast_rate / ref_rate:.1f}")
    time_compare()


if __name__ == "__main__":
    main()
