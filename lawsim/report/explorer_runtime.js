// lawsim scenario explorer: the fixed part of the generated script (ES2017, no dependencies).
//
// lawsim.report.explorer pastes this file inside the function that defines LAWSIM_EXPLORER and
// follows it with one version spec per law version.  The specs hold each version's facts,
// assumptions and provisions as data and its conditions as compiled functions of one argument,
// the evaluation state x, which call F (a fact), D (a definition) and oneOf.  This file is the
// decision procedure of lawsim/engine/interpreter.py, step for step: scope, 'when', 'unless'
// exceptions in order, 'notwithstanding' defeat, conflicts, the default, then remedies.
// It must never contain text from a .law file: all of that arrives as escaped JSON strings.

var hasOwn = Object.prototype.hasOwnProperty;

// The scenario's value of a fact; like the interpreter, a fact is read only when needed.
function F(x, name) {
  if (!hasOwn.call(x.scenario, name)) {
    var error = new Error("fact '" + name + "' is needed by " + x.context);
    error.name = "MissingFact";
    error.fact = name;
    error.neededBy = x.context;
    throw error;
  }
  return x.scenario[name];
}

// A definition's value, computed at most once per evaluation.
function D(x, i) {
  if (x.memo[i] === undefined) x.memo[i] = x.spec.definitions[i](x);
  return x.memo[i];
}

function oneOf(value, values) {
  return values.indexOf(value) !== -1;
}

// ---------------------------------------------------------------- evaluation

function assumptionValues(spec, given) {
  return spec.assumptions.map(function (a) {
    if (!hasOwn.call(given, a.name)) return a.default;
    var value = given[a.name];
    if (typeof value !== "boolean") throw new TypeError("assumption '" + a.name + "' must be true or false");
    return value;
  });
}

function inScope(rule, agency, conduct) {
  return (rule.agents === null || oneOf(agency, rule.agents)) &&
    (rule.conducts === null || oneOf(conduct, rule.conducts));
}

function evaluate(spec, scenario, assumptions) {
  var x = {spec: spec, scenario: scenario, a: assumptionValues(spec, assumptions || {}), memo: [],
    context: "the law"};
  var steps = [];  // per rule: undefined (out of scope), "not met", "applies" or the exception number
  var applicable = [];
  if (spec.rules.length) {
    x.context = "every rule (to know whom it governs)";
    var agency = F(x, "agency"), conduct = F(x, "conduct");
    spec.rules.forEach(function (rule, i) {
      if (!inScope(rule, agency, conduct)) return;
      x.context = "\u00a7 " + spec.provisions[rule.provision][0];
      if (!rule.when(x)) {
        steps[i] = "not met";
        return;
      }
      for (var k = 0; k < rule.unless.length; k++) {
        if (rule.unless[k](x)) {
          steps[i] = k + 1;
          return;
        }
      }
      steps[i] = "applies";
      applicable.push(i);
    });
  }
  var deciding = applicable.filter(function (i) {
    return !spec.rules[i].defeatedBy.some(function (j) { return steps[j] === "applies"; });
  });
  var verdicts = [];
  deciding.forEach(function (i) {
    var v = spec.rules[i].prohibits ? "prohibited" : "permitted";
    if (verdicts.indexOf(v) === -1) verdicts.push(v);
  });
  var verdict = !deciding.length ? spec.defaultVerdict : verdicts.length === 1 ? verdicts[0] : "conflict";
  return {
    verdict: verdict,
    remedy: remedy(spec, x, verdict, deciding),
    deciding: deciding.map(function (i) { return spec.rules[i].id; }),
    reason: verdictReason(spec, verdict, steps, deciding),
  };
}

function remedy(spec, x, verdict, deciding) {
  if (verdict !== "prohibited") {
    return {status: "not a violation", plaintiffs: [], relief: [],
      reason: verdict === "conflict" ? "Whether there is a violation, and so a remedy, is unsettled while the rules conflict."
        : "No remedy is needed: the conduct is not a violation."};
  }
  var violated = [];
  deciding.forEach(function (i) {
    var id = spec.provisions[spec.rules[i].provision][0];
    if (spec.rules[i].prohibits && violated.indexOf(id) === -1) violated.push(id);
  });
  var grants = [], denials = [];
  spec.remedies.forEach(function (m) {
    if (!m.covers.some(function (p) { return oneOf(p, violated); })) return;
    x.context = "\u00a7 " + spec.provisions[m.provision][0];
    if (m.when(x)) (m.plaintiffs.length ? grants : denials).push(m);
  });
  if (!grants.length) {
    var why = denials.length ? "No remedy: " + denials.map(function (m) {
      return cite(spec, m.provision) + " says violations of " + sections(m.cited) + " give no remedy";
    }).filter(unique).join("; ") + "."
      : violated.length ? "No remedy: no provision gives one for violating " + sections(violated) + "."
        : "No remedy: the prohibition is the law\u2019s default, not a provision a remedy could cover.";
    return {status: "none", plaintiffs: [], relief: [], reason: why};
  }
  // Parties and reliefs are indices into lists the compiler sorted as Python sorts them.
  var plaintiffs = union(spec.parties, grants, "plaintiffs"), relief = union(spec.reliefs, grants, "relief");
  var granting = grants.map(function (m) { return cite(spec, m.provision); }).filter(unique);
  var reason = capital(prose(plaintiffs)) + " may sue for " + prose(relief) + " under " + list(granting) + ".";
  if (denials.length) {
    reason = "Unsettled: " + list(granting) + " gives a remedy but " +
      list(denials.map(function (m) { return cite(spec, m.provision); }).filter(unique)) + " denies one.";
  }
  return {status: denials.length ? "conflict" : "available", plaintiffs: plaintiffs, relief: relief, reason: reason};
}

