// A module worker that runs `analyze` off the page's main thread. Post `{id, design, options}`; it answers
// `{id, progress: {done, total}}` now and then, then `{id, result}` or `{id, error: {name, message, code,
// errors}}`. To cancel, terminate the worker (`analyzeInWorker` in index.js does all of this).
import { init, analyze } from "./index.js";

const ready = init();

self.onmessage = async ({ data }) => {
  const { id } = data;
  try {
    await ready;
    const result = analyze(data.design, data.options, (done, total) => {
      self.postMessage({ id, progress: { done, total } });
    });
    self.postMessage({ id, result });
  } catch (error) {
    const { name, message, code, errors, fits, summaryFits } = error;
    self.postMessage({ id, error: { name, message, code, errors, fits, summaryFits } });
  }
};
