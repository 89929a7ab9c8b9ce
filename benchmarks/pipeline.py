"""Benchmark: the pipeline's edge evaluation, whole-space engine against the reference interpreter.

Run from the repository root:  python benchmarks/pipeline.py [--repeat N]

In one run it reads the bundled New York pipeline with current law and Powers' bills and times

* ``evaluate_edges``: every contact point on every person profile with the whole-space engine
  (what ``lawsim pipeline`` does), per version;
* the reference interpreter on every (contact point, profile point) pair of the same grid;

checks that the two agree on every pair, and prints

    profile_points=<n>  contact_points=<n>
    fast_edge_evaluations_per_second=<x>
    reference_edge_evaluations_per_second=<x>
    fast_vs_reference_ratio=<x>
    differential_seconds=<x>   (the whole current-vs-powers differential, regions included)

Results are recorded in docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from lawsim.engine.interpreter import evaluate  # noqa: E402
from lawsim.ir.vocab import Verdict  # noqa: E402
from lawsim.pipeline import differential  # noqa: E402
from lawsim.pipeline.edges import evaluate_edges  # noqa: E402
from lawsim.pipeline.profiles import profile_space  # noqa: E402
from lawsim.semantics import Loader  # noqa: E402
from lawsim.semantics.pipeline import bind  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="best of N timings (default 3)")
    args = parser.parse_args()
    loader = Loader()
    pipeline = loader.pipeline("bills/nyc-pipeline.law")
    versions = [loader.version("bills/current.law"), loader.version("bills/powers.law")]
    bindings = [bind(pipeline, v.law) for v in versions]
    profiles = profile_space([v.law for v in versions], bindings, {})
    points = profiles.size * len(pipeline.contacts) * len(versions)

    fast = float("inf")
    for _ in range(args.repeat):
        start = time.perf_counter()
        edges = [evaluate_edges(v.law, b, profiles) for v, b in zip(versions, bindings)]
        fast = min(fast, time.perf_counter() - start)

    start = time.perf_counter()
    mismatches = 0
    for version, binding, found in zip(versions, bindings, edges):
        for contact in pipeline.contacts:
            is_open = found[contact.name].open
            for index in range(profiles.size):
                scenario = {**binding.fixed[contact.name], **profiles.scenario(index)}
                permitted = evaluate(version.law, scenario).verdict == Verdict.PERMITTED
                mismatches += permitted != bool(is_open[index])
    reference = time.perf_counter() - start
    if mismatches:
        raise SystemExit(f"the engines disagree on {mismatches} of {points} edge evaluations")

    start = time.perf_counter()
    differential(pipeline, *versions)
    whole = time.perf_counter() - start
    print(f"profile_points={profiles.size}  contact_points={len(pipeline.contacts)}")
    print(f"fast_edge_evaluations_per_second={points / fast:.0f}")
    print(f"reference_edge_evaluations_per_second={points / reference:.0f}")
    print(f"fast_vs_reference_ratio={reference / fast:.1f}")
    print(f"differential_seconds={whole:.2f}")


if __name__ == "__main__":
    main()
