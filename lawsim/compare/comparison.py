"""The whole answer to "what changes from baseline to reform": one :class:`Comparison`.

Stage: compare.  Input: two :class:`lawsim.semantics.Version` values,
*baseline* and *reform*, the documented scenarios to report on (already
read, :mod:`lawsim.scenarios`) and, optionally, assumption settings under
which to read both.  Output: a :class:`Comparison` holding the structural
diff with a redline per changed provision, the exact semantic diff with its
regions, the documented cases and every warning.  Reports render it and
nothing else.

:func:`compare` is pure: it reads no file and changes neither version.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Mapping, Sequence

from lawsim import ir
from lawsim.compare import lint
from lawsim.compare.cases import Case, document_cases
from lawsim.compare.diagrams import evaluate_symbolic, lint_symbolic, same_everywhere_symbolic, symbolic_diff
from lawsim.compare.effects import Variants, ineffective
from lawsim.compare.engines import Engine, choose, too_large
from lawsim.compare.redline import Redline, provision_redline
from lawsim.compare.semantic import SemanticDiff, evaluate_both, same_everywhere, semantic_diff
from lawsim.compare.structure import Added, Modified, ProvisionChange, Removed, StructuralDiff, structural_diff
from lawsim.diagnostics import Diagnostic, LawError
from lawsim.engine.space import TOO_LARGE
from lawsim.scenarios import Scenario
from lawsim.semantics import Version
from lawsim.semantics.assume import with_assumptions, with_parameters


@dataclass(frozen=True)
class Comparison:
    """Everything :func:`compare` finds between ``baseline`` and ``reform``.

    ``baseline`` and ``reform`` are the versions as compared: read under
    ``assumptions`` when any are set.  ``redlines`` holds one redline per
    entry of ``structure.provisions``, in the same order.
    """

    baseline: Version
    reform: Version
    structure: StructuralDiff
    redlines: tuple[Redline, ...]
    semantics: SemanticDiff
    cases: tuple[Case, ...]
    warnings: tuple[Diagnostic, ...]
    #: The scenario files or folders the cases were read from, as given.
    scenarios: tuple[str, ...] = ()
    #: Assumptions read other than by default, applied to both versions.
    assumptions: tuple[tuple[str, bool], ...] = ()
    #: Parameters set other than by default (name, value, default), applied to both versions.
    parameters: tuple[tuple[str, int, int], ...] = ()

    @property
    def engine(self) -> str:
        """The engine that computed the semantic diff: 'space' or 'symbolic'."""
        return self.semantics.engine

    @property
    def changed(self) -> bool:
        """True if any provision, fact, default or outcome differs."""
        return not self.structure.empty or self.semantics.changed > 0

    def redline(self, change: ProvisionChange) -> Redline:
        """The redline of one provision change of ``structure``."""
        return self.redlines[self.structure.provisions.index(change)]


def _redline(change: ProvisionChange) -> Redline:
    match change:
        case Added(provision=p):
            return provision_redline(None, p)
        case Removed(provision=p):
            return provision_redline(p, None)
        case Modified(baseline=a, reform=b):
            return provision_redline(a, b)
    raise AssertionError(change)


#: What the symbolic engine raises past its budget: CUDD gives no node once ``max_memory`` is used
#: up, which dd reports as a RuntimeError; Python's own allocations raise MemoryError.
OUT_OF_MEMORY = (MemoryError, RuntimeError)


def with_symbolic_hint(error: LawError) -> LawError:
    """The whole-space engine's E501, with a note that the symbolic engine answers without enumerating."""
    note = "the symbolic engine compares such laws exactly without enumerating scenarios: --engine symbolic or auto"
    return LawError([replace(d, notes=(*d.notes, note)) if d.code == TOO_LARGE else d for d in error.diagnostics])


def same_everywhere_by_size(baseline: ir.Law, reform: ir.Law) -> bool:
    """:func:`~lawsim.compare.semantic.same_everywhere`, by whichever engine suits the size."""
    if choose(baseline, reform) == Engine.SPACE:
        return same_everywhere(baseline, reform)
    try:
        return same_everywhere_symbolic(baseline, reform)
    except OUT_OF_MEMORY:
        raise too_large(baseline, reform, "ran out of its memory budget comparing a bill's variant") from None


