// A page as a JavaScript developer writes it: the package installed from its tarball, imported by name, the
// bundler left to find the WebAssembly modules and the worker. Each result is written into the page for the
// browser test (tests/e2e/bundlers.spec.mjs) to read; `data-done` on <body> says the page has finished.
import { analyzeInWorker, init, preset, simulate, version } from "clusterplan";
import { exportTo, init as initDocuments, report } from "clusterplan/report";

const show = (id, text) => {
  document.getElementById(id).textContent = text;
};

async function run() {
  await init();
  show("version", version);
  const outcome = simulate(preset("four-node-3a1p"), ["fail:node1"]);
  const evs1 = outcome.groups.find((group) => group.name === "EVS1");
  show("simulate", `EVS1 on ${evs1.owner}`);
  let reports = 0;
  const matrix = await analyzeInWorker(preset("dag-pa-8"), { maxFailures: 8 }, { onProgress: () => reports++ });
  show("analyze", `${matrix.summary.combinations} sets, tolerates any ${matrix.summary.tolerates_any}`);
  show("progress", reports > 0 ? "reported" : "silent");
  const controller = new AbortController();
  const cancelled = analyzeInWorker(preset("dag-pa-8"), { maxFailures: 8 }, { signal: controller.signal });
  controller.abort();
  show("abort", await cancelled.then(() => "finished", (error) => error.name));
  await initDocuments();
  show("report", report(preset("two-node-active-passive"), "markdown").split("\n")[0]);
  show("export", exportTo(preset("dag-2-member"), "calculator").files.map((file) => file.name).join(" "));
}

run()
  .catch((error) => show("error", `${error.name}: ${error.message}`))
  .finally(() => {
    document.body.dataset.done = "yes";
  });
