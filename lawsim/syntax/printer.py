"""Print an AST as canonical .law text (``lawsim fmt``).

The layout is fixed: two-space indentation, one blank line between
top-level blocks, '§' before every citation, and parentheses only where
they are needed to keep the tree the same.  Comments are kept: each
one is printed in front of the item it sits in or before, so a comment in
the middle of a multi-line rule (or at the end of its last line) moves up
in front of the rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import assert_never

from lawsim.files import decode_source, read_bytes
from lawsim.syntax import ast
from lawsim.syntax.parser import parse_source

WIDTH = 100


def format_expr(expr: ast.Expr) -> str:
    """A condition in canonical form; ``parse(format(e)) == e``."""
    match expr:
        case ast.Ref(name=name):
            return name
        case ast.BoolLit(value=value):
            return "always" if value else "never"
        case ast.Is(fact=fact, value=value, negated=negated):
            return f"{fact} is {'not ' if negated else ''}{value}"
        case ast.OneOf(fact=fact, values=values, negated=negated):
            return f"{fact} is {'not ' if negated else ''}one of ({', '.join(values)})"
        case ast.Compare(fact=fact, op=op, value=value):
            return f"{fact} {op} {value}"
        case ast.Not(operand=operand):
            inner = format_expr(operand)
            return f"not ({inner})" if isinstance(operand, (ast.And, ast.Or)) else f"not {inner}"
        case ast.And(items=items):
            return " and ".join(
                f"({format_expr(i)})" if isinstance(i, (ast.And, ast.Or)) else format_expr(i) for i in items
            )
        case ast.Or(items=items):
            # 'and' inside 'or' is bracketed too: not needed by the grammar,
            # but it reads unambiguously aloud.
            return " or ".join(
                f"({format_expr(i)})" if isinstance(i, (ast.And, ast.Or)) else format_expr(i) for i in items
            )
        case _:
            assert_never(expr)


def _cite(cite: ast.Cite) -> str:
    return f"§ {cite.id}"


def _line_of(node) -> int:
    span = getattr(node, "span", None)
    return span.line if span is not None else 0


def _through(node) -> int:
    """The line after ``node``'s last line: comments before it belong in front of it."""
    span = getattr(node, "span", None)
    return span.end_position[0] + 1 if span is not None else 0


def _fact_lines(decl: ast.FactDecl) -> list[str]:
    head = f'  {decl.name} "{decl.description}":'
    match decl.type:
        case ast.BoolType():
            return [head + " yes/no"]
        case ast.IntType(low=low, high=high):
            return [head + f" {low}..{high}"]
        case ast.EnumType(values=values):
            plain = " | ".join(v.name + (f" omits {v.omits}" if v.omits else "") for v in values)
            if all(v.description is None for v in values) and len(head) + len(plain) < WIDTH:
                return [f"{head} {plain}"]
            lines = [head]
            for i, v in enumerate(values):
                text = v.name + (f' "{v.description}"' if v.description is not None else "")
                text += f" omits {v.omits}" if v.omits else ""
                lines.append(("    " if i == 0 else "    | ") + text)
            return lines
        case _:
            assert_never(decl.type)


def _clause(keyword: str, expr: ast.Expr, indent: str) -> list[str]:
    # Long conditions stay on one line: the bundled laws are written that
    # way, and breaking them here would rewrite every file.
    return [f"{indent}{keyword} {format_expr(expr)}"]


def _item_lines(item: ast.ProvisionItem) -> list[str]:
    match item:
        case ast.Definition(name=name, caption=caption, cond=cond):
            head = f'  define {name} "{caption}":'
            body = format_expr(cond)
            if len(head) + 1 + len(body) <= WIDTH:
                return [f"{head} {body}"]
            return [head, "    " + body]
        case ast.Assumption(name=name, description=desc, default=default):
            return [f'  assumption {name} "{desc}": {"on" if default else "off"}']
        case ast.Parameter(name=name, caption=caption, value=value):
            return [f'  parameter {name} "{caption}": {value}']
        case ast.Rule():
            agents = "any agency" if item.agents is None else ", ".join(item.agents)
            conducts = "any conduct" if item.conducts is None else ", ".join(item.conducts)
            modality = "must" if item.must else "may not" if item.prohibits else "may"
            label = f"rule {item.name}:" if item.name else "rule:"
            lines = [f"  {label} {agents} {modality} {conducts}"]
            if item.when is not None:
                lines += _clause("when", item.when, "    ")
            for exception in item.exceptions:
                lines += _clause("unless", exception, "    ")
            if item.overrides:
                lines.append("    notwithstanding " + ", ".join(_cite(c) for c in item.overrides))
            return lines
        case ast.Remedy():
            covers = ", ".join(_cite(c) for c in item.covers)
            if item.gives:
                body = f"let {', '.join(item.plaintiffs)} sue for {', '.join(item.relief)}"
            else:
                body = "give no remedy"
            lines = [f"  remedy: violations of {covers} {body}"]
            if item.when is not None:
                lines += _clause("when", item.when, "    ")
            return lines
        case _:
            assert_never(item)


class _Writer:
    """Accumulates output lines and flushes comments in front of items."""

    def __init__(self, comments: tuple[ast.Comment, ...]):
        self.lines: list[str] = []
        self.pending = sorted(comments, key=lambda c: c.line)

    def comments_before(self, line: int, indent: str = "") -> None:
        while self.pending and line and self.pending[0].line < line:
            self.lines.append(indent + self.pending.pop(0).text)

    def blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def finish(self) -> str:
        self.comments_before(10**9)
        while self.lines and self.lines[-1] == "":
            self.lines.pop()
        return "\n".join(self.lines) + "\n"


