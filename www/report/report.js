// The report view: the design the planner autosaved (#cluster: the 2003 planner's, #dag: the DAG
// planner's), written by the engine's component as the command line's `report` writes it, with every
// export beside it. The engine escapes every text of the design; the page parses the report with
// DOMParser (which runs nothing) and adopts its <main>. Downloads are blob: URLs of the page's own making.
import { init, report, exportTo } from "../component/report.js";

const dag = location.hash === "#dag";
const key = dag ? "clusterplan.dag.v1" : "clusterplan.design.v1";
const status = document.getElementById("status");
const main = document.getElementById("report");
document.getElementById("back").href = dag ? "../dag/" : "../";

function fail(message) {
  const p = document.createElement("p");
  p.className = "report-error";
  p.setAttribute("role", "alert");
  p.textContent = message;
  main.replaceChildren(p);
}

/** The file name of the design: its name, with what a file system refuses as a dash. */
function fileName(name, extension) {
  const base = name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, "-").replace(/\s+/g, " ").trim().slice(0, 80) || "clusterplan";
  return `${base}.${extension}`;
}

function download(text, name, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The diagram as a PNG at twice its size: the SVG drawn on a canvas. */
async function png(svg) {
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = image.naturalWidth * 2;
    canvas.height = image.naturalHeight * 2;
    canvas.getContext("2d").drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}

async function start() {
  let scenario;
  try {
    const saved = localStorage.getItem(key);
    if (saved === null) {
      fail(`No ${dag ? "DAG" : "cluster"} design is saved in this browser yet: open the planner, make or pick a design, then open its report.`);
      return;
    }
    scenario = JSON.parse(saved).scenario;
  } catch (error) {
    fail(`The saved design cannot be read (${error.message}): open the planner, which says what is wrong with it.`);
    return;
  }
  await init();
  let html;
  try {
    html = report(scenario);
  } catch (error) {
    fail(`No report: the design has problems the planner shows. ${error.message}`);
    return;
  }
  // The page links the same stylesheet (report.css): its inline copy is left out, which this policy forbids.
  const parsed = new DOMParser().parseFromString(html.replace(/<style>[^<]*<\/style>/, ""), "text/html");
  const written = parsed.querySelector("main.report");
  written.id = "report";
  main.replaceWith(document.adoptNode(written));
  document.title = `${parsed.title} — clusterplan report`;

  const name = scenario.name ?? "clusterplan";
  const actions = {
    print: () => window.print(),
    html: () => download(html, fileName(name, "html"), "text/html"),
    markdown: () => download(report(scenario, "markdown"), fileName(name, "md"), "text/markdown"),
    script: () =>
      dag
        ? download(exportTo(scenario, "powershell"), fileName(name, "ps1"), "text/plain")
        : download(exportTo(scenario, "cluster-exe"), fileName(name, "cmd"), "text/plain"),
    // The design's failure script as the operator's commands, each with its check (refused without a script).
    runbook: () => download(exportTo(scenario, "runbook"), fileName(`${name} runbook`, "txt"), "text/plain"),
    csv: () => download(exportTo(scenario, "csv"), fileName(`${name} IP plan`, "csv"), "text/csv"),
    "copy-csv": async () => {
      await navigator.clipboard.writeText(exportTo(scenario, "csv"));
      status.textContent = "IP plan copied";
    },
    svg: () => download(exportTo(scenario, "svg"), fileName(name, "svg"), "image/svg+xml"),
    png: async () => download(await png(exportTo(scenario, "svg")), fileName(name, "png"), "image/png"),
    json: () => download(`${JSON.stringify(scenario, null, 2)}\n`, fileName(name, "json"), "application/json"),
  };
  document.getElementById("script").textContent = dag ? "Deployment script (PowerShell)" : "Deployment script (cluster.exe)";
  for (const [id, act] of Object.entries(actions)) {
    const button = document.getElementById(id);
    button.disabled = false;
    button.addEventListener("click", async () => {
      status.textContent = "";
      try {
        await act();
      } catch (error) {
        status.textContent = `Not done: ${error.message}`;
      }
    });
  }
  status.textContent = "";
}

start().catch((error) => fail(`The report could not be written: ${error.message}`));
