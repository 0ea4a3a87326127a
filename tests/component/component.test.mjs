// The WebAssembly component against the command line: every fixture design of both families gives, verb
// for verb, the object `JSON.parse` reads from the CLI's JSON, and every refusal the CLI's message.
// Run by scripts/test after scripts/build-component:
//   node --test tests/component/
// CLUSTERPLAN_COMPONENT (the package folder) and CLUSTERPLAN_CLI (the binary) override the defaults.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { cliBinary, targetDir } from "../target-dir.mjs";

const root = resolve(import.meta.dirname, "../..");
const packageDir = process.env.CLUSTERPLAN_COMPONENT ?? join(targetDir, "component/clusterplan");
const cli = process.env.CLUSTERPLAN_CLI ?? cliBinary();
const component = await import(pathToFileURL(join(packageDir, "node.js")).href);
const documents = await import(pathToFileURL(join(packageDir, "report-node.js")).href);
const scratch = mkdtempSync(join(tmpdir(), "clusterplan-component-"));

/** Runs the CLI: its exit code, its stdout read as JSON when it printed any, and its stderr's messages. */
function run(...args) {
  const done = spawnSync(cli, args, { encoding: "utf8", maxBuffer: 1 << 28 });
  assert.equal(done.error, undefined, `cannot run ${cli}: build it first (cargo build -p clusterplan)`);
  return {
    code: done.status,
    json: done.stdout ? JSON.parse(done.stdout) : undefined,
    // "clusterplan: FILE: message" → "message"
    messages: done.stderr.split("\n").filter(Boolean).map((line) => line.replace(/^clusterplan: (?:[^:]*\.json: )?/, "")),
  };
}

/** The component's answer, or its error as the CLI would print it. */
function call(verb) {
  try {
    return { json: verb() };
  } catch (error) {
    assert.equal(error.name, "ClusterplanError", `not a ClusterplanError: ${error.stack}`);
    return { error };
  }
}

/** The same answer from both: equal objects, or a refusal with the same lines. */
function same(cliRun, answer, what) {
  if (cliRun.code === 2) {
    assert.ok(answer.error, `${what}: the CLI refused (${cliRun.messages.join(" / ")}) but the component did not`);
    assert.deepEqual(answer.error.message.split("\n"), cliRun.messages, what);
  } else {
    assert.ok(!answer.error, `${what}: the component threw ${answer.error?.message}`);
    assert.deepEqual(answer.json, cliRun.json, what);
  }
}

/** A fixture's design: a preset with its JSON patch applied (the fixtures use add and replace), or inline. */
function designOf(fixture) {
  const design = typeof fixture.design === "string" ? run("preset", fixture.design).json : structuredClone(fixture.design);
  for (const { op, path, value } of fixture.patch ?? []) {
    const keys = path.split("/").slice(1).map((key) => key.replaceAll("~1", "/").replaceAll("~0", "~"));
    const last = keys.pop();
    const parent = keys.reduce((node, key) => node[key], design);
    if (Array.isArray(parent) && last === "-") parent.push(value);
    else if (Array.isArray(parent) && op === "add") parent.splice(Number(last), 0, value);
    else parent[last] = value;
  }
  return design;
}

const fixtures = ["scenarios", "dags", "timelines"].flatMap((folder) =>
  readdirSync(join(root, "tests/fixtures", folder))
    .filter((name) => name.endsWith(".json"))
    .map((name) => ({ name: `${folder}/${name}`, fixture: JSON.parse(readFileSync(join(root, "tests/fixtures", folder, name), "utf8")) })),
);

test("there are fixtures of both families to compare", () => {
  const dags = fixtures.filter(({ fixture }) => String(fixture.design).startsWith("dag"));
  assert.ok(fixtures.length >= 80 && dags.length >= 25, `${fixtures.length} fixtures, ${dags.length} DAGs`);
});

