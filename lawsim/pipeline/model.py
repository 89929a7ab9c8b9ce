"""What the pipeline stage returns: paths, the people they are open for, and why.

Frozen records, built by :mod:`lawsim.pipeline.reach` and rendered by
:mod:`lawsim.report` (text, JSON, dot, SVG).  Counts are of person
profiles: combinations of the person facts' values that can happen, not
numbers of people.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from lawsim.compare.semantic import Condition
from lawsim.ir.pipeline import Contact, Pipeline, Value
from lawsim.ir.vocab import Verdict
from lawsim.pipeline.graph import Path


class PathChange(StrEnum):
    """What a reform does to a path for some people."""

    CUT = "cut"  # open under the baseline, closed under the reform
    KEPT = "kept"  # open under both
    OPENED = "opened"  # closed under the baseline, open under the reform


@dataclass(frozen=True)
class RuleRef:
    """A rule that decides whether a contact point is open, with its provision."""

    id: str  # '9-131(h)(2):communication_allowed'
    provision: str  # '9-131(h)(2)'
    caption: str  # the provision's caption
    origin: str | None  # the bill whose text the provision is, if any


@dataclass(frozen=True)
class Side:
    """One version's answer for a region: the verdict on the conduct and the rules behind it."""

    version: str
    verdict: Verdict
    rules: tuple[RuleRef, ...]  # empty: no rule applies and the law's default decides

    @property
    def open(self) -> bool:
        return self.verdict == Verdict.PERMITTED


@dataclass(frozen=True)
class PersonRegion:
    """People meeting every condition (facts without one may take any value), with one answer per version."""

    conditions: tuple[Condition, ...]
    count: int  # person profiles in the region
    witness: tuple[tuple[str, Value], ...]  # one concrete profile of it
    sides: tuple[Side, ...]  # one per version, in the versions' order
    change: PathChange | None = None  # in a differential
    #: Assumptions read the other way (in every version that declares them) that would open or
    #: close the contact point for some profile of the region, under some version.
    assumptions: tuple[str, ...] = ()


@dataclass(frozen=True)
class ContactResult:
    """One contact point: the paths that end with it, and for whom it is open."""

    contact: Contact
    paths: tuple[Path, ...]
    open_counts: tuple[int, ...]  # per version: profiles for which it is open
    regions: tuple[PersonRegion, ...]  # reachability: every profile; differential: where open in one version
    counts: tuple[tuple[PathChange, int], ...] = ()  # differential: profiles per change, changes that occur


@dataclass(frozen=True)
class VersionInfo:
    name: str
    title: str


@dataclass(frozen=True)
class Reachability:
    """The paths to ICE under one or more versions, for the profiles selected."""

    pipeline: Pipeline
    versions: tuple[VersionInfo, ...]
    given: tuple[tuple[str, Value], ...]  # person facts the user fixed
    profiles: int  # person profiles considered
    contacts: tuple[ContactResult, ...]
    reachable: tuple[int, ...]  # per version: profiles with at least one open path
    everywhere: tuple[str, ...]  # contact points open for some profile under every version
    warnings: tuple = ()
    readings: tuple[str, ...] = ()  # assumptions and parameters read other than by default, 'NAME=VALUE'


@dataclass(frozen=True)
class PipelineDiff:
    """Which paths a reform cuts, keeps or opens, and for which people."""

    pipeline: Pipeline
    baseline: VersionInfo
    reform: VersionInfo
    given: tuple[tuple[str, Value], ...]
    profiles: int
    contacts: tuple[ContactResult, ...]
    reachable: tuple[int, int]  # profiles with at least one open path, baseline and reform
    no_way_left: tuple[PersonRegion, ...]  # people with a path under the baseline and none under the reform
    new_way: tuple[PersonRegion, ...]  # people with no path under the baseline and one under the reform
    warnings: tuple = ()
    readings: tuple[str, ...] = ()  # assumptions and parameters read other than by default, 'NAME=VALUE'

    def count(self, change: PathChange) -> int:
        """Contact points with that change for at least one profile."""
        return sum(any(c == change for c, _ in r.counts) for r in self.contacts)
