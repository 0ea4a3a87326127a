// What an architect hands on, in Chromium: the report view of each planner (opened from "Report & exports"
// on the design the planner autosaved), printed to PDF on A4 and Letter with every database and every
// finding in the text; its downloads (scripts, CSV, SVG, PNG, JSON) and the IP plan on the clipboard; the
// planners' own pages printed without controls; markup in a name kept as text.
import { test, expect } from "@playwright/test";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { openFresh, shots } from "./helpers.mjs";
import { cliBinary } from "../target-dir.mjs";

/** The text of a PDF, its words separated by single spaces, and its page count. */
async function pdfText(bytes) {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const pages = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => item.str).join(" "));
  }
  return { pages: doc.numPages, text: pages.join(" ").replace(/\s+/g, " ") };
}

const words = (text) => text.replace(/\s+/g, " ");
/** The command line's output for `args`, reading `input` as its standard input. */
const cli = (args, input = "") => execFileSync(cliBinary(), args, { encoding: "utf8", input });
const preset = (id) => JSON.parse(cli(["preset", id]));
/** What `validate` finds in a preset: each finding's message. */
const findings = (id) => JSON.parse(cli(["validate", "-"], cli(["preset", id]))).findings.map((f) => f.message);

/** Opens the family's planner on `preset` and its report view from the toolbar's link. */
async function openReport(page, path, preset) {
  await openFresh(page, path);
  await page.locator(`button[data-preset="${preset}"]`).click();
  const [report] = await Promise.all([page.waitForEvent("popup"), page.getByRole("link", { name: "Report & exports" }).click()]);
  await expect(report.locator("main.report h1")).toBeVisible();
  return report;
}

async function downloaded(page, button) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: button }).click()]);
  return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
}

test("the DAG's report prints every database and finding on A4 and Letter, and hands on its script, CSV, SVG and PNG", async ({ page, context }) => {
  const report = await openReport(page, "/dag/", "dag-pa-8");
  const scenario = preset("dag-pa-8");
  await expect(report.locator("main.report h1")).toHaveText(scenario.name);
  await expect(report.locator("main.report figure svg")).toBeVisible();
  await report.screenshot({ path: `${shots}/report-dag.png` });
  for (const format of ["A4", "Letter"]) {
    const { pages, text } = await pdfText(await report.pdf({ format }));
    expect(pages, format).toBeGreaterThan(2);
    for (const database of scenario.databases) expect(text, `${database.name} on ${format}`).toContain(`${database.name} `);
    for (const message of findings("dag-pa-8")) expect(text, `${message} on ${format}`).toContain(words(message));
    // No controls on paper.
    expect(text).not.toContain("Deployment script");
    expect(text).toContain("Databases and copies");
  }
  const script = await downloaded(report, "Deployment script (PowerShell)");
  expect(script.name).toBe(`${scenario.name}.ps1`);
  expect(script.bytes.toString()).toBe(cli(["export", "-", "--to", "powershell"], JSON.stringify(scenario)));
  // A picture of the script's start, for the README (shown as text, in a blank page of its own).
  const shown = await context.newPage();
  await shown.setViewportSize({ width: 1100, height: 640 });
  await shown.setContent("<pre id=script style='font: 13px/1.35 monospace; margin: 12px'></pre>");
  await shown.locator("#script").evaluate((pre, text) => (pre.textContent = text), script.bytes.toString());
  await shown.screenshot({ path: `${shots}/script-dag.png` });
  await shown.close();
  const csv = (await downloaded(report, "IP plan (CSV)")).bytes.toString();
  expect(csv.split("\r\n")[0]).toBe("holder,network,site,subnet,address");
  const svg = (await downloaded(report, "Diagram (SVG)")).bytes.toString();
  expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  const png = (await downloaded(report, "Diagram (PNG)")).bytes;
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.readUInt32BE(16)).toBeGreaterThan(800); // twice the drawing's width
  const json = JSON.parse((await downloaded(report, "Scenario (JSON)")).bytes.toString());
  expect(json).toEqual(scenario);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await report.getByRole("button", { name: "Copy the IP plan" }).click();
  await expect(report.getByRole("status")).toHaveText("IP plan copied");
  expect(await report.evaluate(() => navigator.clipboard.readText())).toBe(csv);
  await report.getByRole("link", { name: "Back to the planner" }).click();
  await expect(report).toHaveURL(/\/dag\/$/);
});

