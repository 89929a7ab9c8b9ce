"""The explorer inside the bundled report agrees with the Python engine.

The first ``<script>`` of the report (the laws compiled to JavaScript) is
run by ``node`` in a bare ``vm`` context, as the page runs it, on many
situations per version: a random sample of possible ones, every region's
witness and every documented case, under the default reading and with
each assumption flipped.  Verdict, remedy status, plaintiffs and relief
must be the reference interpreter's; the constraints a situation breaks
must be the ones Python finds.  Without node the test is skipped.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess

import pytest

from lawsim import api
from lawsim.engine.interpreter import evaluate
from lawsim.engine.space import build_space
from lawsim.ir.constraints import broken_by
from lawsim.scenarios import load_scenarios, scenario_facts
from lawsim.semantics import Loader

NODE = shutil.which("node")
DRIVER = r"""
const vm = require("vm");
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const page = vm.createContext({}, {codeGeneration: {strings: false, wasm: false}});
vm.runInContext(input.script, page);
const ex = page.LAWSIM_EXPLORER;
const out = input.cases.map(([name, scenario, assumptions]) => {
  const v = ex.version(name);
  const r = v.evaluate(scenario, assumptions);
  return [r.verdict, r.remedy.status, r.remedy.plaintiffs, r.remedy.relief];
});
const broken = input.probes.map(([name, scenario]) => ex.version(name).impossible(scenario));
process.stdout.write(JSON.stringify({out, broken}));
"""


@pytest.mark.skipif(NODE is None, reason="node (Node.js) is not installed; the page's JavaScript cannot be run here")
def test_the_pages_explorer_gives_the_engines_verdicts(bundled_report):
    html = bundled_report.read_text(encoding="utf-8")
    script = re.search(r"<script>\n(.*?)</script>", html, re.S).group(1)
    loader = Loader()
    versions = {n: loader.version(api.resolve_version(n)).law for n in (api.REPORT_BASELINE, *api.REPORT_REFORMS)}
    rng = random.Random(1412)
    cases, expected, probes, broken = [], [], [], []
    witnesses = [dict(r.witness.scenario) for reform in ("powers", "hanif")
                 for r in api.compare("current", reform, []).semantics.regions]
    folder = api.locate.scenarios_beside(loader.version(api.resolve_version("current")).paths[0])
    documented = load_scenarios([str(folder)])
    for name, law in versions.items():
        space = build_space(law)
        weights = space.weights()
        possible = [int(i) for i in weights.nonzero()[0]]
        situations = [space.scenario(i) for i in rng.sample(possible, 150)] + witnesses
        situations += [scenario_facts(s, law, also_known=s.facts.keys(), check_constraints=False) for s in documented]
        settings = [{}] + [{a: not law.assumptions[a].default} for a in sorted(law.assumptions)]
        for k, situation in enumerate(situations):
            situation = {f: v for f, v in situation.items() if f in law.fact_map}
            assume = settings[k % len(settings)]
            out = evaluate(law, situation, assume)
            cases.append([name, situation, assume])
            expected.append([str(out.verdict), str(out.remedy.status), list(out.remedy.plaintiffs),
                             list(out.remedy.relief)])
        for _ in range(100):  # any combination, possible or not
            probe = {f.name: rng.choice(f.values) for f in law.facts}
            probes.append([name, probe])
            broken.append([c.caption for c in broken_by(law.constraints, probe)])
    proc = subprocess.run([NODE, "-e", DRIVER], input=json.dumps({"script": script, "cases": cases, "probes": probes}),
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert len(cases) > 1000
    for case, want, got in zip(cases, expected, result["out"], strict=True):
        assert got == want, case
    assert result["broken"] == broken
    assert any(broken)