def compare(baseline: Version, reform: Version, scenarios: Sequence[Scenario] = (),
            assumptions: Mapping[str, bool] | None = None, *, scenario_paths: Sequence[str] = (),
            variants: Variants | None = None, parameters: Mapping[str, int] | None = None,
            engine: Engine = Engine.AUTO, max_regions: int | None = None) -> Comparison:
    """Compare two versions structurally, over every scenario, and on the documented cases.

    ``assumptions`` and ``parameters`` (checked by the caller: each declared
    by one of the versions) are applied to both versions before comparing.  ``variants``
    lets several comparisons share the variants built to judge whether each
    bill changes anything (W601, W602).  ``engine`` chooses how the semantic
    diff is computed (:mod:`lawsim.compare.engines`; AUTO by size);
    ``max_regions`` caps the regions the symbolic engine describes (the rest
    are counted per kind).  Raises LawError for problems in the scenarios, and
    for versions too large for the whole-space engine when it is asked for
    (E501) or for every engine (E502).
    """
    variants = variants or Variants(same_everywhere_by_size)
    # Whether a bill changes anything is judged under every reading (same_everywhere), so it
    # looks at the versions as written; everything else sees the chosen reading.
    effects = {"baseline": ineffective(baseline, variants), "reform": ineffective(reform, variants)}
    settings = dict(assumptions or {})
    values = dict(parameters or {})
    defaults = {name: p.value for law in (reform.law, baseline.law) for name, p in law.parameters.items()}
    if settings or values:
        baseline = baseline.with_law(with_parameters(with_assumptions(baseline.law, settings), values))
        reform = reform.with_law(with_parameters(with_assumptions(reform.law, settings), values))
    if choose(baseline.law, reform.law, engine) == Engine.SPACE:
        try:
            evaluated = evaluate_both(baseline.law, reform.law)
        except LawError as error:
            raise with_symbolic_hint(error) from None
        found = {
            "baseline": [*lint.dead_rules(baseline.law, [evaluated.baseline, *(f.baseline for f in evaluated.flips)],
                                          evaluated.possible), *baseline.warnings],
            "reform": [*lint.dead_rules(reform.law, [evaluated.reform, *(f.reform for f in evaluated.flips)],
                                        evaluated.possible), *reform.warnings],
        }
        found["baseline"] += lint.impossible_duties(baseline.law, evaluated, evaluated.baseline)
        found["reform"] += lint.impossible_duties(reform.law, evaluated, evaluated.reform)
        semantics = semantic_diff(baseline.law, reform.law, evaluated)
    else:
        try:
            sym = evaluate_symbolic(baseline.law, reform.law)
            found = {"baseline": [*lint_symbolic(sym, sym.baseline), *baseline.warnings],
                     "reform": [*lint_symbolic(sym, sym.reform), *reform.warnings]}
            semantics = symbolic_diff(baseline.law, reform.law, sym, max_regions)
        except OUT_OF_MEMORY:
            raise too_large(baseline.law, reform.law, "ran out of its memory budget building decision diagrams") \
                from None
    structure = structural_diff(baseline.law, reform.law, baseline.provenance, reform.provenance)
    # A bill applied in both versions is judged in each; the same warning is then given once.
    warnings = [*lint.by_version(found), *lint.by_version(effects)]
    cases: tuple[Case, ...] = ()
    if scenarios:
        cases, case_warnings = document_cases(scenarios, baseline, reform, semantics)
        warnings += case_warnings
    return Comparison(baseline, reform, structure, tuple(_redline(c) for c in structure.provisions), semantics,
                      cases, tuple(sorted(warnings, key=Diagnostic.sort_key)), tuple(scenario_paths),
                      tuple(sorted(settings.items())),
                      tuple((name, value, defaults[name]) for name, value in sorted(values.items())
                            if value != defaults[name]))
