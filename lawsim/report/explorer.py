"""Stage 6, reports: compile law versions to JavaScript for the HTML scenario explorer.

Input: law versions as ``(name, ir.Law)`` pairs, in the order the report
shows them.  Output: one deterministic, self-contained ES2017 script (no
dependencies, no network, no ``eval`` or ``Function``) that defines the
global ``LAWSIM_EXPLORER``.  A reader sets each fact in the page and the
page calls each version's ``evaluate``; the verdicts are computed in the
browser from the IR, never looked up in a table made in advance, and they
are exactly :func:`lawsim.engine.interpreter.evaluate`'s.

The object, with these exact keys::

    LAWSIM_EXPLORER = {
      format: 1,
      versions: [{
        name, title, defaultVerdict,          // defaultVerdict: "permitted" | "prohibited"
        facts: [{name, kind, description, values, valueDescriptions}],
        assumptions: [{name, provision, description, default}],
        impossible(scenario) -> [caption],      // the fact constraints the scenario breaks, in order
        evaluate(scenario, assumptions) -> {
          verdict,                            // "permitted" | "prohibited" | "conflict"
          remedy: {status, plaintiffs, relief, reason},
          deciding,                           // rule ids, in the law's order
          reason,                             // one plain-English sentence
        },
      }],
      version(name) -> the version of that name, or null,
    }

``scenario`` maps fact names to values as a scenario file gives them ('yes'
or 'no' for yes/no facts, numbers for number facts); ``assumptions`` maps
assumption names to true or false and overrides the defaults.  As in the
interpreter, facts are read lazily: a missing fact that the verdict needs
throws an ``Error`` named ``MissingFact`` with the interpreter's message.

Design.  Conditions are compiled: every ``when``, ``unless`` and remedy
condition becomes a JavaScript function of the evaluation state, and every
definition a function memoised per evaluation (``D(x, i)``), so that a
condition reads as the law does (``D(x, 3) && !(F(x, "tsdb_match") ===
"yes")``).  The decision procedure (scope, exceptions in order,
``notwithstanding`` defeat, conflicts, the default, remedies) is not
compiled per law: it is the same for every law, so it is written once, by
hand, in ``explorer_runtime.js``, mirroring the interpreter step for step,
and each version supplies its rules and remedies to it as data whose
conditions are those functions.  Unrolling the procedure per rule would
give longer code to check against the interpreter for no gain.  Two
choices keep it exact: defeat is precomputed as rule indices
(``defeatedBy``), and plaintiffs and relief are indices into lists sorted
here by Python, so the browser's string order (UTF-16) never matters.

Safety.  Every string that comes from a ``.law`` file (names, captions,
descriptions, ids) is written by :func:`js_string`: a JSON literal, pure
ASCII, with ``<``, ``>``, ``&``, U+2028 and U+2029 escaped, so the script
can sit inline in ``<script>`` even if a caption says ``</script>``.  Law
text never appears in comments or identifiers.

Example (how the report calls it)::

    from lawsim.report.explorer import compile_versions
    from lawsim.semantics import load_version

    versions = [load_version(s) for s in ("bills/current.law", "bills/hanif.law")]
    script = compile_versions([(v.name, v.law) for v in versions])
    page = f"<script>{script}</script>"   # then, in the page:
    # LAWSIM_EXPLORER.version("hanif").evaluate({agency: "doc", ...}, {int158_fee_shifting: true})
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence, assert_never

from lawsim import ir

GLOBAL_NAME = "LAWSIM_EXPLORER"
_RUNTIME_PATH = Path(__file__).resolve().parent / "explorer_runtime.js"
_MAX_SAFE = 2**53 - 1  # beyond this a JavaScript number is not an exact integer
_CMP_JS = {"<": "<", "<=": "<=", ">": ">", ">=": ">=", "=": "===", "!=": "!=="}
# Characters a JSON string may carry raw that must not reach an inline <script>.
_SCRIPT_UNSAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\x7f": "\\u007f",
                                "\u2028": "\\u2028", "\u2029": "\\u2029"})


def js_string(value: str) -> str:
    """``value`` as a JavaScript string literal that is safe inline in an HTML ``<script>``.

    The literal is JSON (so ``json.loads`` reads it back), pure ASCII, and
    has no ``<``, ``>`` or ``&`` and no raw U+2028/U+2029 or control
    characters.
    """
    if not isinstance(value, str):
        raise TypeError(f"js_string needs a str, not {type(value).__name__}")
    return js_value(value)


def js_value(value) -> str:
    """A JSON value (str, int, bool, None, list, tuple, dict with str keys) as a safe literal.

    Escaping the whole JSON text is sound because ``<``, ``>`` and ``&``
    can only occur inside its strings.
    """
    _check_ints(value)
    return json.dumps(value, ensure_ascii=True, separators=(", ", ": ")).translate(_SCRIPT_UNSAFE)


def _check_ints(value) -> None:
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return
    if isinstance(value, int):
        if abs(value) > _MAX_SAFE:
            raise ValueError(f"the number {value} is too large for the explorer's JavaScript")
        return
    if isinstance(value, (list, tuple)):
        for item in value:
            _check_ints(item)
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError("JSON object keys must be strings")
            _check_ints(item)
        return
    raise TypeError(f"cannot write {type(value).__name__} as JavaScript")


def compile_versions(versions: Sequence[tuple[str, ir.Law]]) -> str:
    """JavaScript that defines ``LAWSIM_EXPLORER`` for ``versions`` (see the module docstring).

    ``versions`` are ``(name, law)`` pairs; names must be distinct.  The
    text depends only on the arguments (never on hash order), so the same
    versions always give the same script.
    """
    names = [name for name, _ in versions]
    if len(set(names)) != len(names):
        raise ValueError(f"version names must be distinct: {names}")
    specs = ",\n".join(_compile_law(name, law) for name, law in versions)
    runtime = _RUNTIME_PATH.read_text(encoding="utf-8")
    return (f"// Generated by lawsim.report.explorer: the scenario explorer's law versions.\n"
            f"var {GLOBAL_NAME} = (function () {{\n\"use strict\";\n{runtime}\n"
            f"return explorer([\n{specs}\n]);\n}})();\n")


# ---------------------------------------------------------------- one version


class _Compiler:
    """Compiles one law's conditions to JavaScript expressions."""

    def __init__(self, law: ir.Law):
        self.law = law
        self.definitions = {name: i for i, name in enumerate(law.definitions)}
        self.assumptions = {name: i for i, name in enumerate(law.assumptions)}

    def values(self, fact: str, values) -> list:
        """A set of fact values in a deterministic order: as declared, then any others sorted."""
        declared = self.law.fact_map[fact].values if fact in self.law.fact_map else ()
        return sorted(values, key=lambda v: (0, declared.index(v), "") if v in declared else (1, 0, str(v)))

    def expr(self, e: ir.Expr) -> str:
        match e:
            case ir.Const(value=value):
                return "true" if value else "false"
            case ir.In(fact=fact, values=values):
                shown = self.values(fact, values)
                read = f"F(x, {js_string(fact)})"
                if len(shown) == 1:
                    return f"{read} === {js_value(shown[0])}"
                return f"oneOf({read}, {js_value(shown)})"
            case ir.Cmp(fact=fact, op=op, value=value):
                if str(op) not in _CMP_JS:
                    raise ValueError(f"unknown comparison {op!r}")
                return f"F(x, {js_string(fact)}) {_CMP_JS[str(op)]} {js_value(value)}"
            case ir.DefRef(name=name):
                return f"D(x, {self.definitions[name]})"
            case ir.AssumeRef(name=name):
                return f"x.a[{self.assumptions[name]}]"
            case ir.Neg(operand=operand):
                return f"!({self.expr(operand)})"
            case ir.AllOf(items=items):
                return "(" + " && ".join(self.expr(i) for i in items) + ")" if items else "true"
            case ir.AnyOf(items=items):
                return "(" + " || ".join(self.expr(i) for i in items) + ")" if items else "false"
            case _:
                assert_never(e)

    def function(self, e: ir.Expr) -> str:
        return f"function (x) {{ return {self.expr(e)}; }}"


