"""JSON Schemas (draft 2020-12) for lawsim's JSON outputs and for scenario files.

One file per document in this folder: ``check.json`` for ``lawsim check
--format json`` (``"schema": "lawsim.check/1"``), ``explain``, ``simulate``,
``test``, ``compare``; ``error.json`` for the ``{"ok": false, "diagnostics":
[...]}`` document any command prints when its input has errors; and
``scenario.json`` for scenario files, so an editor can check them as they
are typed.  ``common.json`` holds the definitions the others share (a
diagnostic, a trace, a remedy); :func:`load` copies them into each schema's
``$defs`` so that every schema it returns stands alone (``lawsim schema
NAME`` prints it).

To add a schema for a new output: write ``NAME.json`` here (refer to the
shared parts as ``#/$defs/diagnostic`` and so on) and add one line to
``OUTPUTS`` in ``tests/test_schemas.py`` naming a command whose output it
describes.  Nothing else lists the schemas: they are found by file name.
"""

from __future__ import annotations

import json
from importlib import resources

_COMMON = "common"


def names() -> tuple[str, ...]:
    """The schemas there are, by name (``check``, ``compare``, ``scenario``, ...)."""
    files = resources.files(__name__).iterdir()
    return tuple(sorted(f.name[:-5] for f in files if f.name.endswith(".json") and f.name[:-5] != _COMMON))


def _read(name: str) -> dict:
    return json.loads(resources.files(__name__).joinpath(f"{name}.json").read_text(encoding="utf-8"))


def load(name: str) -> dict:
    """The schema ``name``, standing alone: the shared definitions it uses are copied into ``$defs``.

    Raises KeyError for a name that is not one of :func:`names`.
    """
    if name not in names():
        raise KeyError(name)
    schema = _read(name)
    shared = _read(_COMMON)["$defs"]
    own = schema.get("$defs", {})
    used = _used(schema, shared)
    schema["$defs"] = {**{k: shared[k] for k in sorted(used) if k not in own}, **own}
    return schema


def for_document(document: dict) -> str:
    """The name of the schema a JSON output declares (``"schema": "lawsim.test/1"`` -> ``test``)."""
    if document.get("ok") is False and "diagnostics" in document and "schema" not in document:
        return "error"
    declared = str(document.get("schema", ""))
    return declared.removeprefix("lawsim.").split("/", 1)[0]


def _used(schema: dict, shared: dict) -> set[str]:
    """The shared definitions ``schema`` refers to, directly or through other shared definitions."""
    found: set[str] = set()
    todo = [schema]
    while todo:
        node = todo.pop()
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                key = ref.removeprefix("#/$defs/")
                if key in shared and key not in found:
                    found.add(key)
                    todo.append(shared[key])
            todo.extend(node.values())
        elif isinstance(node, list):
            todo.extend(node)
    return found
