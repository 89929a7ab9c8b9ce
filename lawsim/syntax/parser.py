"""Parse .law text into an AST.

Input: a :class:`~lawsim.source.SourceFile`.  Output: a
:class:`~lawsim.syntax.ast.LawDoc` or :class:`~lawsim.syntax.ast.BillDoc`.
Errors: :class:`~lawsim.diagnostics.LawError` only, never a Lark exception.

The Lark tree is converted to AST nodes by :class:`_ToAst` immediately and
is never returned.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import os
from pathlib import Path

import lark
from lark import Lark, Token, Transformer, Tree, v_args
from lark.exceptions import UnexpectedInput, VisitError

from lawsim.diagnostics import Diagnostic, Label, LawError
from lawsim.resources import grammar_path
from lawsim.files import read_source
from lawsim.source import SourceFile, Span
from lawsim.syntax import ast
from lawsim.syntax.errors import RESERVED, syntax_error

#: Deepest nesting of ``not``/``and``/``or`` accepted.  Deeper input is
#: rejected with a diagnostic rather than risking Python's recursion limit in
#: the recursive passes that follow (each level costs a few stack frames).
MAX_DEPTH = 100
_NESTING = frozenset({"not_", "and_", "or_"})

#: Longest number literal accepted (ranges are small; see E107).
MAX_DIGITS = 9


_OPTIONS = dict(parser="lalr", lexer="contextual", propagate_positions=True, strict=True,
                maybe_placeholders=False)


@functools.lru_cache(maxsize=1)
def _parser() -> Lark:
    """The one LALR parser, built from the grammar or loaded from the on-disk cache.

    Building the LALR tables takes about half a second, most of a short
    command's run time, so the built parser is saved under the user's cache
    folder, keyed by the grammar text and the Lark version.  Any problem with
    the cache (unwritable folder, stale or corrupt file) just means building
    the parser again.
    """
    grammar = grammar_path().read_text(encoding="utf-8")
    key = hashlib.sha256(f"{lark.__version__}\0{sorted(_OPTIONS.items())}\0{grammar}".encode()).hexdigest()
    path = _cache_dir() / f"law-grammar-{key[:24]}.lark"
    try:
        with open(path, "rb") as handle:
            return Lark.load(handle)
    except Exception:  # missing, unreadable or stale: rebuild below
        pass
    parser = Lark(grammar, **_OPTIONS)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as handle:
            parser.save(handle)
        os.replace(tmp, path)  # readers never see a half-written cache file
    except OSError:
        pass
    return parser


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "lawsim"


def _span_of(source: SourceFile, meta) -> Span | None:
    if getattr(meta, "empty", True):
        return None
    return Span.at(source, meta.start_pos, meta.end_pos)


def _tok_span(source: SourceFile, tok: Token) -> Span:
    return Span.at(source, tok.start_pos or 0, tok.end_pos or tok.start_pos or 0)


def _unquote(tok: Token) -> str:
    return str(tok)[1:-1]


def _check_depth(source: SourceFile, tree: Tree) -> None:
    """Reject conditions nested absurdly deep before any recursive pass sees them.

    Only ``not``/``and``/``or`` nodes count: parentheses leave no node in the
    tree (``(((a)))`` is just ``a``), so they cannot make later passes recurse.
    """
    stack = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        if node.data in _NESTING:
            depth += 1
            if depth > MAX_DEPTH:
                span = _span_of(source, node.meta) or Span.at(source, 0, 0)
                raise LawError([Diagnostic(
                    "E013", f"this condition is nested more than {MAX_DEPTH} levels deep",
                    span=Span.at(source, span.start, span.start + 1),
                    notes=("split the condition into named definitions",))])
        stack.extend((c, depth) for c in node.children if isinstance(c, Tree))


class _ToAst(Transformer):
    """Convert the Lark tree to AST nodes, bottom-up."""

    def __init__(self, source: SourceFile):
        super().__init__()
        self.src = source
        self.diags: list[Diagnostic] = []

    def __default__(self, data, children, meta):
        raise NotImplementedError(f"grammar rule '{data}' has no AST conversion")

    def _s(self, meta) -> Span | None:
        return _span_of(self.src, meta)

    def _t(self, tok: Token) -> Span:
        return _tok_span(self.src, tok)

    # -- tokens -----------------------------------------------------------
    # The contextual lexer reads a keyword as a NAME wherever only a name
    # fits (``facts`` followed by ``rule "..."``), so reserved words are
    # caught here, where every name passes.
    def NAME(self, tok: Token) -> Token:
        if str(tok) in RESERVED:
            self.diags.append(Diagnostic(
                "E014", f"'{tok}' is a reserved word and cannot be used as a name", span=self._t(tok),
                notes=("choose another name; docs/language.md lists the reserved words",)))
        return tok

    def INT(self, tok: Token) -> Token:
        if len(str(tok).lstrip("0")) > MAX_DIGITS:
            self.diags.append(Diagnostic("E016", "this number is too large", span=self._t(tok),
                                         notes=(f"numbers in a law have at most {MAX_DIGITS} digits",)))
            return Token.new_borrow_pos("INT", "0", tok)
        return tok

    def DATE(self, tok: Token) -> Token:
        try:
            datetime.date.fromisoformat(str(tok))
        except ValueError:
            self.diags.append(Diagnostic("E017", f"{tok} is not a real date", span=self._t(tok),
                                         notes=("write the date as YEAR-MONTH-DAY, e.g. 2023-02-15",)))
        return tok

    # -- files ------------------------------------------------------------
    @v_args(meta=True)
    def start(self, meta, children):
        return children[0]

    def _collect_meta(self, metas, allowed: set[str], what: str) -> dict:
        found: dict = {"sources": []}
        source_spans: dict[str, Span | None] = {}
        for key, value, span, value_span in metas:
            if key == "source":
                # Several sources are normal; the same one twice is a slip.
                if value in source_spans:
                    self.diags.append(Diagnostic(
                        "E201", f"the source \"{value}\" is given twice in this {what}", span=span,
                        labels=(Label(source_spans[value], "first given here"),)))
                    continue
                source_spans[value] = span
                found["sources"].append(value)
                continue
            if key not in allowed:
                continue
            if key in found:
                self.diags.append(
                    Diagnostic("E201", f"'{key.replace('_', ' ')}' is given twice in this {what}", span=span,
                               labels=(Label(found[key][1], "first given here"),))
                )
                continue
            found[key] = (value, span, value_span)
        return found

    @v_args(meta=True)
    def law_file(self, meta, children):
        title = _unquote(children[0])
        metas = [c for c in children[1:] if isinstance(c, tuple)]
        items = tuple(c for c in children[1:] if not isinstance(c, tuple))
        found = self._collect_meta(metas, {"jurisdiction", "in_force"}, "law")
        return ast.LawDoc(
            title=title,
            jurisdiction=found["jurisdiction"][0] if "jurisdiction" in found else None,
            in_force=found["in_force"][0] if "in_force" in found else None,
            sources=tuple(found["sources"]),
            items=items,
            span=self._s(meta),
        )

    @v_args(meta=True)
    def bill_file(self, meta, children):
        return ast.BillDoc(blocks=tuple(children), span=self._s(meta))

    @v_args(meta=True)
    def bill_block(self, meta, children):
        number, title = _unquote(children[0]), _unquote(children[1])
        metas = [c for c in children[2:] if isinstance(c, tuple)]
        items = tuple(c for c in children[2:] if not isinstance(c, tuple))
        found = self._collect_meta(metas, {"sponsors", "status", "amends", "in_force"}, "bill")

        def get(key):
            return found[key][0] if key in found else None

        return ast.BillBlock(
            amends_span=found["amends"][2] if "amends" in found else None,
            number=number,
            title=title,
            sponsors=tuple(get("sponsors") or ()),
            status=get("status"),
            amends=get("amends"),
            in_force=get("in_force"),
            sources=tuple(found["sources"]),
            items=items,
            span=self._s(meta),
        )

    @v_args(meta=True)
    def meta_jurisdiction(self, meta, c):
        return ("jurisdiction", _unquote(c[0]), self._s(meta), self._t(c[0]))

    @v_args(meta=True)
    def meta_in_force(self, meta, c):
        return ("in_force", str(c[0]), self._s(meta), self._t(c[0]))

    @v_args(meta=True)
    def meta_source(self, meta, c):
        return ("source", _unquote(c[0]), self._s(meta), self._t(c[0]))

    @v_args(meta=True)
    def meta_sponsors(self, meta, c):
        return ("sponsors", tuple(_unquote(t) for t in c), self._s(meta), self._t(c[0]))

    @v_args(meta=True)
    def meta_status(self, meta, c):
        return ("status", _unquote(c[0]), self._s(meta), self._t(c[0]))

    @v_args(meta=True)
    def meta_amends(self, meta, c):
        return ("amends", _unquote(c[0]), self._s(meta), self._t(c[0]))

    def top_item(self, c):
        return c[0]

    def bill_item(self, c):
        return c[0]

    def provision_item(self, c):
        return c[0]

    @v_args(meta=True)
    def default_decl(self, meta, c):
        return ast.DefaultDecl(prohibited=c[0], span=self._s(meta))

    def v_prohibited(self, c):
        return True

    def v_permitted(self, c):
        return False

    # -- facts ------------------------------------------------------------
    @v_args(meta=True)
    def facts_block(self, meta, c):
        return ast.FactsBlock(decls=tuple(c), span=self._s(meta))

    @v_args(meta=True)
    def fact_decl(self, meta, c):
        return ast.FactDecl(name=str(c[0]), description=_unquote(c[1]), type=c[2], span=self._s(meta),
                            name_span=self._t(c[0]))

    @v_args(meta=True)
    def bool_type(self, meta, c):
        return ast.BoolType(span=self._s(meta))

    @v_args(meta=True)
    def int_type(self, meta, c):
        return ast.IntType(low=int(c[0]), high=int(c[1]), span=self._s(meta))

    @v_args(meta=True)
    def enum_type(self, meta, c):
        return ast.EnumType(values=tuple(c), span=self._s(meta))

    @v_args(meta=True)
    def enum_value(self, meta, c):
        desc = _unquote(c[1]) if len(c) > 1 else None
        return ast.EnumValue(name=str(c[0]), description=desc, span=self._s(meta))

    # -- provisions -------------------------------------------------------
    @v_args(meta=True)
    def cite(self, meta, c):
        return ast.Cite(id=str(c[-1]), span=_tok_span(self.src, c[-1]))

    @v_args(meta=True)
    def provision(self, meta, c):
        return ast.Provision(cite=c[0], caption=_unquote(c[1]), items=tuple(c[2:]), span=self._s(meta))

    @v_args(meta=True)
    def definition(self, meta, c):
        return ast.Definition(name=str(c[0]), caption=_unquote(c[1]), cond=c[2], span=self._s(meta),
                              name_span=self._t(c[0]))

    @v_args(meta=True)
    def assumption(self, meta, c):
        return ast.Assumption(name=str(c[0]), description=_unquote(c[1]), default=str(c[2]) == "on",
                              span=self._s(meta), name_span=self._t(c[0]))

    @v_args(meta=True)
    def rule(self, meta, c):
        name = None
        # Point at the name, or at the word 'rule' (the first character).
        name_span = Span.at(self.src, meta.start_pos, meta.start_pos + 4) if not meta.empty else None
        if isinstance(c[0], Token):
            name, name_span, c = str(c[0]), self._t(c[0]), c[1:]
        (agents, agent_spans), prohibits, (conducts, conduct_spans) = c[0], c[1], c[2]
        when, exceptions, overrides = None, [], ()
        for part in c[3:]:
            kind, value = part
            if kind == "when":
                when = value
            elif kind == "unless":
                exceptions.append(value)
            else:
                overrides = value
        return ast.Rule(
            name=name,
            agents=agents,
            prohibits=prohibits,
            conducts=conducts,
            when=when,
            exceptions=tuple(exceptions),
            overrides=overrides,
            span=self._s(meta),
            agent_spans=agent_spans,
            conduct_spans=conduct_spans,
            name_span=name_span,
        )

    def any_agency(self, c):
        return None, ()

    def agent_list(self, c):
        return tuple(str(t) for t in c), tuple(_tok_span(self.src, t) for t in c)

    any_conduct = any_agency
    conduct_list = agent_list

    def prohibits(self, c):
        return True

    def permits(self, c):
        return False

    def when(self, c):
        return ("when", c[0])

    def exception(self, c):
        return ("unless", c[0])

    def overrides(self, c):
        return ("overrides", tuple(c))

    @v_args(meta=True)
    def remedy(self, meta, c):
        cites = tuple(x for x in c if isinstance(x, ast.Cite))
        tagged = dict(x for x in c if isinstance(x, tuple))
        plaintiffs, relief = tagged["body"]
        when = tagged.get("when")
        return ast.Remedy(covers=cites, plaintiffs=plaintiffs, relief=relief, when=when, span=self._s(meta))

    def no_remedy(self, c):
        return ("body", ((), ()))

    def gives_remedy(self, c):
        return ("body", (c[0], c[1]))

    def parties(self, c):
        return tuple(str(t) for t in c)

    reliefs = parties

    # -- amendments -------------------------------------------------------
    @v_args(meta=True)
    def replace_provision(self, meta, c):
        return ast.ReplaceProvision(cite=c[0], caption=_unquote(c[1]), items=tuple(c[2:]), span=self._s(meta))

    @v_args(meta=True)
    def insert_provision(self, meta, c):
        return ast.InsertProvision(cite=c[0], caption=_unquote(c[1]), items=tuple(c[2:]), span=self._s(meta))

    @v_args(meta=True)
    def repeal_provision(self, meta, c):
        return ast.RepealProvision(cite=c[0], span=self._s(meta))

    @v_args(meta=True)
    def replace_definition(self, meta, c):
        return ast.ReplaceDefinition(name=str(c[0]), caption=_unquote(c[1]), cond=c[2], span=self._s(meta),
                                     name_span=self._t(c[0]))

    @v_args(meta=True)
    def repeal_definition(self, meta, c):
        return ast.RepealDefinition(name=str(c[0]), span=self._s(meta), name_span=self._t(c[0]))

    # -- conditions -------------------------------------------------------
    @v_args(meta=True)
    def or_(self, meta, c):
        return ast.Or(items=tuple(c), span=self._s(meta))

    @v_args(meta=True)
    def and_(self, meta, c):
        return ast.And(items=tuple(c), span=self._s(meta))

    @v_args(meta=True)
    def not_(self, meta, c):
        return ast.Not(operand=c[0], span=self._s(meta))

    @v_args(meta=True)
    def ref(self, meta, c):
        return ast.Ref(name=str(c[0]), span=self._s(meta))

    @v_args(meta=True)
    def true_(self, meta, c):
        return ast.BoolLit(value=True, span=self._s(meta))

    @v_args(meta=True)
    def false_(self, meta, c):
        return ast.BoolLit(value=False, span=self._s(meta))

    @v_args(meta=True)
    def is_(self, meta, c):
        return ast.Is(fact=str(c[0]), value=c[1][0], negated=False, span=self._s(meta), value_span=c[1][1])

    @v_args(meta=True)
    def is_not(self, meta, c):
        return ast.Is(fact=str(c[0]), value=c[1][0], negated=True, span=self._s(meta), value_span=c[1][1])

    @v_args(meta=True)
    def one_of(self, meta, c):
        return ast.OneOf(fact=str(c[0]), values=tuple(v for v, _ in c[1:]), negated=False,
                         span=self._s(meta), value_spans=tuple(s for _, s in c[1:]))

    @v_args(meta=True)
    def not_one_of(self, meta, c):
        return ast.OneOf(fact=str(c[0]), values=tuple(v for v, _ in c[1:]), negated=True,
                         span=self._s(meta), value_spans=tuple(s for _, s in c[1:]))

    @v_args(meta=True)
    def compare(self, meta, c):
        return ast.Compare(fact=str(c[0]), op=str(c[1]), value=int(c[2]), span=self._s(meta))

    @v_args(meta=True)
    def value(self, meta, c):
        return str(c[0]), self._s(meta)

    @v_args(meta=True)
    def yes(self, meta, c):
        return "yes", self._s(meta)

    @v_args(meta=True)
    def no(self, meta, c):
        return "no", self._s(meta)


def _comments(source: SourceFile) -> tuple[ast.Comment, ...]:
    """Find '#' comments outside quoted text (quotes never span lines)."""
    found = []
    for number, line in enumerate(source.text.split("\n"), start=1):
        quoted = False
        for i, ch in enumerate(line):
            if ch == '"':
                quoted = not quoted
            elif ch == "#" and not quoted:
                found.append(ast.Comment(text=line[i:].rstrip(), line=number))
                break
    return tuple(found)


def parse_text(text: str, name: str = "<text>") -> ast.Document:
    """Parse .law text; ``name`` is used in diagnostics."""
    return parse_source(SourceFile(name, text.replace("\r\n", "\n").replace("\r", "\n")))


def parse_file(path: str) -> ast.Document:
    """Read and parse a .law file."""
    return parse_source(read_source(path))


@functools.lru_cache(maxsize=32)
def parse_source(source: SourceFile) -> ast.Document:
    """Parse a :class:`SourceFile` into a LawDoc or BillDoc.

    Results are memoised by file name and text: a comparison reads the base
    law once for each version, and ASTs are immutable, so sharing is safe.
    """
    text = source.text[1:] if source.text.startswith("\ufeff") else source.text
    if text is not source.text:
        source = SourceFile(source.name, text)
    try:
        tree = _parser().parse(source.text)
    except UnexpectedInput as exc:
        raise LawError([syntax_error(source, exc, _parser())]) from None
    _check_depth(source, tree)
    builder = _ToAst(source)
    try:
        doc = builder.transform(tree)
    except VisitError as exc:  # a bug in the converter, not in the input
        raise exc.orig_exc from None
    if builder.diags:
        raise LawError(builder.diags)
    comments = _comments(source)
    if isinstance(doc, ast.LawDoc):
        return ast.LawDoc(doc.title, doc.jurisdiction, doc.in_force, doc.sources, doc.items, doc.span, comments)
    return ast.BillDoc(doc.blocks, doc.span, comments)
