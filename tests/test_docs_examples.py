"""Every shell example in README.md and docs/*.md runs, and shows what lawsim really prints.

How examples are found, and the ``<!-- docs-test: ... -->`` markers that say
where to run one or why its output is not compared, are described in
tests/docs_examples.py.  A Markdown file added to docs/ later is picked up
without any change here; a failure names the file, the line of the block and
the command.
"""

from __future__ import annotations

import difflib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, _validate_json_output
from docs_examples import Block, all_examples, blocks, doc_files, first_mismatch, output_matches

EXAMPLES = all_examples(ROOT)
RUNNABLE = [b for b in EXAMPLES if "file" not in b.options]
IGNORED = shutil.ignore_patterns(".git", "__pycache__", "*.egg-info", ".venv", "venv", "build", "dist", ".mypy_cache",
                                 ".ruff_cache", ".pytest_cache", ".hypothesis")


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    # 'lawsim' and 'python' are those of the environment the suite runs in.
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env.update(PYTHONUNBUFFERED="1", COLUMNS="100", LC_ALL="C.UTF-8", PYTHONIOENCODING="utf-8")
    env.pop("NO_COLOR", None)
    env.pop("LAWSIM_DEBUG", None)
    return env


def _sandbox(block: Block, tmp_path: Path) -> Path:
    """A copy of the repository with the files written by earlier ``file=`` blocks of the same page."""
    copy = tmp_path / "repo"
    shutil.copytree(ROOT, copy, ignore=IGNORED, symlinks=True)
    for earlier in blocks(ROOT / block.path, ROOT):
        if earlier.line >= block.line:
            break
        if "file" in earlier.options:
            target = copy / earlier.options.get("cwd", ".") / earlier.options["file"]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text("\n".join(earlier.body) + "\n", encoding="utf-8")
    return copy


def test_examples_are_found():
    pages = {b.path.as_posix() for b in EXAMPLES}
    assert {"README.md", "docs/cli.md", "docs/encoding.md"} <= pages
    assert len(RUNNABLE) >= 15


def test_skipped_blocks_say_why():
    for block in EXAMPLES:
        for key in ("not run", "not compared"):
            if key in block.options:
                assert len(block.options[key]) >= 10, f"{block.where}: '{key}:' needs a reason"


@pytest.mark.parametrize("block", RUNNABLE, ids=[b.where for b in RUNNABLE])
def test_example_runs_as_shown(block: Block, tmp_path):
    if "not run" in block.options:
        pytest.skip(f"{block.where}: not run: {block.options['not run']}")
    copy = _sandbox(block, tmp_path)
    cwd = copy / block.options.get("cwd", ".")
    env = _environment()
    for command in block.commands:
        here = f"{block.path.as_posix()}:{command.line}: $ {command.text}"
        result = subprocess.run(["bash", "-c", command.text], cwd=cwd, env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True, timeout=300)
        output = result.stdout
        _validate_json_output(output, [command.text])  # a JSON document shown in the docs matches its schema
        expected_exit = block.options.get("exit")
        if expected_exit is not None:
            assert result.returncode == int(expected_exit), f"{here}\nexit status {result.returncode}, " \
                f"the docs say {expected_exit}\n{output}"
        elif command.shown is None or "not compared" in block.options:
            assert result.returncode == 0, f"{here}\nexit status {result.returncode}\n{output}"
        if command.shown is not None and "not compared" not in block.options:
            if not output_matches(command.shown, output):
                diff = "\n".join(difflib.unified_diff(command.shown, output.splitlines(), "shown in the docs",
                                                      "printed", lineterm=""))
                bad = first_mismatch(command.shown, output)
                line = command.line + command.text.count("\n") + 1 + bad
                where = (f"the shown line {line} ({command.shown[bad]!r}) is not printed there"
                         if bad < len(command.shown) else "the output goes on past what is shown")
                pytest.fail(f"{here}\nthe output differs from the docs ('...' matches anything): {where}\n{diff}")


PYTHON_PAGES = [p for p in doc_files(ROOT) if ">>> " in p.read_text(encoding="utf-8")]


@pytest.mark.parametrize("page", PYTHON_PAGES, ids=[p.relative_to(ROOT).as_posix() for p in PYTHON_PAGES])
def test_python_session_runs_as_shown(page: Path, monkeypatch):
    """A page's ``>>>`` examples (a notebook session, as in docs/api.md) run as doctests from the repository root."""
    import doctest

    monkeypatch.chdir(ROOT)
    parser = doctest.DocTestParser()
    test = parser.get_doctest(page.read_text(encoding="utf-8"), {}, page.relative_to(ROOT).as_posix(), str(page), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    report: list[str] = []
    runner.run(test, out=report.append)
    assert runner.failures == 0 and test.examples, "".join(report)


def test_api_page_has_a_notebook_session():
    assert ROOT / "docs" / "api.md" in PYTHON_PAGES


def test_the_runner_reads_sessions_markers_and_wildcards(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "page.md").write_text(
        "Intro\n\n<!-- docs-test: cwd=bills; exit=1 -->\n```text\n$ lawsim check a.law \\\n    b.law\n"
        "a.law: ok ...\n...\nlast line\n$ lawsim fmt x.law\n```\n\n"
        "- in a list:\n\n  <!-- docs-test: not run: it needs the network; really -->\n  ```sh\n  pip install x\n  ```\n"
        "\n```text\nlawsim check FILES...   (a synopsis, not an example)\n```\n", encoding="utf-8")
    session, listed = all_examples(tmp_path)
    assert session.where == "docs/page.md:4" and session.options == {"cwd": "bills", "exit": "1"}
    first, second = session.commands
    assert (first.line, first.text) == (5, "lawsim check a.law \\\n    b.law")
    assert first.shown == ["a.law: ok ...", "...", "last line"]
    assert second.shown == []
    assert listed.options == {"not run": "it needs the network; really"} and listed.commands[0].text == "pip install x"
    assert output_matches(first.shown, "a.law: ok (law)\nmore\nand more\nlast line\n")
    assert output_matches(first.shown, "a.law: ok \nlast line")
    assert not output_matches(first.shown, "a.law: ok\nlast line\n")  # 'ok ' with its space is shown
    assert not output_matches(first.shown, "a.law: ok x\nlast line\nextra\n")
    assert first_mismatch(first.shown, "a.law: ok x\nnot the last\n") == 2
