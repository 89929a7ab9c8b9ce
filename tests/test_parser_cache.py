"""The on-disk parser cache speeds start-up and never breaks parsing."""

import pytest

from lawsim.syntax import parse_text
from lawsim.syntax import parser as parser_module

TEXT = 'law "x"\ndefault permitted\n'


def _forget():
    parser_module._parser.cache_clear()
    parser_module.parse_source.cache_clear()


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    _forget()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    yield tmp_path
    _forget()


def test_the_built_parser_is_saved_and_reused(fresh):
    first = parse_text(TEXT)
    saved = list((fresh / "lawsim").glob("law-grammar-*.lark"))
    assert len(saved) == 1 and saved[0].stat().st_size > 0
    assert not list((fresh / "lawsim").glob("*.tmp"))
    _forget()
    assert parse_text(TEXT) == first


def test_a_corrupt_cache_file_is_rebuilt(fresh):
    parse_text(TEXT)
    (saved,) = (fresh / "lawsim").glob("law-grammar-*.lark")
    saved.write_bytes(b"not a parser")
    _forget()
    assert parse_text(TEXT).title == "x"
    assert saved.read_bytes() != b"not a parser"


def test_an_unwritable_cache_folder_is_ignored(fresh):
    (fresh / "lawsim").write_text("a file where the folder should be")
    assert parse_text(TEXT).title == "x"
