"""Benchmark: the numbers behind docs/limits.md (a script, not a test).

Run from the repository root:  python benchmarks/limits.py [--check-mb N] [--facts N]

In one run it measures

* ``lawsim check`` on a generated valid law of about ``--check-mb`` MB
  (default 10; 0 skips it), split into the stages the time goes to: reading, Lark's
  LALR parse, building the AST from Lark's tree, and the semantic checks
  (in this process, CPU seconds); then the whole command, end to end (CPU
  seconds of the child process, and wall seconds);
* the peak memory of ``lawsim compare`` per point of the scenario space,
  on generated laws of ``--facts`` yes/no facts (default 20: 4 x 2**20
  points), without and with one assumption, to check the per-point figures
  of :mod:`lawsim.engine.space` (``BYTES_PER_POINT``, ``BYTES_PER_SETTING``)
  against what the engine really takes.

It prints labelled lines (``check_cpu_seconds_per_mb=...``,
``compare_bytes_per_point=...``); docs/limits.md records a run.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

HEADER = """law "Generated law for the limits benchmark"
facts
  agency "the agency": doc | nypd
  conduct "the conduct": hold_past_release | notify_release
  judicial_warrant "a judicial warrant was presented": yes/no
  record "the person's record": none | violent_or_serious
  years_since_conviction "years since the conviction": 0..20
default permitted
"""

PROVISION = """§ 9-131(a{i}) "Provision number {i}"
  define q{i} "a qualifying conviction, reading {i}":
    record is violent_or_serious and years_since_conviction <= {t}
  rule r{i}: doc may not hold_past_release
    unless judicial_warrant and q{i}
"""


def big_law(path: str, megabytes: float) -> int:
    """Write a valid law of about ``megabytes`` MB; return its size in bytes."""
    parts = [HEADER]
    size, i = len(HEADER), 0
    while size < megabytes * 1_000_000:
        part = PROVISION.format(i=i, t=i % 20)
        parts.append(part)
        size += len(part.encode())
        i += 1
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("".join(parts))
    return os.path.getsize(path)


def time_check(path: str) -> None:
    from lawsim.files import read_source
    from lawsim.semantics import check_files
    from lawsim.syntax import parser
    from lawsim.syntax.build import ToAst

    mb = os.path.getsize(path) / 1_000_000
    parser._parser()  # built (or loaded from its cache) outside the timing
    # CPU time, not wall time: on a shared machine the wall clock measures the neighbours too.
    clock = time.process_time
    t0 = clock()
    source = read_source(path)
    t1 = clock()
    with parser._no_cyclic_gc():
        tree = parser._parser().parse(source.text)
        t2 = clock()
        ToAst(source).transform(tree)
        t3 = clock()
    del tree
    gc.disable()  # as the command line runs (lawsim.cli.app.main)
    check_files([path])  # parses again, then checks: subtract the stages above
    t4 = clock()
    gc.enable()
    whole = t4 - t3
    print(f"check_file_mb={mb:.2f}")
    print(f"check_read_seconds={t1 - t0:.2f}")
    print(f"check_lark_parse_seconds={t2 - t1:.2f}")
    print(f"check_build_ast_seconds={t3 - t2:.2f}")
    print(f"check_semantics_seconds={max(whole - (t3 - t0), 0):.2f}")
    print(f"check_in_process_seconds={whole:.2f}")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    command = [sys.executable, "-c", "from lawsim.cli import main; main()", "check", path]
    done = subprocess.run(command, capture_output=True, text=True)
    end = time.perf_counter()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert done.returncode == 0, done.stderr[-2000:]
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(f"check_command_wall_seconds={end - start:.2f}")
    print(f"check_command_cpu_seconds={cpu:.2f}")
    print(f"check_cpu_seconds_per_mb={cpu / mb:.2f}")


def wide_law(path: str, facts: int, assumption: bool, either: bool) -> None:
    lines = [f'law "{facts} yes/no facts"', "facts", '  agency "a": doc | nypd',
             '  conduct "c": hold_past_release | notify_release']
    lines += [f'  b{i} "fact {i}": yes/no' for i in range(facts)]
    lines += ["default permitted", '§ 1 "One rule"']
    if assumption:
        lines.append('  assumption strict "a reading": on')
    cond = (" or " if either else " and ").join(f"b{i}" for i in range(facts))
    lines.append(f"  rule r: doc may not hold_past_release when {cond}" + (" and strict" if assumption else ""))
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


def peak_compare(folder: str, facts: int, assumption: bool) -> int:
    """Peak resident bytes of one ``lawsim compare`` run in a child process."""
    a, b = os.path.join(folder, "a.law"), os.path.join(folder, "b.law")
    wide_law(a, facts, assumption, either=False)
    wide_law(b, facts, assumption, either=True)
    # VmHWM (the peak resident size) belongs to the child's own address space; ru_maxrss would also
    # count the parent's memory, copied when the child was forked and before it ran Python.
    code = ("import sys\n"
            "from lawsim.cli import main\n"
            f"sys.argv = ['lawsim', 'compare', {a!r}, {b!r}, '--no-scenarios', '-o', {os.path.join(folder, 'o')!r}]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print([line for line in open('/proc/self/status') if line.startswith('VmHWM')][0].split()[1])\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(done.stdout.split()[-1]) * 1024  # VmHWM is in kB


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check-mb", type=float, default=10.0)
    ap.add_argument("--facts", type=int, default=20)
    args = ap.parse_args()
    from lawsim.engine.space import BYTES_PER_POINT, BYTES_PER_SETTING

    with tempfile.TemporaryDirectory() as folder:
        base = peak_compare(folder, 1, False)
        points = 4 * 2**args.facts
        plain = peak_compare(folder, args.facts, False)
        flipped = peak_compare(folder, args.facts, True)
        if args.check_mb > 0:
            path = os.path.join(folder, "big.law")
            big_law(path, args.check_mb)
            time_check(path)
    per_point = (plain - base) / points
    per_setting = (flipped - plain) / points
    print(f"compare_points={points}")
    print(f"compare_baseline_bytes={base}")
    print(f"compare_bytes_per_point={per_point:.1f}  (budget BYTES_PER_POINT={BYTES_PER_POINT})")
    print(f"compare_bytes_per_setting={per_setting:.1f}  (budget BYTES_PER_SETTING={BYTES_PER_SETTING})")


if __name__ == "__main__":
    main()
