"""No command loses a byte of a user's file (docs/limits.md, "Files").

Each case of issue 13's "data loss" list: ``-o`` onto any input (the
baseline, the reform, the law a bill amends, a scenario file; through
``..``, a symbolic link or a hard link), onto a device or a named pipe, or
empty; ``-o LINK`` and ``fmt LINK`` replacing the link instead of its
target; ``fmt`` resetting a file's mode; two writers sharing one temporary
file.  And the reading side: a device, a pipe or an oversized file is
refused with E001 instead of being read until memory runs out.
"""

from __future__ import annotations

import errno
import os
import stat
import threading

import pytest
from click.testing import CliRunner
from conftest import ROOT

from lawsim.cli import cli
from lawsim.diagnostics import LawError, UsageError
from lawsim.files import MAX_INPUT_BYTES, check_output, read_source, write_atomically

BASE = (ROOT / "tests" / "data" / "errors" / "base.law").read_text(encoding="utf-8")
BILL = 'bill "Int 1" "Repeal the communication rule"\namends "base.law"\nrepeal § 9-131(h)\n'
SCENARIO = "title: t\nfacts:\n  agency: doc\n  conduct: hold_past_release\n"


def run(*args):
    return CliRunner().invoke(cli, list(args), prog_name="lawsim", catch_exceptions=False)


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A folder with a law, a bill amending it, a copy of the bill and a scenario file; cwd is the folder."""
    (tmp_path / "base.law").write_text(BASE, encoding="utf-8")
    (tmp_path / "bill.law").write_text(BILL, encoding="utf-8")
    (tmp_path / "bill2.law").write_text(BILL.replace("Int 1", "Int 2"), encoding="utf-8")
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "scenarios" / "s.yaml").write_text(SCENARIO, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _contents(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.rglob("*") if p.is_file() and not p.is_symlink()}


@pytest.mark.parametrize("args, output", [
    (("base.law", "bill.law"), "base.law"),  # the baseline
    (("base.law", "bill.law"), "bill.law"),  # the reform
    (("bill.law", "bill2.law"), "base.law"),  # the law both bills amend, named by neither argument
    (("base.law", "bill.law", "-s", "scenarios/s.yaml"), "scenarios/s.yaml"),  # a scenario file
    (("base.law", "bill.law", "-s", "scenarios"), "scenarios/s.yaml"),  # a scenario file in a folder given
    (("base.law", "bill.law"), "scenarios/../base.law"),  # through '..'
    (("base.law", "bill.law"), "link.law"),  # through a symbolic link
    (("base.law", "bill.law"), "hard.law"),  # a hard link: another name, the same file
])
def test_compare_never_writes_over_an_input(folder, args, output):
    os.symlink("base.law", folder / "link.law")
    os.link(folder / "base.law", folder / "hard.law")
    before = _contents(folder)
    result = run("compare", *args, "-o", output)
    assert result.exit_code == 2, result.output
    assert "will not write over its own input" in result.output
    assert _contents(folder) == before
    assert not [p for p in os.listdir(folder) if p.endswith(".lawsim-tmp")]


def test_output_is_refused_before_any_work(folder, monkeypatch):
    import lawsim.api

    def must_not_run(*args, **kwargs):
        raise AssertionError("the comparison ran although its output was refused")

    monkeypatch.setattr(lawsim.api, "Loader", must_not_run)
    assert run("compare", "base.law", "bill.law", "-o", "bill.law").exit_code == 2


def test_empty_output_is_a_usage_error(folder):
    result = run("compare", "base.law", "bill.law", "-o", "")
    assert result.exit_code == 2 and "-o/--output needs a file name" in result.output


def test_output_onto_a_named_pipe_is_refused_and_the_pipe_kept(folder):
    os.mkfifo(folder / "pipe")
    result = run("compare", "base.law", "bill.law", "-o", "pipe")
    assert result.exit_code == 2 and "named pipe" in result.output
    assert stat.S_ISFIFO(os.stat(folder / "pipe").st_mode)


def test_output_onto_a_device_or_folder_is_refused_without_touching_it():
    # check_output only looks (nothing is written even if it wrongly passed), so /dev/null is safe here.
    with pytest.raises(UsageError, match="a device"):
        check_output(os.devnull)
    with pytest.raises(UsageError, match="a directory"):
        check_output(str(ROOT / "tests"))
    with pytest.raises(UsageError, match="does not exist"):
        check_output(str(ROOT / "no" / "such" / "folder" / "out.txt"))


def test_output_through_a_link_replaces_the_links_target(folder):
    (folder / "report.txt").write_text("old report\n", encoding="utf-8")
    os.chmod(folder / "report.txt", 0o640)
    os.symlink("report.txt", folder / "latest")
    assert run("compare", "base.law", "bill.law", "-o", "latest").exit_code == 0
    assert os.path.islink(folder / "latest")
    assert (folder / "report.txt").read_text(encoding="utf-8").startswith("lawsim compare")
    assert stat.S_IMODE(os.stat(folder / "report.txt").st_mode) == 0o640


def test_fmt_through_a_link_formats_the_target_and_keeps_link_and_mode(folder):
    (folder / "messy.law").write_text(BASE + "\n\n\n", encoding="utf-8")
    os.chmod(folder / "messy.law", 0o600)
    os.symlink("messy.law", folder / "alias.law")
    result = run("fmt", "alias.law")
    assert result.exit_code == 0 and "formatted" in result.output
    assert os.path.islink(folder / "alias.law")
    assert not (folder / "messy.law").read_text(encoding="utf-8").endswith("\n\n")
    assert stat.S_IMODE(os.stat(folder / "messy.law").st_mode) == 0o600


def test_a_new_output_file_gets_the_usual_mode(folder):
    old = os.umask(0o027)
    try:
        write_atomically(str(folder / "new.txt"), "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(folder / "new.txt").st_mode) == 0o640


def test_writers_of_one_output_never_share_a_temporary_file(folder):
    # A leftover from the old fixed temporary name must not matter either.
    (folder / ".out.txt.lawsim-tmp").write_text("stale", encoding="utf-8")
    texts = [f"writer {i}\n" * 2000 for i in range(6)]
    failures: list[BaseException] = []

    def write(text: str) -> None:
        try:
            for _ in range(10):
                write_atomically(str(folder / "out.txt"), text)
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion below
            failures.append(exc)

    threads = [threading.Thread(target=write, args=(t,)) for t in texts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures
    assert (folder / "out.txt").read_text(encoding="utf-8") in texts
    assert sorted(os.listdir(folder)).count(".out.txt.lawsim-tmp") == 1  # the stale one, untouched
    assert not [p for p in os.listdir(folder) if p.endswith(".lawsim-tmp") and p != ".out.txt.lawsim-tmp"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(folder, monkeypatch):
    (folder / "out.txt").write_text("the old report\n", encoding="utf-8")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    result = CliRunner().invoke(cli, ["compare", "base.law", "bill.law", "-o", "out.txt"], prog_name="lawsim")
    assert result.exit_code == 5, result.output
    assert "No space left on device" in result.output and "left as it was" in result.output
    assert (folder / "out.txt").read_text(encoding="utf-8") == "the old report\n"
    assert not [p for p in os.listdir(folder) if p.endswith(".lawsim-tmp")]


# ---------------------------------------------------------------- reading


def test_a_device_is_refused_not_read(folder):
    result = run("check", "/dev/zero")
    assert result.exit_code == 1
    assert "/dev/zero: it is a device, not a regular file" in result.output


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(folder):
    os.mkfifo(folder / "pipe.law")
    with pytest.raises(LawError, match="named pipe"):
        read_source(str(folder / "pipe.law"))
    result = run("simulate", "base.law", "-s", "pipe.law")
    assert result.exit_code == 1 and "named pipe" in result.output


def test_a_file_over_the_size_cap_is_refused(folder):
    with open(folder / "huge.law", "wb") as handle:
        handle.truncate(MAX_INPUT_BYTES + 1)  # sparse: costs no disk
    result = run("check", "huge.law")
    assert result.exit_code == 1 and "larger than 16 MiB" in result.output