def _provision(w: _Writer, keyword: str, cite: ast.Cite, caption: str, items, node) -> None:
    w.blank()
    w.comments_before(_line_of(node) + 1 if node.span else 0)
    w.lines.append(f'{keyword}{_cite(cite)} "{caption}"')
    for item in items:
        w.comments_before(_through(item), "  ")
        w.lines += _item_lines(item)


def _facts(w: _Writer, block: ast.FactsBlock) -> None:
    w.blank()
    w.comments_before(_line_of(block) + 1 if block.span else 0)
    w.lines.append("facts")
    for decl in block.decls:
        w.comments_before(_through(decl), "  ")
        w.lines += _fact_lines(decl)


def _constraint(w: _Writer, item: ast.Constraint) -> None:
    w.blank()
    w.comments_before(_through(item))
    w.lines.append(f'constraint {item.name} "{item.caption}":')
    w.lines.append(f"  {'impossible when' if item.impossible else 'requires'} {format_expr(item.cond)}")


def _law(doc: ast.LawDoc) -> str:
    w = _Writer(doc.comments)
    w.comments_before(_line_of(doc) + 1 if doc.span else 0)
    w.lines.append(f'law "{doc.title}"')
    if doc.jurisdiction is not None:
        w.lines.append(f'jurisdiction "{doc.jurisdiction}"')
    if doc.in_force is not None:
        w.lines.append(f"in force {doc.in_force}")
    w.lines += [f'source "{s}"' for s in doc.sources]
    for item in doc.items:
        match item:
            case ast.FactsBlock():
                _facts(w, item)
            case ast.DefaultDecl(prohibited=prohibited):
                w.blank()
                w.comments_before(_through(item))
                w.lines.append(f"default {'prohibited' if prohibited else 'permitted'}")
            case ast.Provision():
                _provision(w, "", item.cite, item.caption, item.items, item)
            case ast.Constraint():
                _constraint(w, item)
            case _:
                assert_never(item)
    return w.finish()


def _bill(doc: ast.BillDoc) -> str:
    w = _Writer(doc.comments)
    for block in doc.blocks:
        w.blank()
        w.comments_before(_line_of(block) + 1 if block.span else 0)
        w.lines.append(f'bill "{block.number}" "{block.title}"')
        if block.sponsors:
            w.lines.append("sponsors " + ", ".join(f'"{s}"' for s in block.sponsors))
        if block.status is not None:
            w.lines.append(f'status "{block.status}"')
        if block.amends is not None:
            w.lines.append(f'amends "{block.amends}"')
        if block.in_force is not None:
            w.lines.append(f"in force {block.in_force}")
        w.lines += [f'source "{s}"' for s in block.sources]
        for item in block.items:
            match item:
                case ast.FactsBlock():
                    _facts(w, item)
                case ast.ReplaceProvision():
                    _provision(w, "replace ", item.cite, item.caption, item.items, item)
                case ast.InsertProvision():
                    _provision(w, "insert ", item.cite, item.caption, item.items, item)
                case ast.RepealProvision(cite=cite):
                    w.blank()
                    w.comments_before(_through(item))
                    w.lines.append(f"repeal {_cite(cite)}")
                case ast.RenumberProvision(cite=cite, to=to):
                    w.blank()
                    w.comments_before(_through(item))
                    w.lines.append(f"renumber {_cite(cite)} as {_cite(to)}")
                case ast.Constraint():
                    _constraint(w, item)
                case ast.ReplaceDefinition(name=name, caption=caption, cond=cond):
                    w.blank()
                    w.comments_before(_through(item))
                    w.lines += [f'replace definition {name} "{caption}":', "  " + format_expr(cond)]
                case ast.RepealDefinition(name=name):
                    w.blank()
                    w.comments_before(_through(item))
                    w.lines.append(f"repeal definition {name}")
                case _:
                    assert_never(item)
    return w.finish()


def format_document(doc: ast.Document) -> str:
    """Canonical text of a whole law or bill file."""
    match doc:
        case ast.LawDoc():
            return _law(doc)
        case ast.BillDoc():
            return _bill(doc)
        case _:
            assert_never(doc)


@dataclass(frozen=True)
class Formatted:
    """A file and its canonical text (``lawsim fmt``)."""

    path: str
    original: str  # exactly as on disk (line endings kept), without a byte-order mark
    formatted: str

    @property
    def changed(self) -> bool:
        return self.original != self.formatted

    def diff(self) -> str:
        """A unified diff from the file as it is to its canonical layout ('' when it is formatted)."""
        import difflib

        before = self.original.replace("\r\n", "\n").splitlines(keepends=True)
        after = self.formatted.splitlines(keepends=True)
        lines = difflib.unified_diff(before, after, f"{self.path} (as it is)", f"{self.path} (formatted)")
        diff = "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
        if not diff and self.changed:  # the text is the same once CRLF is read as LF
            return f"{self.path}: only the line endings would change (CRLF to LF)\n"
        return diff


def format_file(path: str) -> Formatted:
    """Canonical text of one file (parsing it first, so errors are reported)."""
    raw = read_bytes(path)
    doc = parse_source(decode_source(path, raw))
    # Decoding succeeded above, so this cannot fail; the file is read once, so both agree.
    original = raw.decode("utf-8-sig")
    return Formatted(path, original, format_document(doc))
