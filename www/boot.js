// The app's loader as a file, since the CSP forbids inline scripts (ARCHITECTURE.md, www/).
const tag = document.querySelector("script[data-clusterplan-js]");
const { default: init } = await import(tag.dataset.clusterplanJs);
await init({ module_or_path: tag.dataset.clusterplanWasm });
