"""How compare scales with the number of facts: generated laws, each compared exactly.

For each size N (8, 16, 32, 64, 128 yes/no facts by default) the script writes a law with
about 4 items per fact - per fact one definition and two rules that read a window of about
eight neighbouring facts (local), every fourth rule also reading facts far away (non-local),
an assumption per eight facts and a remedy per provision - and a bill that replaces four
provisions.  It then runs ``lawsim compare base.law bill.law --format json`` in a fresh
process (so peak memory is that comparison's own) and prints the wall time, the peak
resident memory, the engine compare chose and the changed-scenario counts.  The last line is
``scale_64_facts_seconds=<x>``.

    python benchmarks/scale.py                 # 8 16 32 64 128
    python benchmarks/scale.py --sizes 8 16 --engine space

Run from a checkout; nothing here is a test (see docs/performance.md for the numbers).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WINDOW = 8


def _lit(rng: random.Random, fact: str) -> str:
    return fact if rng.random() < 0.6 else f"not {fact}"


def _window(rng: random.Random, n: int, i: int, width: int) -> list[str]:
    return [f"f{(i + k) % n:03d}" for k in rng.sample(range(WINDOW), width)]


def _condition(rng: random.Random, facts: list[str]) -> str:
    """A few literals joined by and/or, grouped, e.g. 'f001 and (not f003 or f004)'."""
    lits = [_lit(rng, f) for f in facts]
    head, rest = lits[0], lits[1:]
    if not rest:
        return head
    mid = len(rest) // 2 or 1
    left, right = " or ".join(rest[:mid]), " and ".join(rest[mid:]) if rest[mid:] else ""
    return f"{head} and ({left})" + (f" and ({right})" if right else "")


def _provision(rng: random.Random, n: int, i: int, version: int) -> str:
    agency = rng.choice(["doc", "nypd"])
    conduct = rng.choice(["hold", "notify"])
    define = _condition(rng, _window(rng, n, i, 3))
    when = _condition(rng, [f"d{i:03d}"] + _window(rng, n, i + 2, 2))
    if i % 4 == 0:  # non-local: facts from across the law
        when += f" and {_lit(rng, f'f{(i + n // 2) % n:03d}')}"
    unless = _condition(rng, _window(rng, n, i + 4, 2))
    lines = [f'§ 1-{i + 1} "Provision {i + 1}{" as amended" if version else ""}"',
             f'  define d{i:03d} "condition {i + 1}": {define}']
    if i % WINDOW == 0:
        lines.append(f'  assumption a{i:03d} "reading {i + 1}": {"on" if rng.random() < 0.5 else "off"}')
        unless = f"a{i:03d} and ({unless})"
    lines.append(f"  rule r{i:03d}: {agency} may not {conduct} when {when} unless {unless}")
    other = _condition(rng, [f"d{i:03d}"] + _window(rng, n, i + 1, 2))
    lines.append(f"  rule s{i:03d}: {'nypd' if agency == 'doc' else 'doc'} may not {conduct} when {other}")
    lines.append(f"  remedy: violations of § 1-{i + 1} let the_person sue for damages when {_lit(rng, f'f{i:03d}')}")
    return "\n".join(lines)


def law_text(n: int, seed: int = 1) -> str:
    rng = random.Random(seed * 1000 + n)
    facts = "\n".join(f'  f{i:03d} "fact {i}": yes/no' for i in range(n))
    head = (f'law "Generated law with {n} facts"\njurisdiction "Benchmark"\n\nfacts\n'
            '  agency "who": doc "a" | nypd "b"\n  conduct "what": hold "h" | notify "n"\n'
            f"{facts}\n\ndefault permitted\n\n")
    return head + "\n\n".join(_provision(rng, n, i, 0) for i in range(n)) + "\n"


def bill_text(n: int, seed: int = 1) -> str:
    rng = random.Random(seed * 7919 + n)
    chosen = sorted(rng.sample(range(n), 4))
    parts = ['bill "Int 0001" "Generated bill"\nsponsors "Benchmark"\namends "base.law"\n']
    for i in chosen:
        parts.append("replace " + _provision(rng, n, i, 1))
    return "\n\n".join(parts) + "\n"


def run(n: int, engine: str, folder: Path) -> dict:
    (folder / "base.law").write_text(law_text(n), encoding="utf-8")
    (folder / "bill.law").write_text(bill_text(n), encoding="utf-8")
    code = ("import resource, sys, time; t = time.perf_counter(); from lawsim.cli import main\n"
            "status = 0\ntry:\n    main()\nexcept SystemExit as e:\n    status = e.code\n"
            "u = resource.getrusage(resource.RUSAGE_SELF)\n"
            "sys.stderr.write(f'\\nBENCH {time.perf_counter() - t} {u.ru_maxrss} {status} "
            "{u.ru_utime + u.ru_stime}\\n')")
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code, "compare", str(folder / "base.law"), str(folder / "bill.law"),
                           "--format", "json", "--no-scenarios", "--engine", engine],
                          capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - start
    line = [x for x in proc.stderr.splitlines() if x.startswith("BENCH ")]
    _, seconds, rss, status, cpu = line[-1].split() if line else ("", "nan", "0", "?", "nan")
    result = {"facts": n, "wall": wall, "seconds": float(seconds), "cpu": float(cpu), "peak_mib": int(rss) / 1024,
              "status": status}
    if status in ("0", "None") and proc.stdout:
        doc = json.loads(proc.stdout)
        result.update(engine=doc["engine"], scenarios=doc["summary"]["scenarios"], changed=doc["summary"]["changed"],
                      regions=sum(k["regions"] for k in doc["summary"]["kinds"].values()))
    else:
        result["error"] = (proc.stderr.strip().splitlines() or ["?"])[0]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[8, 16, 32, 64, 128])
    parser.add_argument("--engine", default="auto", choices=["auto", "space", "symbolic"])
    args = parser.parse_args()
    print(f"{'facts':>5} {'engine':>8} {'seconds':>8} {'cpu s':>6} {'peak MiB':>9} {'regions':>7}  "
          "scenarios changed / in all")
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            r = results[n] = run(n, args.engine, Path(tmp))
            if "error" in r:
                print(f"{n:>5} {'-':>8} {r['seconds']:>8.2f} {r['peak_mib']:>9.0f}  exit {r['status']}: {r['error']}")
            else:
                print(f"{n:>5} {r['engine']:>8} {r['seconds']:>8.2f} {r['cpu']:>6.2f} {r['peak_mib']:>9.0f} "
                      f"{r['regions']:>7}  "
                      f"{r['changed']:,} / {r['scenarios']:,}")
            sys.stdout.flush()
    if 64 in results:
        print(f"scale_64_facts_seconds={results[64]['seconds']:.2f}")


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_AS, (16 << 30, 16 << 30))  # a runaway comparison fails instead of swapping
    main()