function union(names, grants, key) {
  var seen = [];
  grants.forEach(function (m) { m[key].forEach(function (k) { seen[k] = true; }); });
  return names.filter(function (_, k) { return seen[k] === true; });
}

// ---------------------------------------------------------------- reasons

function unique(value, i, all) {
  return all.indexOf(value) === i;
}

function list(items) {
  return items.length < 2 ? items.join("") : items.slice(0, -1).join(", ") + " and " + items[items.length - 1];
}

function prose(names) {
  return list(names.map(function (n) { return n.replace(/_/g, " "); }));
}

function sections(ids) {
  return list(ids.map(function (id) { return "\u00a7 " + id; }));
}

function cite(spec, p) {
  return "\u00a7 " + spec.provisions[p][0] + " \u201c" + spec.provisions[p][1] + "\u201d";
}

function ordinal(k) {
  return ["first", "second", "third", "fourth", "fifth"][k - 1] || "number " + k;
}

function capital(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function deciderClause(spec, i, steps) {
  var rule = spec.rules[i], notes = [];
  var n = rule.unless.length;
  if (n) notes.push(n === 1 ? "its exception does not apply" : "none of its " + n + " exceptions applies");
  var beaten = rule.defeats.filter(function (j) { return steps[j] === "applies"; });
  if (beaten.length) {
    notes.push("it prevails over " + list(beaten.map(function (j) {
      return cite(spec, spec.rules[j].provision);
    }).filter(unique)));
  }
  return cite(spec, rule.provision) + (notes.length ? " (" + notes.join("; ") + ")" : "");
}

function verdictReason(spec, verdict, steps, deciding) {
  if (verdict === "conflict") {
    return "Conflict: " + deciding.map(function (i) {
      return deciderClause(spec, i, steps) + (spec.rules[i].prohibits ? " prohibits it" : " permits it");
    }).join(", but ") + "; neither overrides the other.";
  }
  if (deciding.length) {
    return capital(verdict) + " by " + deciding.map(function (i) {
      return deciderClause(spec, i, steps);
    }).filter(unique).join(", and by ") + ".";
  }
  var reasons = [];
  steps.forEach(function (step, i) {
    var rule = spec.rules[i], what;
    if (step === "not met") what = " does not apply because its condition is not met";
    else if (step !== "applies") {
      what = " does not apply because " + (rule.unless.length === 1 ? "its exception applies"
        : "its " + ordinal(step) + " exception applies");
    } else {
      what = " is overridden by " + list(rule.defeatedBy.filter(function (j) { return steps[j] === "applies"; })
        .map(function (j) { return cite(spec, spec.rules[j].provision); }).filter(unique));
    }
    reasons.push(cite(spec, rule.provision) + what);
  });
  if (!reasons.length) {
    return capital(verdict) + ", the law\u2019s default: no provision of this version governs this agency and conduct.";
  }
  return capital(verdict) + ", the law\u2019s default, because no provision applies: " + reasons.join("; ") + ".";
}

// ---------------------------------------------------------------- the public object

// The captions of the constraints a scenario breaks: a situation that cannot happen has no verdict
// worth showing.  Constraints test facts only, so no assumption is read.
function impossible(spec, scenario) {
  var x = {spec: spec, scenario: scenario, a: [], memo: [], context: "a constraint"};
  return spec.constraints.filter(function (c) { return c.impossible(x); }).map(function (c) { return c.caption; });
}

function publicVersion(spec) {
  return Object.freeze({
    name: spec.name,
    title: spec.title,
    defaultVerdict: spec.defaultVerdict,
    facts: spec.facts,
    assumptions: spec.assumptions,
    impossible: function (scenario) { return impossible(spec, scenario); },
    evaluate: function (scenario, assumptions) { return evaluate(spec, scenario, assumptions); },
  });
}

function explorer(specs) {
  var versions = Object.freeze(specs.map(publicVersion));
  return Object.freeze({
    format: 1,
    versions: versions,
    version: function (name) {
      for (var i = 0; i < versions.length; i++) if (versions[i].name === name) return versions[i];
      return null;
    },
  });
}
