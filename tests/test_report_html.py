"""The HTML report: every section, valid HTML5, self-contained, deterministic and safe.

The bundled report (``lawsim report`` with no arguments) is made once per
session (conftest's ``bundled_report``).  It is parsed with html5lib in
strict mode, so any parse error fails; its sections, findings, chart,
explorer and sources are checked; it makes no network request (nothing
loads from anywhere, and a Content-Security-Policy forbids it); two runs
in fresh processes with different hash seeds give the same bytes.  A law
and a scenario file with hostile captions show them as text.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import html5lib
import pytest
from click.testing import CliRunner

from lawsim.cli import cli
from lawsim.report.report_view import safe_url

ROOT = Path(__file__).resolve().parent.parent
NS = "{http://www.w3.org/1999/xhtml}"
SECTIONS = ("summary", "matrix", "cases", "findings", "explorer", "redline", "assumptions", "sources")


def parse(text: str):
    """The document, parsed by html5lib; a parse error of any kind fails."""
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=True).parse(text)


def texts(node) -> str:
    return " ".join("".join(node.itertext()).split())


@pytest.fixture(scope="module")
def bundled(bundled_report):
    text = bundled_report.read_text(encoding="utf-8")
    return text, parse(text)


def test_the_bundled_report_parses_and_has_every_section_in_reading_order(bundled):
    text, doc = bundled
    ids = [e.get("id") for e in doc.iter() if e.get("id") in SECTIONS]
    assert ids == list(SECTIONS)
    body = texts(doc)
    for bill in ("Int 0185-2022", "Int 0158-2022", "Keith Powers", "Shahana Hanif"):
        assert bill in body
    assert "Status" in body and "lawsim 0.1.0" in body
    assert " on 20" not in body.split("Made by lawsim")[1][:40]  # no date unless --date
    # The summary names the versions side by side and the matrix has a column for each.
    header = [texts(th) for th in doc.iter(NS + "th") if th.get("scope") == "col"]
    for name in ("powers", "hanif", "powers+hanif", "int-1412"):
        assert name in header
    # A chart drawn in Python, inline; badges on amended provisions; cases with their stories.
    chart, *pipelines = doc.iter("{http://www.w3.org/2000/svg}svg")
    svg = "{http://www.w3.org/2000/svg}"
    # The custody pipeline, drawn for each reform, with the cut contact points named in words.
    assert [p.findtext(svg + "title") for p in pipelines] == [
        f"Paths to ICE: current against {name}" for name in ("powers", "hanif", "powers+hanif", "int-1412")]
    assert "DOC tells ICE when the person will be released (doc_release_notice, information): cut by the reform" \
        in texts(pipelines[0])
    bars = [r for r in chart.iter(svg + "rect") if r.find(svg + "title") is not None]
    labels = [texts(t) for t in chart.iter(svg + "text")]
    # Colour is never the only signal: each bar has a title, and each row says its share and kind in words.
    assert bars and any(re.fullmatch(r"\d+\.\d% closed", label) for label in labels)
    assert any("gained" in label for label in labels) and "no change" in labels
    badges = [texts(e) for e in doc.iter(NS + "span") if "badge" in (e.get("class") or "")]
    assert any(b.startswith("closes ") for b in badges)
    assert "DOC tells ICE that a person" in body
    # Findings with their traces folded away, and the explorer's controls, labelled.
    assert len(list(doc.iter(NS + "details"))) > 50
    labels = {e.get("for") for e in doc.iter(NS + "label")}
    for control in list(doc.iter(NS + "select")) + list(doc.iter(NS + "input")):
        assert control.get("id") in labels
    assert "DOC may no longer tell federal agents when the person will be released" in body


def test_the_report_is_self_contained(bundled):
    text, doc = bundled
    for element in doc.iter():
        tag = element.tag.split("}")[-1]
        assert tag not in ("link", "img", "iframe", "object", "embed", "base")
        if tag == "script":
            assert element.get("src") is None
        for attribute in ("src", "srcset", "action", "poster", "data"):
            assert element.get(attribute) is None, (tag, attribute)
        href = element.get("href")
        if href is not None:
            assert href.startswith(("#", "https://", "http://")) and tag == "a"
    # Only references within the page (an SVG marker: url(#id)); nothing fetched.
    assert not re.search(r"url\((?!#[\w-]+\))|@import", text)
    csp = [m for m in doc.iter(NS + "meta") if m.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0].get("content")


def small_report(out: Path, seed: str, *extra: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    data = "tests/data/compare/bills"
    command = [sys.executable, "-c", "from lawsim.cli import main; main()", "report", f"{data}/base.law",
               f"{data}/mixed.law", f"{data}/close.law"]
    proc = subprocess.run([*command, "-o", str(out), *extra],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return out.read_bytes()


def test_two_runs_give_identical_bytes_and_a_date_only_when_asked(tmp_path):
    first = small_report(tmp_path / "a.html", "1")
    dated = small_report(tmp_path / "b.html", "2", "--date", "2023-02-15")
    assert "on 2023-02-15" in dated.decode("utf-8") and "on 2023-02-15" not in first.decode("utf-8")
    # Apart from the date line, another process (another hash seed) gave the same bytes.
    undated = dated.replace(b" on 2023-02-15.", b".", 1)
    assert hashlib.sha256(first).hexdigest() == hashlib.sha256(undated).hexdigest()


HOSTILE_LAW = '''law "Title <script>alert(1)</script>"
source "javascript:alert(1)"
source "https://example.org/law"

facts
  agency "the agency '><img src=x onerror=alert(2)>":
    doc "<b>bold</b> agency" | nypd "police"
  conduct "what it does":
    hold_past_release "hold <script>alert(3)</script>" | notify_release "tell"
  warrant "a warrant </script><script>alert(4)</script>": yes/no

default permitted

§ 1(a) "Caption <script>alert(5)</script>"
  define warranted "'><img src=x onerror=alert(6)>":
    warrant
  rule: doc may not hold_past_release
    unless warranted
  assumption odd "<svg onload=alert(7)>": on
'''

HOSTILE_BILL = '''bill "Int <i>1</i>" "A bill '><img src=x onerror=alert(8)>"
sponsors "<script>alert(9)</script>"
status "<marquee>status</marquee>"
amends "base.law"
source "javascript:alert(10)"

replace § 1(a) "New caption <script>alert(11)</script>"
  rule: doc may not hold_past_release, notify_release
    unless warranted and odd
  define warranted "'><img src=x onerror=alert(12)>":
    warrant
  assumption odd "<svg onload=alert(13)>": on
'''

HOSTILE_SCENARIO = '''title: "\\"><img src=x onerror=alert(14)>"
story: "<script>alert(15)</script> a story"
facts:
  agency: doc
  conduct: notify_release
  warrant: no
'''


def test_hostile_captions_show_as_text_and_only_web_links_are_links(tmp_path):
    (tmp_path / "base.law").write_text(HOSTILE_LAW, encoding="utf-8")
    (tmp_path / "bill.law").write_text(HOSTILE_BILL, encoding="utf-8")
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "scenarios" / "case.yaml").write_text(HOSTILE_SCENARIO, encoding="utf-8")
    out = tmp_path / "r.html"
    result = CliRunner().invoke(cli, ["report", str(tmp_path / "base.law"), str(tmp_path / "bill.law"), "-o", str(out),
                                      "-s", str(tmp_path / "scenarios")])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    doc = parse(text)
    tags = [e.tag.split("}")[-1] for e in doc.iter()]
    assert tags.count("script") == 2  # the explorer's compiled laws and the page's own script
    for tag in ("img", "b", "i", "marquee", "svg:onload"):
        assert tag not in tags
    assert all(e.get("onerror") is None and e.get("onload") is None for e in doc.iter())
    body = texts(doc)
    for shown in ("Title <script>alert(1)</script>", "'><img src=x onerror=alert(12)>",
                  "\"><img src=x onerror=alert(14)>", "<script>alert(9)</script>", "<marquee>status</marquee>",
                  "<script>alert(15)</script> a story"):
        assert shown in body
    hrefs = [e.get("href") for e in doc.iter(NS + "a") if not e.get("href").startswith("#")]
    assert hrefs == ["https://example.org/law"]
    assert "javascript:alert(1)" in body  # shown, not linked
    # Inside the scripts no law string can close the element or open another.
    for script in doc.iter(NS + "script"):
        assert "</script" not in (script.text or "").lower() and "<img" not in (script.text or "")


@pytest.mark.parametrize("url, ok", [
    ("https://legistar.council.nyc.gov/x?a=1&b=2", True), ("http://example.org", True),
    ("javascript:alert(1)", False), ("JAVASCRIPT:alert(1)", False), ("data:text/html,x", False),
    ("//example.org", False), ("https://x.org/\"onmouseover=1", False), ("ftp://x.org", False), ("example.org", False),
])
def test_only_http_and_https_addresses_become_links(url, ok):
    assert (safe_url(url) is not None) == ok


@pytest.mark.parametrize("args, message", [
    (["current"], "name at least one reform to compare with current"),
    (["current", "powers", "--date", "15/02/2023"], "give the date as YYYY-MM-DD"),
    (["current", "nosuchbill"], "version 'nosuchbill'"),
    (["current", "powers", "-o", "/nonexistent-folder/r.html"], "cannot write /nonexistent-folder/r.html"),
    (["current", "powers", "--assume", "nosuch=on"], "unknown assumption 'nosuch'"),
])
def test_report_usage_errors_say_what_is_wrong(args, message):
    result = CliRunner().invoke(cli, ["report", *args, "--no-scenarios"])
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output


def test_a_law_error_is_reported_with_its_place(tmp_path):
    bad = tmp_path / "bad.law"
    bad.write_text('law "x"\nfacts\n  agency "a": doc\n  conduct "c": hold\ndefault permitted\n'
                   '§ 1 "c"\n  rule: doc may not hold\n    when zz\n', encoding="utf-8")
    out = tmp_path / "r.html"
    result = CliRunner().invoke(cli, ["report", str(bad), "powers", "-o", str(out)])
    assert result.exit_code == 1 and "bad.law:8:10: error[E104]" in result.output and not out.exists()
