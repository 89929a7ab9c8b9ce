"""Finding things: version names to law files, and the default folders.

Every command that takes a version, and every scenario file, may name laws
by file name (``current``, ``powers+hanif``) instead of by path.  This is
the one place that says where such names are looked up and where the laws
and scenarios folders are when none is given:

* laws: the folder given (``--laws``); else, for a scenario file, the
  ``bills`` folder next to its folder (``<scenario dir>/../bills``); else
  ``./bills``; else the laws bundled with lawsim;
* scenarios: ``./scenarios``, else the documented cases bundled with lawsim;
  for a comparison, the ``scenarios`` folder beside the baseline law's
  folder.

Nothing here reads a law; it only turns names into paths.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from lawsim.diagnostics import did_you_mean
from lawsim.resources import data_dir

LAW_SUFFIX = ".law"


@dataclass(frozen=True)
class MissingLaw(Exception):
    """A version name's part has no law file in the folder searched."""

    name: str  # the whole version name, e.g. 'powers+hanif'
    stem: str  # the part without a file, e.g. 'hanif'
    folder: str
    known: tuple[str, ...]  # the law file names (without .law) that the folder has

    def __str__(self) -> str:
        return f"version '{self.name}' needs a law file {self.stem}{LAW_SUFFIX}, but {self.folder} has none"

    def suggestion(self) -> tuple[str, ...]:
        """A 'did you mean' note for the part, when a file name is close."""
        return did_you_mean(self.stem, self.known)


def law_stems(folder: str) -> tuple[str, ...]:
    """The law files in ``folder``, by name without '.law', sorted."""
    try:
        names = os.listdir(folder)
    except OSError:
        return ()
    return tuple(sorted(n[: -len(LAW_SUFFIX)] for n in names if n.endswith(LAW_SUFFIX)))


def laws_folder(explicit: str | None = None, scenario_path: str | None = None) -> str:
    """Where version names are looked up (see the module docstring for the order)."""
    if explicit is not None:
        return explicit
    if scenario_path is not None:
        beside = os.path.normpath(os.path.join(os.path.dirname(scenario_path), "..", "bills"))
        if os.path.isdir(beside):
            return beside
    if os.path.isdir("bills"):
        return "bills"
    return str(data_dir("bills"))


def scenarios_folder() -> str:
    """The scenarios ``lawsim test`` runs when given none: ./scenarios, else the bundled cases."""
    return "scenarios" if os.path.isdir("scenarios") else str(data_dir("scenarios"))


def scenarios_beside(law_path: str) -> str | None:
    """The 'scenarios' folder beside the folder of ``law_path``, if there is one.

    The path is relative when ``law_path`` is, so reports show it as the
    user would type it.
    """
    laws_dir = os.path.dirname(os.path.abspath(law_path))
    folder = os.path.join(os.path.dirname(laws_dir), "scenarios")
    if not os.path.isdir(folder):
        return None
    return os.path.relpath(folder) if not os.path.isabs(law_path) else folder


def version_paths(name: str, folder: str) -> tuple[str, ...]:
    """The law files that version name ``name`` ('current', 'powers+hanif') names in ``folder``.

    Raises :class:`MissingLaw` for the first part that has no file.
    """
    paths = []
    for stem in name.split("+"):
        path = os.path.join(folder, stem + LAW_SUFFIX)
        if not os.path.isfile(path):
            raise MissingLaw(name, stem, folder, law_stems(folder))
        paths.append(path)
    return tuple(paths)


def is_bare_name(part: str) -> bool:
    """A part of a command-line version that names a law by file name, not by path."""
    return bool(part) and "/" not in part and os.sep not in part and not part.endswith(LAW_SUFFIX)


def command_line_version(spec: str, folder: str) -> str:
    """A version as typed on the command line, with bare names turned into paths.

    Each '+'-joined part that is not an existing file and is a bare name
    (no folder, no '.law') is looked up as ``<folder>/<part>.law``; any
    other part is kept as written (the loader reports it if it cannot be
    read).  Raises :class:`MissingLaw` for a bare name with no file.
    """
    parts = []
    for part in spec.split("+"):
        if is_bare_name(part) and not os.path.exists(part):
            candidate = os.path.join(folder, part + LAW_SUFFIX)
            if not os.path.isfile(candidate):
                raise MissingLaw(spec, part, folder, law_stems(folder))
            part = candidate
        parts.append(part)
    return "+".join(parts)


#: Pipeline files are named after their jurisdiction: ``nyc-pipeline.law``.
PIPELINE_SUFFIX = "-pipeline" + LAW_SUFFIX


def pipeline_files(folder: str) -> tuple[str, ...]:
    """The pipeline files in ``folder`` (``*-pipeline.law``), as paths, sorted."""
    return tuple(os.path.join(folder, stem + LAW_SUFFIX) for stem in law_stems(folder)
                 if (stem + LAW_SUFFIX).endswith(PIPELINE_SUFFIX))
