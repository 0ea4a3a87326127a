// Compiled (never run) by scripts/test with `tsc -p tests/component`: the declarations describe what a
// program does with the component, and misuse fails to compile.
import { analyze, analyzeInWorker, init, preset, presets, simulate, timeline, validate, version } from "clusterplan";
import { diff, exportTo, importFrom, init as initReport, report } from "clusterplan/report";
import type { Cluster, ClusterplanError, Dag, Design, Options } from "clusterplan";

export async function plan(text: string): Promise<string[]> {
  await init();
  const design: Design = text;
  const lines: string[] = [`clusterplan ${version}`, ...presets()];
  for (const finding of validate(design).findings) {
    lines.push(`${finding.severity} ${finding.rule}: ${finding.message} (${finding.source})`);
  }
  const options: Options = { maxFailures: 2, summary: true };
  const matrix = analyze(design, options, (done, total) => lines.push(`${done}/${total}`));
  lines.push(`tolerates any ${matrix.summary.tolerates_any}`);
  const outcome = simulate(preset("four-node-3a1p"), ["fail:node1"], { clock: "09:00" });
  lines.push(JSON.stringify(outcome));
  const played = timeline(text, ["fail:node1@0s"]) as Cluster.Timeline;
  lines.push(`${played.timeline.length} steps, ${played.final.groups.length} groups`);
  const dag = preset("dag-pa-8") as Dag.Scenario;
  lines.push(dag.dag_name);
  try {
    validate("{");
  } catch (caught) {
    const error = caught as ClusterplanError;
    for (const problem of error.errors) lines.push(`${error.code} ${problem.path}: ${problem.message}`);
  }
  await initReport();
  lines.push(report(design, "markdown"), exportTo(design, "svg"));
  const controller = new AbortController();
  const worked = await analyzeInWorker(design, { maxFailures: 3 }, { signal: controller.signal, onProgress: () => {} });
  lines.push(String(worked.summary.combinations));
  const imported = importFrom("calculator", [{ name: "DAGInfo.csv", data: new Uint8Array() }], "DAG1");
  lines.push(imported.design.dag_name, ...imported.notes.map((note) => `${note.kind}: ${note.message}`));
  const calculator = exportTo(imported.design, "calculator");
  lines.push(...calculator.files.map((file) => `${file.name}: ${file.text.length}`), ...calculator.notes);
  const drift: Dag.Drift = diff(dag, imported.design);
  lines.push(`${drift.same}`, ...drift.differences.map((d) => `${d.area} ${d.subject}: ${d.plan} / ${d.running}`));
  lines.push(`tolerates ${drift.tolerates[0]} as planned, ${drift.tolerates[1]} as it runs`);
  return lines;
}

// Misuse that must not compile:
// @ts-expect-error: events are strings
simulate("{}", [42]);
// @ts-expect-error: an option that does not exist
analyze("{}", { maxFailure: 2 });
// @ts-expect-error: no such export
exportTo("{}", "pdf");
// @ts-expect-error: drift compares two designs
diff("{}");
// @ts-expect-error: the importers are "calculator" and "ems"
importFrom("excel", []);
// @ts-expect-error: the documents are their own entry, clusterplan/report
import("clusterplan").then((c) => c.report("{}"));
// @ts-expect-error: the kinds are "cluster" and "dag"
import("clusterplan").then((c) => c.schema("exchange"));