for (const { name, fixture } of fixtures) {
  test(`${name}: validate, simulate, timeline, ips and analyze equal the CLI`, () => {
    const design = designOf(fixture);
    const file = join(scratch, name.replace("/", "-"));
    writeFileSync(file, JSON.stringify(design));
    const events = fixture.events ?? (fixture.steps ?? []).flatMap((step) => step.events);
    const flags = [];
    const options = {};
    if (fixture.hour !== undefined) {
      flags.push("--hour", String(fixture.hour));
      options.hour = fixture.hour;
    }
    if (fixture.clock !== undefined) {
      flags.push("--clock", fixture.clock);
      options.clock = fixture.clock;
    }
    same(run("validate", file), call(() => component.validate(design)), `${name}: validate`);
    same(run("simulate", file, ...events, ...flags), call(() => component.simulate(design, events, options)), `${name}: simulate`);
    same(
      run("simulate", "--timeline", file, ...events, ...flags),
      call(() => component.timeline(design, events, options)),
      `${name}: timeline`,
    );
    // 15 s in: the middle of a failover (the cluster has noticed, nothing is mounted yet).
    same(
      run("simulate", "--at", "15s", file, ...events, ...flags),
      call(() => component.moment(design, events, "15s", options)),
      `${name}: moment at 15 s`,
    );
    same(run("ips", file, "--reserve", "2"), call(() => component.ips(design, { reserve: 2 })), `${name}: ips`);
    same(run("analyze", file), call(() => component.analyze(design)), `${name}: analyze`);
    same(run("analyze", file, "--summary", "--max-failures", "2"), call(() => component.analyze(design, { summary: true, maxFailures: 2 })), `${name}: analyze --summary`);
  });
}

test("a design as JSON text gives what the same design as an object gives", () => {
  for (const id of component.presets()) {
    const design = component.preset(id);
    const text = JSON.stringify(design);
    assert.deepEqual(component.validate(text), component.validate(design), id);
    assert.deepEqual(component.analyze(text, { maxFailures: 2 }), component.analyze(design, { maxFailures: 2 }), id);
    assert.deepEqual(component.ips(text), component.ips(design), id);
  }
});

test("report and exportTo write what the CLI's report and export write, for every preset", () => {
  const text = (...args) => spawnSync(cli, args, { encoding: "utf8", maxBuffer: 1 << 28 });
  for (const id of component.presets()) {
    const file = join(scratch, `${id}.json`);
    writeFileSync(file, JSON.stringify(component.preset(id)));
    assert.equal(documents.report(component.preset(id)), text("report", file).stdout, `${id}: report`);
    assert.equal(documents.report(component.preset(id), "markdown"), text("report", file, "--format", "markdown").stdout, id);
    const script = id.startsWith("dag") ? "powershell" : "cluster-exe";
    for (const to of [script, "csv", "svg"]) {
      assert.equal(documents.exportTo(component.preset(id), to), text("export", file, "--to", to).stdout, `${id}: ${to}`);
    }
  }
  const wrong = refusal(() => documents.exportTo(component.preset("dag-2-member"), "cluster-exe"));
  assert.equal(wrong.code, "arguments");
  assert.deepEqual(wrong.errors.map((e) => e.path), ["to"]);
  assert.equal(refusal(() => documents.report(component.preset("dag-2-member"), "pdf")).code, "arguments");
  // The documents are their own module: the planning entry does not carry them, nor they the verbs.
  assert.equal(component.report, undefined);
  assert.equal(documents.validate, undefined);
  assert.equal(refusal(() => documents.report("{")).code, "load");
});

test("presets, preset, rules, schema and version equal the CLI", () => {
  assert.deepEqual(component.presets(), execFileSync(cli, ["presets"], { encoding: "utf8" }).trim().split("\n"));
  for (const id of component.presets()) assert.deepEqual(component.preset(id), run("preset", id).json, id);
  assert.deepEqual(component.rules(), run("rules").json);
  assert.deepEqual(component.schema(), run("schema").json);
  assert.deepEqual(component.schema("dag"), run("schema", "dag").json);
  assert.equal(`clusterplan ${component.version}`, execFileSync(cli, ["--version"], { encoding: "utf8" }).trim());
});

/** The error a call throws: a ClusterplanError with its code, problems and the CLI's lines. */
function refusal(verb) {
  try {
    verb();
  } catch (error) {
    assert.ok(error instanceof Error);
    assert.equal(error.name, "ClusterplanError");
    return error;
  }
  assert.fail("no error was thrown");
}

