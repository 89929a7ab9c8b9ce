"""Fact values: turn what a user wrote into a value of a fact's domain.

The one parser for fact values, used for ``--fact NAME=VALUE`` on the
command line and for the ``facts:`` of scenario files, so both accept and
refuse exactly the same things.
"""

from __future__ import annotations

from typing import assert_never

from lawsim.diagnostics import did_you_mean
from lawsim.ir.nodes import Fact
from lawsim.ir.vocab import FactKind

Value = str | int


def parse_fact_value(fact: Fact, raw: object) -> Value:
    """Convert a user-written value to ``fact``'s domain, or raise ValueError saying why."""
    match fact.kind:
        case FactKind.BOOL:
            if isinstance(raw, bool):
                return "yes" if raw else "no"
            text = str(raw).strip().lower()
            if text in ("yes", "no"):
                return text
            raise ValueError(f"'{fact.name}' is yes or no, not '{raw}'")
        case FactKind.INT:
            if isinstance(raw, bool):
                raise ValueError(f"'{fact.name}' is a whole number from {fact.values[0]} to {fact.values[-1]}")
            try:
                number = int(str(raw).strip())
            except ValueError:
                raise ValueError(f"'{fact.name}' is a whole number, not '{raw}'") from None
            if number not in fact.values:
                raise ValueError(f"'{fact.name}' must be between {fact.values[0]} and {fact.values[-1]}, "
                                 f"not {number}")
            return number
        case FactKind.ENUM:
            text = str(raw).strip()
            if text not in fact.values:
                hint = " ".join(did_you_mean(text, fact.values))
                raise ValueError(f"'{fact.name}' has no value '{raw}'{'; ' + hint if hint else ''}"
                                 f" (values: {', '.join(fact.values)})")
            return text
        case _:
            assert_never(fact.kind)


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
