// The example page: the package only. Every text from the design goes in as text (textContent), never as markup.
import { analyzeInWorker, init, preset, presets, validate } from "../component/index.js";

const $ = (id) => document.getElementById(id);
const status = (text, kind = "") => {
  $("status").textContent = text;
  $("status").className = kind;
};
let controller = null;

function row(cells, tag = "td") {
  const tr = document.createElement("tr");
  for (const cell of cells) {
    const td = document.createElement(tag);
    td.textContent = String(cell);
    tr.append(td);
  }
  return tr;
}

function showFindings(findings) {
  const list = $("findings");
  list.replaceChildren();
  for (const finding of findings) {
    const item = document.createElement("li");
    item.className = finding.severity;
    item.textContent = `${finding.severity}: ${finding.subject}: ${finding.message} (${finding.source})`;
    list.append(item);
  }
}

function showMatrix(report) {
  const { summary } = report;
  const of = summary.nodes !== undefined ? "nodes" : "servers";
  $("summary").textContent =
    `${summary.combinations} sets of failed ${of} tried; every set of up to ${summary.tolerates_any} failed ${of} is survived.`;
  const table = $("matrix");
  table.replaceChildren(row(["failed", "quorum", summary.nodes !== undefined ? "groups online" : "databases mounted"], "th"));
  for (const r of (report.rows ?? []).slice(0, 200)) {
    table.append(row([r.failed.join(", ") || "(none)", r.quorum ? "yes" : "no", r.online ?? r.mounted]));
  }
  $("raw").textContent = JSON.stringify(report, null, 2);
}

async function check() {
  controller?.abort();
  const design = $("design").value;
  const max = $("max").value.trim();
  const options = max === "" ? {} : { maxFailures: Number(max) };
  try {
    showFindings(validate(design).findings);
  } catch (error) {
    showFindings([]);
    status(error.errors ? error.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join("\n") : error.message, "error");
    return;
  }
  controller = new AbortController();
  $("cancel").disabled = false;
  $("progress").value = 0;
  status("Analysing…");
  try {
    const report = await analyzeInWorker(design, options, {
      signal: controller.signal,
      onProgress: (done, total) => {
        $("progress").value = total ? done / total : 1;
        status(`Analysing: ${done} of ${total} sets`);
      },
    });
    showMatrix(report);
    status("Done");
  } catch (error) {
    status(error.name === "AbortError" ? "Cancelled" : error.message, error.name === "AbortError" ? "" : "error");
  } finally {
    $("cancel").disabled = true;
  }
}

await init();
for (const id of presets()) $("preset").append(new Option(id, id));
const choose = () => {
  $("design").value = JSON.stringify(preset($("preset").value), null, 2);
};
$("preset").addEventListener("change", choose);
$("check").addEventListener("click", check);
$("cancel").addEventListener("click", () => controller?.abort());
choose();
status("Ready");
