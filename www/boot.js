// Starts the app. Trunk's own loader is an inline script, which the Content-Security-Policy forbids;
// this file is the same loader as a file of the site. Trunk writes the hashed file names into the
// data- attributes of the <script> tag that loads this file (Trunk.toml, pattern_script).
const tag = document.querySelector("script[data-clusterplan-js]");
const { default: init } = await import(tag.dataset.clusterplanJs);
await init({ module_or_path: tag.dataset.clusterplanWasm });
