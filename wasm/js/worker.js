// A module worker that runs the long verbs off the page's main thread. Post `{id, design, options}` to
// analyze a design: it answers `{id, progress: {done, total}}` now and then, then `{id, result}` or `{id,
// error: {name, message, code, errors}}`. The documents entry's slow verbs, loaded only when first asked:
// post `{id, importFrom: {kind, files, dag}}` to read a DAG from the Role Requirements Calculator's files or
// a running DAG's document (`{id, result: {design, notes}}`), `{id, diff: {plan, running}}` for what differs
// between a planned DAG and a running one (`{id, result: drift}`); either may answer `{id, error}`. To
// cancel, terminate the worker (`analyzeInWorker` in index.js does all of this for an analysis).
// Static imports (a bundler may build the worker as one classic script, which cannot split); each module's
// WebAssembly is fetched by its init, only when a message first needs it.
import * as engine from "./index.js";
import * as documents from "./report.js";

const analyzeDesign = async (data) => {
  await engine.init();
  return engine.analyze(data.design, data.options, (done, total) => {
    self.postMessage({ id: data.id, progress: { done, total } });
  });
};

const importDesign = async ({ kind, files, dag }) => {
  await documents.init();
  return documents.importFrom(kind, files, dag);
};

const diffDesigns = async ({ plan, running }) => {
  await documents.init();
  return documents.diff(plan, running);
};

self.onmessage = async ({ data }) => {
  const { id } = data;
  try {
    const result = data.importFrom
      ? await importDesign(data.importFrom)
      : data.diff
        ? await diffDesigns(data.diff)
        : await analyzeDesign(data);
    self.postMessage({ id, result });
  } catch (error) {
    const { name, message, code, errors, fits, summaryFits } = error;
    self.postMessage({ id, error: { name, message, code, errors, fits, summaryFits } });
  }
};