test("unusable input throws a ClusterplanError with a code and every problem where it is", () => {
  const design = component.preset("four-node-3a1p");
  const broken = refusal(() => component.validate({ ...design, groups: [{ ...design.groups[0], owner: "node9" }] }));
  assert.equal(broken.code, "load");
  assert.ok(broken.errors.some((e) => e.path === "groups[0].owner" && /node9/.test(e.message)), JSON.stringify(broken.errors));

  const dag = refusal(() => component.validate('{"kind": "DAG", "dag_name": "DAG1",'));
  assert.equal(dag.code, "load");
  assert.match(dag.errors.at(-1).message, /read as a DAG design/);

  const event = refusal(() => component.simulate(design, ["fail:node1", "fail:node9"]));
  assert.deepEqual([event.code, event.errors], ["event", [{ path: "events[1]", message: 'event "fail:node9": no node named "node9"' }]]);

  const order = refusal(() => component.timeline(design, ["fail:node1@1min", "fail:node2@30s"]));
  assert.deepEqual([order.code, order.errors[0].path], ["event", "events[1]"]);

  for (const [options, path] of [[{ bogus: 1 }, "options"], [{ clock: "25:00" }, "clock"], [{ hour: 7, clock: "07:00" }, "hour"], [3, "options"]]) {
    const wrong = refusal(() => component.simulate(design, [], options));
    assert.deepEqual([wrong.code, wrong.errors[0].path], ["arguments", path], JSON.stringify(options));
  }
  assert.deepEqual(refusal(() => component.simulate(design, "fail:node1")).code, "arguments");
  const subnet = refusal(() => component.ips(design, { subnets: ["10.0.0.0/33"] }));
  assert.deepEqual([subnet.code, subnet.errors[0].path], ["arguments", "subnets"]);
  assert.deepEqual(refusal(() => component.preset("nine-node")).code, "arguments");
  assert.deepEqual(refusal(() => component.schema("exchange")).code, "arguments");
  assert.deepEqual(refusal(() => component.validate(42)).code, "load");
  // A DAG plays too; its final state is simulate's; its events must come in time order.
  const pa = component.preset("dag-pa-8");
  assert.deepEqual(component.timeline(pa, ["fail-site:dc1@0s"]).final, component.simulate(pa, ["fail-site:dc1@0s"]));
  assert.deepEqual(refusal(() => component.timeline(pa, ["fail:ex1@1min", "fail:ex2@30s"])).code, "event");
});

test("an analysis too large is refused before it runs, with what fits", () => {
  const design = component.preset("four-node-3a1p");
  for (let i = 5; i <= 24; i++) design.nodes.push({ name: `node${i}`, nics: design.nodes[0].nics });
  const file = join(scratch, "wide.json");
  writeFileSync(file, JSON.stringify(design));
  const error = refusal(() => component.analyze(design));
  assert.equal(error.code, "too-large");
  assert.equal(typeof error.fits, "number");
  const cliRun = run("analyze", file);
  assert.equal(cliRun.code, 2);
  // The same numbers; the advice in each shell's words.
  assert.equal(error.message.split(": ask for")[0], cliRun.messages[0].split(": ask for")[0]);
  assert.match(error.message, new RegExp(`ask for maxFailures: ${error.fits}`));
  assert.ok(component.analyze(design, { maxFailures: error.fits, summary: true }).summary);
});

test("findings are data: a design with error findings validates to them, as the CLI's exit 1 prints them", () => {
  const design = component.preset("two-node-active-passive");
  design.windows = "server-2003-standard";
  const findings = component.validate(design).findings;
  assert.ok(findings.some((f) => f.rule === "edition.windows-not-clusterable" && f.severity === "error"));
  const file = join(scratch, "standard.json");
  writeFileSync(file, JSON.stringify(design));
  const cliRun = run("validate", file);
  assert.equal(cliRun.code, 1);
  assert.deepEqual(findings, cliRun.json.findings);
});

for (const rules of ["rules.json", "dag-rules.json"]) {
  test(`${rules}: every rule's failing and passing design validates as the CLI says`, () => {
    const { rules: cases } = JSON.parse(readFileSync(join(root, "tests/fixtures", rules), "utf8"));
    assert.ok(cases.length >= 10);
    for (const { rule, failing, passing } of cases) {
      for (const [which, fixture] of [["failing", failing], ["passing", passing]]) {
        const design = designOf(fixture);
        const file = join(scratch, `${rule}-${which}.json`);
        writeFileSync(file, JSON.stringify(design));
        same(run("validate", file), call(() => component.validate(design)), `${rule} (${which})`);
      }
    }
  });
}

