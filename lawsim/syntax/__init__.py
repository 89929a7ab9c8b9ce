"""Stage 1, syntax: ``.law`` text to an AST with spans.

``parse_text``/``parse_file`` are the only entry points; the Lark parse tree
never leaves :mod:`lawsim.syntax.parser`.  :mod:`lawsim.syntax.printer`
turns an AST back into canonical text (used by ``lawsim fmt``).
"""

from lawsim.syntax.parser import parse_file, parse_text
from lawsim.syntax.printer import format_document

__all__ = ["parse_file", "parse_text", "format_document"]
