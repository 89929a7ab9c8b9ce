"""Lark's on-disk parser cache speeds start-up and never breaks parsing."""

import pytest

from lawsim.syntax import parse_text
from lawsim.syntax import parser as parser_module

TEXT = 'law "x"\ndefault permitted\n'


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    parser_module._parser.cache_clear()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    yield tmp_path
    parser_module._parser.cache_clear()


def test_the_built_parser_is_saved_and_reused(fresh):
    first = parse_text(TEXT)
    saved = parser_module.cache_path()
    assert saved.is_relative_to(fresh) and saved.stat().st_size > 0
    parser_module._parser.cache_clear()
    assert parse_text(TEXT) == first


def test_a_corrupt_cache_file_is_rebuilt(fresh):
    parse_text(TEXT)
    saved = parser_module.cache_path()
    saved.write_bytes(b"not a parser")
    parser_module._parser.cache_clear()
    assert parse_text(TEXT).title == "x"
    assert saved.read_bytes() != b"not a parser"


def test_an_unwritable_cache_folder_is_ignored(fresh):
    (fresh / "lawsim").write_text("a file where the folder should be")
    assert parse_text(TEXT).title == "x"