def _fact(fact: ir.Fact) -> str:
    return _object(
        name=js_string(fact.name), kind=js_string(str(fact.kind)), description=js_string(fact.description),
        values=js_value(list(fact.values)),
        valueDescriptions=js_value([fact.describe_value(v) for v in fact.values]))


def _object(**fields: str) -> str:
    return "{" + ", ".join(f"{key}: {text}" for key, text in fields.items()) + "}"


def _array(items: list[str], indent: str) -> str:
    if not items:
        return "[]"
    inner = ",\n".join(indent + "  " + item for item in items)
    return f"[\n{inner},\n{indent}]"


def _compile_law(name: str, law: ir.Law) -> str:
    c = _Compiler(law)
    provisions = {p.id: i for i, p in enumerate(law.provisions)}
    parties = sorted({p for m in law.remedies for p in m.plaintiffs})
    reliefs = sorted({r for m in law.remedies for r in m.relief})
    rules = law.rules
    rule_specs = []
    for i, rule in enumerate(rules):
        defeated_by = [j for j, other in enumerate(rules) if j != i and rule.provision in other.overrides]
        defeats = [j for j, other in enumerate(rules) if j != i and other.provision in rule.overrides]
        rule_specs.append(_object(
            id=js_string(rule.id), provision=str(provisions[rule.provision]),
            prohibits="true" if rule.prohibits else "false",
            agents="null" if rule.agents is None else js_value(c.values("agency", rule.agents)),
            conducts="null" if rule.conducts is None else js_value(c.values("conduct", rule.conducts)),
            when=c.function(rule.when),
            unless="[" + ", ".join(c.function(e) for e in rule.exceptions) + "]",
            defeatedBy=js_value(defeated_by), defeats=js_value(defeats)))
    remedy_specs = [_object(
        provision=str(provisions[m.provision]), covers=js_value(sorted(m.covers)),
        cited=js_value(list(m.cited) or sorted(m.covers)),
        plaintiffs=js_value(sorted(parties.index(p) for p in set(m.plaintiffs))),
        relief=js_value(sorted(reliefs.index(r) for r in set(m.relief))),
        when=c.function(m.when)) for m in law.remedies]
    assumptions = [_object(
        name=js_string(a.name), provision=js_string(a.provision), description=js_string(a.description),
        default="true" if a.default else "false") for a in law.assumptions.values()]
    fields = {
        "name": js_string(name),
        "title": js_string(law.title),
        "defaultVerdict": js_string(str(law.default_verdict)),
        "facts": _array([_fact(f) for f in law.facts], "  "),
        "assumptions": _array(assumptions, "  "),
        "provisions": _array([js_value([p.id, p.caption]) for p in law.provisions], "  "),
        "parties": js_value(parties),
        "reliefs": js_value(reliefs),
        "definitions": _array([c.function(d.expr) for d in law.definitions.values()], "  "),
        "rules": _array(rule_specs, "  "),
        "remedies": _array(remedy_specs, "  "),
        "constraints": _array([_object(caption=js_string(k.caption), impossible=c.function(k.impossible))
                               for k in law.constraints], "  "),
    }
    body = ",\n".join(f"  {key}: {text}" for key, text in fields.items())
    return "{\n" + body + ",\n}"