test("analyze tells its progress: sets done, rising to the sets in all", () => {
  const seen = [];
  const report = component.analyze(component.preset("eight-node-7a1p"), {}, (done, total) => seen.push([done, total]));
  assert.ok(seen.length >= 1);
  assert.deepEqual(seen.at(-1), [report.summary.combinations, report.summary.combinations]);
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i][0] >= seen[i - 1][0]);
});

test("the documents' importFrom reads the Calculator's files and a running DAG's document as the CLI's import does", () => {
  const folder = join(root, "tests/fixtures/calculator/two-datacenters");
  const names = readdirSync(folder).sort();
  const files = names.map((name) => ({ name, data: readFileSync(join(folder, name)) }));
  const imported = documents.importFrom("calculator", files);
  const cliImport = run("import", "--from", "calculator", ...names.map((name) => join(folder, name)));
  assert.deepEqual(imported.design, cliImport.json);
  assert.ok(imported.notes.some((note) => note.kind === "assumed" && note.message.startsWith("Exchange SE")));
  // Bytes as an ArrayBuffer or text too; the collector's UTF-16 document.
  const ems = join(root, "tests/fixtures/ems/local-5.1-utf16.json");
  const bytes = readFileSync(ems);
  const fromBuffer = documents.importFrom("ems", [{ name: "dag.json", data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) }]);
  assert.deepEqual(fromBuffer.design, run("import", "--from", "ems", ems).json);
  // Refused with the file and line, as the CLI says it; nothing returned.
  const broken = files.map((file) => (file.name === "MailboxDatabaseCopies.csv" ? { ...file, data: new TextDecoder().decode(file.data).replace('"MBX-04","2"', '"MBX-09","2"') } : file));
  const error = refusal(() => documents.importFrom("calculator", broken));
  assert.equal(error.code, "load");
  assert.match(error.message, /^MailboxDatabaseCopies\.csv, line \d+: a copy of DAG-01-DB03 on "MBX-09"/);
  assert.equal(refusal(() => documents.importFrom("spreadsheet", files)).code, "arguments");
  assert.equal(refusal(() => documents.importFrom("calculator", [{ name: "x.csv" }])).code, "arguments");
  // Export to the Calculator's files, and back: the same design.
  const exported = documents.exportTo(imported.design, "calculator");
  assert.deepEqual(exported.files.map((file) => file.name), ["DAGInfo.csv", "MailboxDatabases.csv", "MailboxDatabaseCopies.csv", "Servers.csv"]);
  const again = documents.importFrom("calculator", exported.files.map((file) => ({ name: file.name, data: file.text })));
  assert.deepEqual(again.design, imported.design);
  assert.ok(exported.notes.length > 0);
  assert.equal(refusal(() => documents.exportTo(component.preset("two-node-active-passive"), "calculator")).code, "arguments");
});

test("the documents' diff says what the CLI's diff says: a plan against the running DAG it became", () => {
  const ems = join(root, "tests/fixtures/ems/dag-01-running.json");
  const folder = join(root, "tests/fixtures/calculator/two-datacenters");
  const names = readdirSync(folder).sort();
  const plan = documents.importFrom("calculator", names.map((name) => ({ name, data: readFileSync(join(folder, name)) }))).design;
  const running = documents.importFrom("ems", [{ name: "dag-01-running.json", data: readFileSync(ems) }]).design;
  const drift = documents.diff(plan, JSON.stringify(running));
  const planFile = join(mkdtempSync(join(tmpdir(), "clusterplan-")), "plan.json");
  writeFileSync(planFile, JSON.stringify(plan));
  const cli = run("diff", planFile, ems);
  assert.equal(cli.code, 1, "the CLI exits 1 on drift");
  assert.deepEqual(drift, cli.json);
  assert.equal(drift.same, false);
  assert.ok(drift.differences.some((d) => d.subject === "MBX-02" && d.running.includes("down")), JSON.stringify(drift.differences));
  assert.deepEqual(documents.diff(plan, plan).differences, []);
  assert.equal(refusal(() => documents.diff(plan, component.preset("two-node-active-passive"))).code, "load");
  assert.equal(refusal(() => documents.diff(plan, "{")).code, "load");
});

test("the planning entry does not carry the importers", () => {
  assert.equal(component.importFrom, undefined);
});