test("the 2003 report: every EVS with its dependency tree, the findings, the IP plan; printed whole; its cluster.exe script", async ({ page }) => {
  const report = await openReport(page, "/", "eight-node-7a1p");
  const scenario = preset("eight-node-7a1p");
  const { text } = await pdfText(await report.pdf({ format: "A4" }));
  for (const group of scenario.groups) expect(text).toContain(`${group.name}: its resources`);
  for (const node of scenario.nodes) expect(text).toContain(node.name);
  for (const message of findings("eight-node-7a1p")) expect(text).toContain(words(message));
  expect(text).toContain("What survives");
  expect(text).toContain("192.168.10.1 ");
  const script = await downloaded(report, "Deployment script (cluster.exe)");
  expect(script.name).toBe("Eight-node cluster, 7 active - 1 passive.cmd");
  expect(script.bytes.toString()).toContain(`cluster /cluster:${scenario.cluster_name} group "EVS1" /create`);
});

test("markup in a design's name stays text in the report; with nothing saved the report says what to do", async ({ page }) => {
  await openFresh(page, "/");
  const design = preset("two-node-active-passive");
  design.name = '<img src=x onerror="document.title=1">Plan';
  await page.evaluate((saved) => localStorage.setItem("clusterplan.design.v1", saved), JSON.stringify({ scenario: design, events: [] }));
  const requests = [];
  page.on("request", (request) => requests.push(request.url()));
  await page.goto("/report/#cluster");
  await expect(page.locator("main.report h1")).toHaveText(design.name);
  await expect(page.locator("main.report img")).toHaveCount(0);
  // Nothing but the site's own files: the page, its script and style, the component and its module.
  const origin = new URL(page.url()).origin;
  expect(requests.filter((url) => !url.startsWith(origin))).toEqual([]);
  await page.evaluate(() => localStorage.clear());
  await page.goto("/report/#dag");
  await page.reload();
  await expect(page.getByRole("alert")).toContainText("No DAG design is saved in this browser yet");
  await expect(page.getByRole("button", { name: "Print" })).toBeDisabled();
});

test("the planners print without their controls: every database, every finding, the whole table", async ({ page }) => {
  await openFresh(page, "/dag/");
  await page.locator('button[data-preset="dag-pa-8"]').click();
  await page.emulateMedia({ media: "print" });
  await page.screenshot({ path: `${shots}/print-dag.png`, fullPage: true });
  await page.emulateMedia({ media: null }); // page.pdf prints in print media whatever the emulation
  const dag = await pdfText(await page.pdf({ format: "A4" }));
  for (const database of preset("dag-pa-8").databases) expect(dag.text).toContain(`${database.name} `);
  for (const message of findings("dag-pa-8")) expect(dag.text).toContain(words(message));
  expect(dag.text).toContain("Where and why");
  for (const control of ["Share link", "Undo", "Report & exports", "Fit"]) expect(dag.text).not.toContain(control);
  await openFresh(page, "/");
  await page.locator('button[data-preset="four-node-3a1p"]').click();
  const cluster = await pdfText(await page.pdf({ format: "Letter" }));
  for (const message of findings("four-node-3a1p")) expect(cluster.text).toContain(words(message));
  for (const control of ["Share link", "Fail node1", "Add EVS"]) expect(cluster.text).not.toContain(control);
  expect(cluster.text).toContain("EVS3");
});
