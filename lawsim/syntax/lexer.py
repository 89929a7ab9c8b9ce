"""A Pygments lexer for the .law language, for highlighting in reports, docs and editors that use Pygments.

Stage: syntax (a second reader of .law text, for display only: the Lark
grammar in grammars/law.lark stays the one definition of what parses).
Input: .law text.  Output: Pygments tokens.  The keywords are the parser's
own (:data:`lawsim.syntax.errors.KEYWORDS`), so the two cannot drift apart;
anything the lexer does not know becomes an ``Error`` token, which the tests
check never happens on the bundled laws.

Registered under the ``pygments.lexers`` entry point as ``law``, so
``pygmentize -l law FILE.law`` and Markdown tools built on Pygments
highlight .law files once lawsim is installed.
"""

from __future__ import annotations

from pygments.lexer import RegexLexer, bygroups, words
from pygments.token import Comment, Keyword, Literal, Name, Number, Operator, Punctuation, String, Text

from lawsim.syntax.errors import KEYWORDS

#: Keywords that stand for values rather than structure.
CONSTANTS = ("yes", "no", "on", "off", "always", "never", "prohibited", "permitted")
#: Keywords that combine or test conditions.
OPERATOR_WORDS = ("and", "or", "not", "is", "one", "of")
#: The words of a rule's modality ("may", "may not", "must"): what a rule does, shown strongly.
MODALITY = ("may", "must")
STRUCTURE = tuple(sorted(KEYWORDS - set(CONSTANTS) - set(OPERATOR_WORDS) - set(MODALITY)))

# A citation as the grammar's CITE_ID reads it; a bare one (without §) must contain a separator or a
# parenthesis, so that a plain number is a number.
_CITE = r"[0-9]+[A-Za-z]?(?:[-./][0-9]+[A-Za-z]?)*(?:\([A-Za-z0-9]+\))*"
_BARE_CITE = r"[0-9]+[A-Za-z]?(?:(?:[-./][0-9]+[A-Za-z]?)+(?:\([A-Za-z0-9]+\))*|(?:\([A-Za-z0-9]+\))+)"


class LawLexer(RegexLexer):
    """Lexer for lawsim's .law language (laws and the bills that amend them)."""

    name = "lawsim .law"
    aliases = ["law", "lawsim"]
    filenames = ["*.law"]
    mimetypes = ["text/x-lawsim-law"]
    url = "https://pypi.org/project/lawsim/"

    tokens = {
        "root": [
            (r"\s+", Text.Whitespace),
            (r"#[^\n]*", Comment.Single),
            (r'"[^"\n]*"', String.Double),
            (r"(§)(\s*)(" + _CITE + r")", bygroups(Keyword.Namespace, Text.Whitespace, Name.Label)),
            (r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?![0-9A-Za-z(])", Literal.Date),
            (_BARE_CITE, Name.Label),
            (r"[0-9]+", Number.Integer),
            (words(CONSTANTS, suffix=r"\b"), Keyword.Constant),
            (words(OPERATOR_WORDS, suffix=r"\b"), Operator.Word),
            (words(MODALITY, suffix=r"\b"), Keyword.Reserved),
            (words(STRUCTURE, suffix=r"\b"), Keyword),
            (r"[a-z_][a-z0-9_]*", Name),
            (r"<=|>=|!=|\.\.|[<>=|/]", Operator),
            (r"[:(),]", Punctuation),
        ],
    }
