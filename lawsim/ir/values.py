"""Fact values: turn what a user wrote into a value of a fact's domain.

The one parser for fact values, used for ``--fact NAME=VALUE`` on the
command line and for the ``facts:`` of scenario files, so both accept and
refuse exactly the same things; and the checks of facts and assumption
settings given by name outside any file (:func:`resolve_facts`,
:func:`resolve_assumptions`).
"""

from __future__ import annotations

from typing import Iterable, Mapping, assert_never

from lawsim.diagnostics import UsageError, did_you_mean
from lawsim.ir.nodes import Fact, Law
from lawsim.ir.vocab import FactKind
from lawsim.printable import clip

Value = str | int


#: Most digits a whole number given by a user may have (as for numbers in a law).
MAX_DIGITS = 9


def whole_number(text: str) -> int:
    """A whole number written in ASCII digits (at most :data:`MAX_DIGITS`), or ValueError saying why.

    Python's ``int()`` is not used alone because it reads more than digits:
    ``1_0`` as ten, Arabic-Indic or full-width digits, and thousands of
    digits slowly (or not at all past its own limit).
    """
    stripped = text.strip()
    if not stripped.isascii() or not stripped.isdigit():
        raise ValueError(f"'{clip(text, 40)}' is not a whole number: write digits 0 to 9 only")
    if len(stripped.lstrip("0")) > MAX_DIGITS:
        raise ValueError(f"'{stripped[:20]}...' has {len(stripped):,} digits; lawsim reads whole numbers of at most "
                         f"{MAX_DIGITS} digits")
    return int(stripped)





def parse_fact_value(fact: Fact, raw: object) -> Value:
    """Convert a user-written value to ``fact``'s domain, or raise ValueError saying why."""
    match fact.kind:
        case FactKind.BOOL:
            if isinstance(raw, bool):
                return "yes" if raw else "no"
            text = str(raw).strip().lower()
            if text in ("yes", "no"):
                return text
            raise ValueError(f"'{fact.name}' is yes or no, not '{clip(str(raw), 40)}'")
        case FactKind.INT:
            if isinstance(raw, bool):
                raise ValueError(f"'{fact.name}' is a whole number from {fact.values[0]} to {fact.values[-1]}")
            if isinstance(raw, int):
                number = raw
            else:
                text = str(raw).strip()
                negative = text.startswith("-") and text[1:].isascii() and text[1:].isdigit()
                try:
                    number = -whole_number(text[1:]) if negative else whole_number(text)
                except ValueError as exc:
                    if text.isascii() and text.lstrip("-").isdigit():  # digits, too many of them
                        raise ValueError(f"'{fact.name}': {exc}") from None
                    # int() would read '1_0' as 10 and Arabic-Indic digits as numbers: say why not.
                    why = "; write digits 0 to 9 only" if "_" in text or not text.isascii() else ""
                    raise ValueError(f"'{fact.name}' is a whole number, not '{clip(text, 40)}'{why}") from None
            if number not in fact.values:
                raise ValueError(f"'{fact.name}' must be between {fact.values[0]} and {fact.values[-1]}, "
                                 f"not {number}")
            return number
        case FactKind.ENUM:
            text = str(raw).strip()
            if text not in fact.values:
                hint = " ".join(did_you_mean(text, fact.values))
                raise ValueError(f"'{fact.name}' has no value '{clip(text, 40)}'{'; ' + hint if hint else ''}"
                                 f" (values: {', '.join(fact.values)})")
            return text
        case _:
            assert_never(fact.kind)


def runs(values: Iterable[int]) -> list[tuple[int, int]]:
    """Ascending whole numbers as runs of consecutive values: [0, 1, 2, 5] -> [(0, 2), (5, 5)]."""
    out: list[list[int]] = []
    for v in values:
        if out and v == out[-1][1] + 1:
            out[-1][1] = v
        else:
            out.append([v, v])
    return [(a, b) for a, b in out]


def domain_text(fact: Fact) -> str:
    """A fact's values in the .law notation: ``yes/no``, ``0..20`` or ``doc | nypd``."""
    match fact.kind:
        case FactKind.INT:
            return f"{fact.values[0]}..{fact.values[-1]}"
        case FactKind.BOOL:
            return "yes/no"
        case FactKind.ENUM:
            return " | ".join(fact.values)
        case _:
            assert_never(fact.kind)


def resolve_facts(law: Law, raw: Mapping[str, object]) -> dict[str, Value]:
    """Facts given by name and text (``--fact``) as values of ``law``'s facts; UsageError if one is wrong."""
    facts: dict[str, Value] = {}
    for name, value in raw.items():
        fact = law.fact_map.get(name)
        if fact is None:
            hint = " ".join(did_you_mean(name, law.fact_map))
            raise UsageError(f"unknown fact '{name}'{'; ' + hint if hint else ''}")
        try:
            facts[name] = parse_fact_value(fact, value)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    return facts


def resolve_assumptions(laws: Law | Iterable[Law], raw: Mapping[str, str]) -> dict[str, bool]:
    """Assumption settings given by name and 'on'/'off' (``--assume``), checked against the versions.

    Each name must be declared by at least one of ``laws`` (a bill may add or
    remove an assumption, so not necessarily by all).
    """
    declared = {name for law in ([laws] if isinstance(laws, Law) else laws) for name in law.assumptions}
    out = {}
    for name, value in raw.items():
        if name not in declared:
            hint = " ".join(did_you_mean(name, declared))
            raise UsageError(f"unknown assumption '{name}': no version here declares it{'; ' + hint if hint else ''}")
        if value.lower() not in ("on", "off"):
            raise UsageError(f"assumption '{name}' is on or off, not '{value}'")
        out[name] = value.lower() == "on"
    return out


def resolve_parameters(laws: Law | Iterable[Law], raw: Mapping[str, str]) -> dict[str, int]:
    """Parameter settings given by name and number (``--param``), checked against the versions."""
    declared = {name for law in ([laws] if isinstance(laws, Law) else laws) for name in law.parameters}
    out = {}
    for name, value in raw.items():
        if name not in declared:
            hint = " ".join(did_you_mean(name, declared))
            raise UsageError(f"unknown parameter '{name}': no version here declares it{'; ' + hint if hint else ''}")
        try:
            out[name] = whole_number(value)
        except ValueError as exc:
            raise UsageError(f"parameter '{name}': {exc}") from None
    return out
