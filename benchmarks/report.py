"""How long ``lawsim report`` takes for the bundled laws, by stage, measured in one run.

Run from a checkout: ``python benchmarks/report.py``.  Prints, for the
default report (current law against every bundled bill), the seconds spent
comparing the versions (the compare stage), wording the regions in the
law's terms (report/wording.py, the part this report adds), and the rest of
the page (view model, chart, explorer compilation, template), each as a
share of the whole, and the size of the page.  Times vary with the
machine; the shares are what to compare between runs.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lawsim import api
from lawsim.report import findings as findings_module
from lawsim.report import wording
from lawsim.report.report_html import render_report


def main() -> None:
    start = time.perf_counter()
    comparisons = api.report()
    compared = time.perf_counter()
    spent = [0.0]
    original = wording.wordings

    def timed(comparison):
        t = time.perf_counter()
        try:
            return original(comparison)
        finally:
            spent[0] += time.perf_counter() - t

    findings_module.wordings = timed  # type: ignore[assignment]
    try:
        page = render_report(comparisons)
    finally:
        findings_module.wordings = original  # type: ignore[assignment]
    done = time.perf_counter()
    total = done - start
    regions = sum(len(c.semantics.regions) for c in comparisons.comparisons)
    rows = [("compare (4 comparisons)", compared - start), (f"wording ({regions} regions)", spent[0]),
            ("rest of the page", done - compared - spent[0])]
    for name, seconds in rows:
        print(f"{name:<28} {seconds:7.2f} s  {100 * seconds / total:5.1f}%")
    print(f"{'whole report':<28} {total:7.2f} s  page {len(page.encode('utf-8')) / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
