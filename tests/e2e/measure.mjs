// Measures the built app (dist/ and dist/dag/) in headless Chromium: transfer sizes (gzip), time from
// navigation to the first rendered diagram, on a 16-node design the time from a fail click or a pointer
// move to the next painted frame, on the DAG page a site failure's click to paint (the Preferred
// Architecture, then 16 members × 200 and 16 × 500 databases from the page's generator, and the
// generator's own time), and an empty page's click to paint as the baseline of the same run. Clicks are
// measured once the page's failure matrix is worked out (its worker would otherwise take the other core),
// and at 16 × 500 also from the moment the design is painted, while it works. Run through scripts/measure,
// which builds first. Prints a Markdown table.
import { chromium } from "playwright-core";
import { execFileSync, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { runningDag } from "./running-dag.mjs";
import { cliBinary } from "../target-dir.mjs";

// DIST measures another build (an earlier one, in the same run, for the before-and-after figures).
const dist = process.env.DIST ?? "dist";
const port = 8392;
const runs = Number(process.env.RUNS ?? 40);

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const kb = (bytes) => (bytes / 1024).toFixed(1);

/** In `page`: `count` clicks, after `warmup` to warm up, on the first element one of `selectors` finds (tried
 * in order, so a control that turns into its opposite is found again; with `alternate`, the i-th click on
 * the i-th selector's element, round and round), each from the start of a frame (where Chromium delivers
 * input) to a task posted from there, which runs once that frame is painted. With `settle`, each click
 * waits for the failure matrix the one before started to be worked out. */
const clicksToPaint = (page, selectors, count, { warmup = 10, alternate = false, settle = false } = {}) =>
  page.evaluate(
    async ([selectors, count, warmup, alternate, settle]) => {
      const times = [];
      for (let i = -warmup; i < count; i++) {
        while (settle && document.querySelector(".tolerance .working")) await new Promise((resolve) => setTimeout(resolve, 5));
        const tried = alternate ? [selectors[(i + warmup) % selectors.length]] : selectors;
        const control = tried.map((s) => document.querySelector(s)).find((e) => e);
        const took = await new Promise((resolve) =>
          requestAnimationFrame(() => {
            const t0 = performance.now();
            control.dispatchEvent(new MouseEvent("click", { bubbles: true }));
            const channel = new MessageChannel();
            channel.port1.onmessage = () => resolve(performance.now() - t0);
            channel.port2.postMessage(null);
          }),
        );
        if (i >= 0) times.push(took);
      }
      return times;
    },
    [selectors, count, warmup, alternate, settle],
  );
/** Waits until the page's failure matrix is worked out: its worker, on the other core, would otherwise
 * compete with the clicks measured (a new design starts it; a failure does not). */
const settled = (page) => page.waitForFunction(() => !document.querySelector(".tolerance .working"), null, { timeout: 120_000 });
const siteDc1 = ['svg [aria-label="Fail site dc1"]', 'svg [aria-label="Restore site dc1"]'];

// Sizes as they travel (gzip -9).
const sizesOf = (dir) => {
  const files = readdirSync(dir);
  const gz = (pattern) => files.filter((f) => pattern.test(f)).reduce((sum, f) => sum + gzipSync(readFileSync(join(dir, f)), { level: 9 }).length, 0);
  const sizes = { wasm: gz(/\.wasm$/), js: gz(/\.js$/), css: gz(/\.css$/) };
  sizes.total = sizes.wasm + sizes.js + sizes.css;
  return sizes;
};
const sizes = sizesOf(dist);
const dagSizes = sizesOf(join(dist, "dag"));

// A 16-node, 15 active / 1 passive design, built from the 8-node preset the CLI prints.
const preset = JSON.parse(execFileSync(cliBinary("release"), ["preset", "eight-node-7a1p"], { encoding: "utf8" }));
const sixteen = structuredClone(preset);
sixteen.name = "Sixteen nodes, 15 active / 1 passive (beyond Exchange 2003's limit)";
sixteen.nodes = Array.from({ length: 16 }, (_, i) => ({ name: `node${i + 1}`, nics: preset.nodes[0].nics }));
const template = preset.groups[1];
sixteen.groups = Array.from({ length: 15 }, (_, i) => {
  if (i === 0) return { ...preset.groups[0], preferred_owners: ["node1", "node16"] };
  const name = `EVS${i + 1}`;
  const json = JSON.stringify(template).replaceAll("EVS2", name);
  return { ...JSON.parse(json), owner: `node${i + 1}`, preferred_owners: [`node${i + 1}`, "node16"] };
});
sixteen.disks = [{ name: "Q", raid: true }, ...sixteen.groups.flatMap((g) => [{ name: `${g.name}-logs`, raid: true }, { name: `${g.name}-data`, raid: true }])];
const link = "#design=" + Buffer.from(JSON.stringify({ scenario: sixteen, events: [] })).toString("base64url");

const server = spawn("node", ["tests/e2e/serve.mjs", dist, String(port)], { stdio: "ignore" });
await new Promise((resolve) => setTimeout(resolve, 500));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const base = `http://127.0.0.1:${port}/`;

try {
  // Navigation to the first diagram: the app marks "clusterplan-ready" after its first render.
  const loads = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1500, height: 950 } });
    const page = await context.newPage();
    await page.goto(base);
    await page.waitForSelector("body[data-ready]");
    loads.push(await page.evaluate(() => performance.getEntriesByName("clusterplan-ready")[0].startTime));
    await context.close();
  }

  // The DAG page: its load, and on the Preferred Architecture a site failure and its restore, click to paint.
  const dagLoads = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1500, height: 950 } });
    const page = await context.newPage();
    await page.goto(base + "dag/");
    await page.waitForSelector("body[data-ready]");
    dagLoads.push(await page.evaluate(() => performance.getEntriesByName("clusterplan-ready")[0].startTime));
    await context.close();
  }
  const dagContext = await browser.newContext({ viewport: { width: 1500, height: 950 } });
  const dagPage = await dagContext.newPage();
  await dagPage.goto(base + "dag/");
  await dagPage.waitForSelector("body[data-ready]");
  await dagPage.click('button[data-preset="dag-pa-8"]');
  await settled(dagPage);
  const siteClicks = await clicksToPaint(dagPage, siteDc1, runs * 2);

  // At real scale: 16 members (8 a datacenter) and 200 databases built with the page's own generator (its
  // time from the click to the painted design), then the same site failure, click to paint.
  await dagPage.locator("details.generator summary").click();
  await dagPage.locator("details.generator input").nth(0).fill("8");
  await dagPage.locator("details.generator input").nth(1).fill("200");
  const [generated] = await clicksToPaint(dagPage, ["details.generator button"], 1, { warmup: 0 });
  await dagPage.waitForSelector('table.windowed[aria-rowcount="202"] tr[data-database="db1"]');
  await settled(dagPage);
  const scaleClicks = await clicksToPaint(dagPage, siteDc1, runs * 2);

  // At the largest real scale, 16 members × 500 databases from the generator: from the click to the failure
  // modes on show (the first look, or the whole matrix if it comes first) and to the whole matrix, five times.
  await dagPage.locator("details.generator input").nth(1).fill("500");
  const opened = [];
  for (let i = 0; i < 5; i++) {
    // Each time a design the page has not analysed: 500 databases, then 499, 498, …
    await dagPage.locator("details.generator input").nth(1).fill(String(500 - i));
    opened.push(
      await dagPage.evaluate(
        (databases) =>
          new Promise((resolve) => {
            // The new design's modes: their mounted counts are out of its databases.
            const modes = () => [...document.querySelectorAll(".tolerance table tbody td")].some((td) => td.textContent.endsWith(`/${databases}`));
            const whole = () => modes() && !document.querySelector(".tolerance .working");
            const times = {};
            const t0 = performance.now();
            const watch = () => {
              const painted = document.querySelector(`table.windowed[aria-rowcount="${databases + 2}"]`);
              if (painted && times.modes === undefined && modes()) times.modes = performance.now() - t0;
              if (painted && whole()) return resolve({ ...times, whole: performance.now() - t0 });
              requestAnimationFrame(watch);
            };
            document.querySelector("details.generator button").dispatchEvent(new MouseEvent("click", { bubbles: true }));
            requestAnimationFrame(watch);
          }),
        500 - i,
      ),
    );
  }
  // A click at the largest real scale: 16 × 500 opened from the generator, the same site click at once
  // (the first seconds, while the worker works out the failure matrix on the other core and its answer
  // arrives), then once the matrix is worked out.
  await dagPage.locator("details.generator input").nth(1).fill("500");
  await dagPage.locator("details.generator button").click();
  await dagPage.waitForSelector('table.windowed[aria-rowcount="502"] tr[data-database="db1"]');
  const openingClicks = await clicksToPaint(dagPage, siteDc1, runs * 2, { warmup: 0 });
  const stillWorking = await dagPage.evaluate(() => document.querySelector(".tolerance .working") !== null);
  await settled(dagPage);
  const largestClicks = await clicksToPaint(dagPage, siteDc1, runs * 2);
  // Undo and redo there, with the site failed once more: the events the clicks above applied (one each)
  // stay in the design, and undo applies all but the last again.
  await dagPage.click(siteDc1[0]);
  const eventsApplied = 2 * runs + (10 + 2 * runs) + 1;
  const undoRedo = ['button[aria-keyshortcuts="Control+Z"]', 'button[aria-keyshortcuts="Control+Shift+Z"]'];
  const undoClicks = await clicksToPaint(dagPage, undoRedo, runs * 2, { alternate: true });
  // An edit there: DAC mode on and off, each once the matrix the one before started is worked out (as an
  // architect edits): the design changes, so every panel and the failure analysis are worked out again.
  const editClicks = await clicksToPaint(dagPage, [".dag-inspector input[type=checkbox]"], runs, { warmup: 4, settle: true });
  await dagContext.close();

  // Importing a running DAG at the largest real scale: the collector's document of 16 members and 500
  // databases (1 MB), from the file chosen to the imported design painted, and the longest main-thread
  // task meanwhile (how long the page could not answer).
  const importContext = await browser.newContext({ viewport: { width: 1500, height: 950 } });
  const importPage = await importContext.newPage();
  await importPage.goto(base + "dag/");
  await importPage.waitForSelector("body[data-ready]");
  const document500 = Buffer.from(JSON.stringify(runningDag(500)));
  const imports = [];
  let blocked = 0;
  for (let i = 0; i < 5; i++) {
    await importPage.evaluate(() => {
      window.longestTask = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.longestTask = Math.max(window.longestTask, entry.duration);
      }).observe({ type: "longtask" });
      window.importStarted = performance.now();
    });
    await importPage.locator('input[aria-label="Import a design file"]').setInputFiles({ name: "clusterplan-dag.json", mimeType: "application/json", buffer: document500 });
    await importPage.waitForFunction(() => document.querySelector(".design-name")?.textContent === "DAG16 (running)", null, { timeout: 60_000 });
    imports.push(await importPage.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - window.importStarted))))));
    blocked = Math.max(blocked, await importPage.evaluate(() => window.longestTask));
    await importPage.click('button[data-preset="dag-2-member"]');
    await importPage.waitForFunction(() => document.querySelector(".design-name")?.textContent !== "DAG16 (running)");
  }
  await importContext.close();

  // The baseline: the same click-to-paint measure on an empty page with one button, in the same run, so the
  // figures above can be read against what the harness and the machine cost by themselves.
  const emptyContext = await browser.newContext({ viewport: { width: 1500, height: 950 } });
  const emptyPage = await emptyContext.newPage();
  // The button's text changes on each click, so each frame has something to paint.
  await emptyPage.setContent('<button onclick="this.textContent = performance.now()">nothing</button>');
  const baseline = await clicksToPaint(emptyPage, ["button"], runs * 2);
  await emptyContext.close();

  const context = await browser.newContext({ viewport: { width: 1500, height: 950 } });
  const page = await context.newPage();
  await page.goto(base + link);
  await page.waitForSelector('body[data-ready] svg g.node[aria-label="node16"]');
  await settled(page);
  const latency = await page.evaluate(async (runs) => {
    // Chromium delivers input at the start of a frame, just before animation callbacks. So: dispatch the
    // event inside an animation frame callback, and stop the clock in a task posted from there, which
    // runs once that frame (Yew's render, style, layout, paint) is done.
    const inputToPaint = (dispatch) =>
      new Promise((resolve) =>
        requestAnimationFrame(() => {
          const t0 = performance.now();
          dispatch();
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve(performance.now() - t0);
          channel.port2.postMessage(null);
        }),
      );
    // Warm up first (WebAssembly tiers up from its baseline compiler), then measure.
    const clicks = [];
    for (let i = -10; i < runs * 2; i++) {
      const node = `node${(((i % 8) + 8) % 8) + 2}`;
      const control = document.querySelector(`svg [aria-label="Fail ${node}"]`) ?? document.querySelector(`svg [aria-label="Restore ${node}"]`);
      const took = await inputToPaint(() => control.dispatchEvent(new MouseEvent("click", { bubbles: true })));
      if (i >= 0) clicks.push(took);
    }
    const svg = document.querySelector("svg[role=application]");
    const box = document.querySelector('svg g.node[aria-label="node9"] rect.box').getBoundingClientRect();
    const at = (x, y, type) => new PointerEvent(type, { bubbles: true, pointerId: 1, button: 0, buttons: 1, clientX: x, clientY: y, isPrimary: true });
    const x0 = box.x + 30, y0 = box.y + box.height - 8;
    document.querySelector('svg g.node[aria-label="node9"] rect.box').dispatchEvent(at(x0, y0, "pointerdown"));
    const moves = [];
    for (let i = -10; i <= runs * 4; i++) {
      const took = await inputToPaint(() => svg.dispatchEvent(at(x0 + 40 + i * 3, y0 + i * 2, "pointermove")));
      if (i > 0) moves.push(took);
    }
    svg.dispatchEvent(at(x0 + 40 + runs * 12, y0 + runs * 8, "pointerup"));
    return { clicks, moves };
  }, runs);

  if (process.env.SHOW) console.log(JSON.stringify(latency.clicks.map((v) => +v.toFixed(1))));
  const rows = [
    ["wasm (gzip)", `${kb(sizes.wasm)} KB`],
    ["JS (gzip)", `${kb(sizes.js)} KB`],
    ["CSS (gzip)", `${kb(sizes.css)} KB`],
    ["all three (goal < 300 KB)", `${kb(sizes.total)} KB`],
    [`navigation → first diagram, median of ${runs} (goal < 500 ms)`, `${percentile(loads, 50).toFixed(0)} ms (p95 ${percentile(loads, 95).toFixed(0)} ms)`],
    [`16 nodes: fail click → next paint, p95 of ${latency.clicks.length} after 10 to warm up (goal < 16 ms)`, `${percentile(latency.clicks, 95).toFixed(1)} ms (median ${percentile(latency.clicks, 50).toFixed(1)} ms)`],
    [`16 nodes: pointer move (dragging a node) → next paint, p95 of ${latency.moves.length} after 10 to warm up (goal < 16 ms)`, `${percentile(latency.moves, 95).toFixed(1)} ms (median ${percentile(latency.moves, 50).toFixed(1)} ms)`],
    ["DAG page: wasm + JS + CSS (gzip; goal < 300 KB)", `${kb(dagSizes.total)} KB (wasm ${kb(dagSizes.wasm)} KB)`],
    [`DAG page: navigation → first diagram, median of ${runs} (goal < 500 ms)`, `${percentile(dagLoads, 50).toFixed(0)} ms (p95 ${percentile(dagLoads, 95).toFixed(0)} ms)`],
    [`DAG page, dag-pa-8: fail/restore site click → next paint, p95 of ${siteClicks.length} (goal < 16 ms)`, `${percentile(siteClicks, 95).toFixed(1)} ms (median ${percentile(siteClicks, 50).toFixed(1)} ms)`],
    ["DAG page: build 16 members × 200 databases with the generator, click → painted (goal < 200 ms)", `${generated.toFixed(0)} ms`],
    [`DAG page, 16 × 200: fail/restore site click → next paint, p95 of ${scaleClicks.length} (goal < 16 ms)`, `${percentile(scaleClicks, 95).toFixed(1)} ms (median ${percentile(scaleClicks, 50).toFixed(1)} ms)`],
    [`DAG page, 16 × 500: fail/restore site click → next paint, p95 of ${largestClicks.length} (goal < 16 ms)`, `${percentile(largestClicks, 95).toFixed(1)} ms (median ${percentile(largestClicks, 50).toFixed(1)} ms)`],
    [`DAG page, 16 × 500: the same click from the moment the design is painted, p95 of the first ${openingClicks.length}, no warm-up (${stillWorking ? "the matrix still being worked out after them" : "the matrix worked out before their end"}; goal < 16 ms)`, `${percentile(openingClicks, 95).toFixed(1)} ms (median ${percentile(openingClicks, 50).toFixed(1)} ms)`],
    [`DAG page, 16 × 500 with ${eventsApplied} events applied: undo, redo, … → next paint, p95 of ${undoClicks.length} (goal < 16 ms)`, `${percentile(undoClicks, 95).toFixed(1)} ms (median ${percentile(undoClicks, 50).toFixed(1)} ms)`],
    [`DAG page, 16 × 500: DAC mode on or off (a design edit) → next paint, p95 of ${editClicks.length} (goal < 33 ms, two frames)`, `${percentile(editClicks, 95).toFixed(1)} ms (median ${percentile(editClicks, 50).toFixed(1)} ms)`],
    [`DAG page: import a running DAG of 16 × 500 (the collector's document, ${kb(document500.length)} KB), file chosen → painted, median of ${imports.length} (goal < 1 s)`, `${percentile(imports, 50).toFixed(0)} ms (slowest ${Math.max(...imports).toFixed(0)} ms; longest main-thread task meanwhile ${blocked.toFixed(0)} ms)`],
    [`DAG page: open 16 × 500 (the generator), click → failure modes on show, median of ${opened.length} (goal < 100 ms)`, `${percentile(opened.map((o) => o.modes), 50).toFixed(0)} ms (slowest ${Math.max(...opened.map((o) => o.modes)).toFixed(0)} ms)`],
    [`DAG page: open 16 × 500, click → the whole matrix, median of ${opened.length} (goal < 1 s)`, `${percentile(opened.map((o) => o.whole), 50).toFixed(0)} ms (slowest ${Math.max(...opened.map((o) => o.whole)).toFixed(0)} ms)`],
    [`baseline: an empty page's click → next paint, p95 of ${baseline.length}`, `${percentile(baseline, 95).toFixed(1)} ms (median ${percentile(baseline, 50).toFixed(1)} ms); at p95 the 16-node fail click is ${(percentile(latency.clicks, 95) / percentile(baseline, 95)).toFixed(1)}×, dag-pa-8's site click ${(percentile(siteClicks, 95) / percentile(baseline, 95)).toFixed(1)}×, 16 × 200's ${(percentile(scaleClicks, 95) / percentile(baseline, 95)).toFixed(1)}×, 16 × 500's ${(percentile(largestClicks, 95) / percentile(baseline, 95)).toFixed(1)}× (${(percentile(openingClicks, 95) / percentile(baseline, 95)).toFixed(1)}× just opened) it`],
  ];
  console.log("| measure | value |\n|---|---|");
  for (const [what, value] of rows) console.log(`| ${what} | ${value} |`);
} finally {
  await browser.close();
  server.kill();
}
