// The planner's main paths in real headless Chromium, with real pointer moves.
import { test, expect } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { drag, openFresh, shots, staysPut, revealQuestions } from "./helpers.mjs";
import { cliBinary } from "../target-dir.mjs";

/** Opens the app on a clean slate (no autosave) with the given preset. */
async function open(page, preset = "four-node-3a1p") {
  await openFresh(page, "/");
  await page.locator(`button[data-preset="${preset}"]`).click();
}

const owner = (page, group) => page.locator(`tr[data-group="${group}"] td.owner`);
const chip = (page, group) => page.locator(`svg g.chip[data-group="${group}"]`);
const node = (page, name) => page.locator(`svg g.node[aria-label="${name}"]`);

test("fail node3 and see EVS3 online on node4; the IP total is 15 (12 for the cluster, 3 for its client tier)", async ({ page }) => {
  await open(page);
  await expect(page.locator("#ips-title")).toHaveText("Static IP addresses: 15");
  await expect(owner(page, "EVS3")).toHaveText("node3");
  await page.screenshot({ path: `${shots}/healthy.png` });
  await page.locator('svg [aria-label="Fail node3"]').click();
  await expect(owner(page, "EVS3")).toHaveText("node4");
  await expect(node(page, "node4").locator('g.chip[data-group="EVS3"]')).toBeVisible();
  await expect(node(page, "node3")).toHaveClass(/down/);
  await expect(page.locator('tr[data-group="EVS3"] td.reason')).toContainText("node3 failed");
  await page.screenshot({ path: `${shots}/node3-failed.png` });
  // A second failure with no standby left: EVS1 waits in the tray, failed.
  await page.getByRole("button", { name: "Fail node1", exact: true }).first().click();
  await expect(page.locator('tr[data-group="EVS1"] td.state')).toHaveText("failed");
  await expect(page.locator('svg g.tray g.chip[data-group="EVS1"]')).toBeVisible();
  await page.screenshot({ path: `${shots}/second-failure.png` });
});

test("drag EVS1 onto the passive node4 moves it", async ({ page }) => {
  await open(page);
  await drag(page, chip(page, "EVS1"), node(page, "node4").locator("rect.box"));
  await expect(owner(page, "EVS1")).toHaveText("node4");
  await expect(node(page, "node4").locator('g.chip[data-group="EVS1"]')).toBeVisible();
  await expect(page.locator('tr[data-group="EVS1"] td.reason')).toContainText("moved from node1 to node4");
});

test("drag an EVS onto an occupied node is refused with the reason", async ({ page }) => {
  await open(page);
  const from = await chip(page, "EVS1").boundingBox();
  const to = await node(page, "node2").locator("rect.box").boundingBox();
  await page.mouse.move(from.x + 20, from.y + 10);
  await page.mouse.down();
  await page.mouse.move(from.x + 60, from.y + 30, { steps: 5 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height - 15, { steps: 10 });
  // While dragging, node2 is marked as a refused drop target and node4 as an allowed one.
  await expect(node(page, "node2")).toHaveClass(/drop-no/);
  await expect(node(page, "node4")).toHaveClass(/drop-ok/);
  await page.screenshot({ path: `${shots}/dragging.png` });
  await page.mouse.up();
  await expect(page.locator(".notice.refused")).toHaveText(
    /Cannot move EVS1 to node2: node2 already runs EVS2: a node of a cluster with more than two nodes runs one EVS at most/,
  );
  await expect(owner(page, "EVS1")).toHaveText("node1");
  await page.screenshot({ path: `${shots}/refused-move.png` });
});

test("dragging a node arranges the diagram, and the position is kept", async ({ page }) => {
  await open(page);
  const box = node(page, "node4").locator("rect.box");
  const before = await box.boundingBox();
  await page.mouse.move(before.x + 40, before.y + before.height - 8);
  await page.mouse.down();
  await page.mouse.move(before.x + 40, before.y + before.height + 100, { steps: 8 });
  await page.mouse.up();
  const after = await box.boundingBox();
  expect(after.y).toBeGreaterThan(before.y + 60);
  // The position is part of the design (diagram coordinates): a reload finds it again.
  const placed = await box.getAttribute("y");
  await page.reload();
  await expect(page.locator("body[data-ready]")).toBeAttached();
  await expect(node(page, "node4").locator("rect.box")).toHaveAttribute("y", placed);
});

test("an edit survives a reload", async ({ page }) => {
  await open(page);
  await page.locator("#cluster-name").fill("MAILCLUSTER");
  await page.locator("#cluster-name").press("Enter");
  await page.locator('svg [aria-label="Fail node2"]').click();
  await expect(owner(page, "EVS2")).toHaveText("node4");
  await page.reload();
  await expect(page.locator("body[data-ready]")).toBeAttached();
  await expect(page.locator("#cluster-name")).toHaveValue("MAILCLUSTER");
  await expect(owner(page, "EVS2")).toHaveText("node4");
});

test("a broken file is refused with the engine's message and the design is unchanged", async ({ page }) => {
  await open(page);
  await page.locator('svg [aria-label="Fail node3"]').click();
  await page.locator('input[aria-label="Import a design file"]').setInputFiles({
    name: "broken.json",
    mimeType: "application/json",
    buffer: Buffer.from('{"version": 1, "name": "half a design", "nodes": [{"name": "node1"'),
  });
  await expect(page.locator(".notice.error")).toContainText("This file is not a design clusterplan can open");
  await expect(page.locator(".notice.error")).toContainText("the file ends too early");
  await expect(page.locator(".design-name")).toHaveText("Four-node cluster, 3 active / 1 passive");
  await expect(owner(page, "EVS3")).toHaveText("node4");
  await page.screenshot({ path: `${shots}/broken-import.png` });
  // A broken DAG file is still recognised as a DAG, and sent to its planner.
  await page.locator('input[aria-label="Import a design file"]').setInputFiles({
    name: "half-a-dag.json",
    mimeType: "application/json",
    buffer: Buffer.from('{"version": 1, "kind": "dag", "name": "half a DAG", "servers": [{"name": '),
  });
  await expect(page.locator(".notice.error")).toContainText("open it in the DAG planner");
  await expect(owner(page, "EVS3")).toHaveText("node4");
});

test("undo and redo with the keyboard and the buttons", async ({ page }) => {
  await open(page);
  await page.locator('svg [aria-label="Fail node3"]').click();
  await expect(owner(page, "EVS3")).toHaveText("node4");
  await page.locator("svg").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("Control+z");
  await expect(owner(page, "EVS3")).toHaveText("node3");
  await page.keyboard.press("Control+Shift+z");
  await expect(owner(page, "EVS3")).toHaveText("node4");
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(owner(page, "EVS3")).toHaveText("node3");
  await page.getByRole("button", { name: "Redo" }).click();
  await expect(owner(page, "EVS3")).toHaveText("node4");
});

test("a name full of markup is shown as text and never run", async ({ page }) => {
  await open(page);
  const evil = "<img src=x onerror=alert(1)>";
  await node(page, "node1").locator("text.name").click();
  await page.locator("#node-name").fill(evil);
  await page.locator("#node-name").press("Enter");
  await expect(page.locator(`svg g.node[aria-label="${evil}"] text.name`)).toHaveText(evil);
  await expect(page.locator("img")).toHaveCount(0);
  await expect(page.locator(".finding.error").first()).toContainText("cannot be a NetBIOS name");
  await page.screenshot({ path: `${shots}/markup-name.png` });
});

test("active/active and active/passive are one click apart, the mode explained", async ({ page }) => {
  await open(page, "two-node-active-active");
  await expect(page.locator(".mode")).toHaveText(/Active\/active/);
  await expect(page.locator(".mode-finding")).toContainText("strongly discouraged");
  await page.locator('svg [aria-label="Fail node2"]').click();
  await expect(owner(page, "EVS1")).toHaveText("node1");
  await expect(owner(page, "EVS2")).toHaveText("node1");
  await page.locator('button[data-preset="two-node-active-passive"]').click();
  await expect(page.locator(".mode")).toHaveText(/Active\/passive: 1 active, 1 passive node/);
  await expect(page.locator(".mode-finding")).toHaveCount(0);
});

test("clicking a finding selects its subject", async ({ page }) => {
  await open(page);
  await page.locator("#cluster-name").fill("A-VERY-LONG-CLUSTER-NAME");
  await page.locator("#cluster-name").press("Enter");
  await page.locator('.finding[data-rule="names.netbios"] button').click();
  await expect(page.locator("#inspector-title")).toHaveText("Cluster");
  await page.locator('.finding[data-rule="config.mode"] button').click();
  await node(page, "node2").locator("text.name").click();
  await expect(page.locator("#inspector-title")).toHaveText("Node node2");
});

test("everything on the canvas is named and reachable by keyboard", async ({ page }) => {
  await open(page);
  for (const name of ["node1", "node4", "EVS1 online", "public", "private", "Q", "EVS2-data"]) {
    await expect(page.locator(`svg [aria-label="${name}"]`).first()).toBeAttached();
  }
  // Keyboard: focus node3's fail control and press Enter.
  await page.locator('svg [aria-label="Fail node3"]').focus();
  await page.keyboard.press("Enter");
  await expect(owner(page, "EVS3")).toHaveText("node4");
  await page.locator('svg [aria-label="Restore node3"]').focus();
  await page.keyboard.press(" ");
  await expect(page.locator('svg [aria-label="Fail node3"]')).toBeAttached();
  // The move menu in the inspector is the keyboard path to a drag.
  await chip(page, "EVS2").focus();
  await page.keyboard.press("Enter");
  await page.locator("#move-to").selectOption("node4");
  await page.getByRole("button", { name: "Move", exact: true }).click();
  await expect(page.locator(".notice.refused")).toContainText("node4 already runs EVS3");
  await page.locator("#move-to").selectOption("node3");
  await page.getByRole("button", { name: "Move", exact: true }).click();
  await expect(owner(page, "EVS2")).toHaveText("node3");
});

test("share links: compressed and short, copied in one click; links the CLI writes and older uncompressed ones open", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await open(page);
  await page.locator('svg [aria-label="Fail node1"]').click();
  await page.getByRole("button", { name: "Share link" }).click();
  const input = page.locator('input[aria-label="Share link"]');
  await expect(input).toHaveValue(/\/#z=[A-Za-z0-9_-]+$/);
  const link = await input.inputValue();
  await page.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(page.locator(".share [role=status]")).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  // A link shown is the design's as it is: the next change takes it away.
  await page.locator('svg [aria-label="Fail node2"]').click();
  await expect(input).toHaveCount(0);
  await page.getByRole("button", { name: "Undo" }).click();
  const other = await context.newPage();
  await other.goto("/");
  await other.evaluate(() => localStorage.clear());
  await other.goto(link);
  await expect(other.locator("body[data-ready]")).toBeAttached();
  await expect(other.locator('tr[data-group="EVS1"] td.owner')).toHaveText("node4");
  expect(new URL(other.url()).hash).toBe("", "the link is read once, then the address is clean");
  // The CLI writes the same format: its link opens here, with its failure applied.
  const preset = execFileSync(cliBinary(), ["preset", "four-node-3a1p"]);
  const written = execFileSync(cliBinary(), ["link", "-", "fail:node2"], { input: preset }).toString().trim();
  expect(written).toMatch(/^#z=/);
  await other.goto("/" + written);
  await expect(other.locator('tr[data-group="EVS2"] td.owner')).toHaveText("node4");
  // A link made before links were compressed still opens.
  const older = Buffer.from(JSON.stringify({ scenario: JSON.parse(preset), events: ["fail:node3"] })).toString("base64url");
  await other.goto("/#design=" + older);
  await expect(other.locator('tr[data-group="EVS3"] td.owner')).toHaveText("node4");
  // Damage is said in words; the design on screen stays.
  await other.goto("/#z=" + written.slice(3, 40));
  await expect(other.locator(".notice.error")).toContainText("The shared link could not be opened: the link is damaged");
  await expect(other.locator('tr[data-group="EVS3"] td.owner')).toHaveText("node4");
  await other.goto("/#design=not-a-design");
  await expect(other.locator(".notice.error")).toContainText("The shared link could not be opened");
  // Every preset's link fits in a chat message (under 2,000 characters), the drawing included.
  for (const id of ["two-node-active-passive", "two-node-active-active", "four-node-3a1p", "eight-node-7a1p"]) {
    await page.locator(`button[data-preset="${id}"]`).click();
    await page.getByRole("button", { name: "Share link" }).click();
    await expect(input).not.toHaveValue(link);
    const made = await input.inputValue();
    expect(made.length, id).toBeLessThan(2000);
  }
});

test("the page asks nothing of the network but its own files", async ({ page }) => {
  const requests = [];
  page.on("request", (request) => requests.push(request.url()));
  await open(page);
  await page.locator('svg [aria-label="Fail node3"]').click();
  await expect(owner(page, "EVS3")).toHaveText("node4");
  const origin = new URL(page.url()).origin;
  const foreign = requests.filter((url) => !url.startsWith(origin) && !url.startsWith("blob:") && !url.startsWith("data:"));
  expect(foreign).toEqual([]);
});

test("a lesson link plays, pauses, steps and seeks", async ({ page }) => {
  await page.goto("/");
  await page.evaluate(() => localStorage.clear());
  await page.goto("/#lesson=single-node-failure");
  await expect(page.locator("body[data-ready]")).toBeAttached();
  await expect(page.locator(".design-name")).toHaveText("Lesson: one node fails");
  const clock = page.locator(".player .clock");
  await expect(clock).toHaveAttribute("data-time-ms", "0");
  await expect(owner(page, "EVS3")).toHaveText("node3");
  // The lesson asks as node3 fails: revealed, the script plays.
  await revealQuestions(page);
  // Play for a moment, then pause: time has moved and stays put.
  await page.getByRole("button", { name: "Play", exact: true }).click();
  await expect.poll(async () => Number(await clock.getAttribute("data-time-ms"))).toBeGreaterThan(5_000);
  await page.getByRole("button", { name: "Pause", exact: true }).click();
  expect(await staysPut(page, ".player .clock", "data-time-ms"), "the clock stops when paused").toBe(true);
  // Seek to the end: EVS3 runs on node4 and the narration says why.
  await page.locator("#seek").fill("89000");
  await expect(owner(page, "EVS3")).toHaveText("node4");
  await expect(page.locator(".narration")).toContainText("EVS3 — online on node4");
  await page.screenshot({ path: `${shots}/lesson-end.png` });
  // Step back one event: the store is not yet mounted, EVS3 is still failing over.
  await page.getByRole("button", { name: "Step back" }).click();
  await expect(clock).toHaveAttribute("data-time-ms", "39000");
  await expect(page.locator('tr[data-group="EVS3"] td.state')).toHaveText("pending");
  await expect(page.locator('svg g.tray g.chip[data-group="EVS3"]')).toBeVisible();
  // Its resources are coloured: those online on node4 already, the store still pending.
  const marks = page.locator('svg g.chip[data-group="EVS3"] circle.res');
  await expect(marks.filter({ hasText: "Store: pending" })).toHaveCount(1);
  await expect(marks.filter({ hasText: "IP Address: online" })).toHaveCount(1);
  // The keyboard: the right arrow steps forward.
  await page.locator("#timeline-title").click();
  await page.keyboard.press("ArrowRight");
  await expect(clock).toHaveAttribute("data-time-ms", "89000");
  await page.screenshot({ path: `${shots}/lesson-stepped.png` });
});

test("active/active beside active/passive under one script", async ({ page }) => {
  await open(page);
  await page.getByRole("button", { name: "Compare A/A with A/P" }).click();
  const panes = page.locator(".comparison .pane");
  await expect(panes).toHaveCount(2);
  await expect(panes.nth(0).locator("h2")).toHaveText("Two-node cluster, active/active");
  await expect(panes.nth(1).locator("h2")).toHaveText("Two-node cluster, active/passive");
  // The verdict waits for the end of the script.
  await expect(page.locator(".comparison .sentence")).toContainText("The verdict shows when the script has played to its end");
  // One clock: seek both to 10 min 30 s, after node2's failure has been noticed.
  await page.locator("#seek").fill("630000");
  await expect(panes.nth(0).locator('tr[data-group="EVS2"] td.state')).toHaveText("pending");
  await expect(panes.nth(1).locator('tr[data-group="EVS1"] td.state')).toHaveText("pending");
  // Each pane draws its cluster at that time: node2 down, the moving group's resources coming online.
  await expect(panes.nth(0).locator("svg.pane-diagram g.node.down")).toHaveCount(1);
  await expect(panes.nth(1).locator("svg.pane-diagram g.chip.pending circle.res").first()).toBeVisible();
  await page.getByRole("button", { name: "Play", exact: true }).click();
  await expect.poll(async () => Number(await page.locator(".clock").getAttribute("data-time-ms"))).toBeGreaterThan(630_000);
  await page.getByRole("button", { name: "Pause", exact: true }).click();
  await page.locator("#seek").fill("900000");
  await expect(panes.nth(0).locator('tr[data-group="EVS1"] td.owner')).toHaveText("node1");
  await page.locator("#seek").fill("100000000");
  await expect(panes.nth(0).locator(".verdict")).toContainText("2 of 2 groups online at the end");
  await expect(page.locator(".comparison .sentence")).toContainText("loses less time per group");
  await page.screenshot({ path: `${shots}/side-by-side.png` });
  await page.getByRole("button", { name: "Close" }).click();
  await expect(page.locator(".comparison")).toHaveCount(0);
});

test("the timeline's durations are editable: a slower store mount lengthens the failover", async ({ page }) => {
  await page.goto("/");
  await page.evaluate(() => localStorage.clear());
  await page.goto("/#lesson=single-node-failure");
  await expect(page.locator("body[data-ready]")).toBeAttached();
  await expect(page.locator(".player .clock")).toContainText("/ 89.0 s");
  await page.locator("details.durations summary").click();
  const store = page.getByLabel("Exchange Information Store Instance online");
  await expect(store).toHaveValue("60");
  await store.fill("two minutes");
  await store.press("Enter");
  await expect(page.getByRole("alert")).toContainText("A duration is a number of seconds");
  await expect(store).toHaveValue("60");
  await store.fill("120");
  await store.press("Enter");
  await page.getByRole("button", { name: "Play the script" }).click();
  await expect(page.locator(".player .clock")).toContainText("/ 2 min 29 s");
});

test("what the design tolerates is worked out in the worker over every set of failed nodes", async ({ page }) => {
  await open(page);
  const tolerance = page.getByRole("region", { name: "What it tolerates" });
  await expect(tolerance).toContainText("Survives any single node failure? yes (any 1 at once)");
  // 9 nodes, 3 active and 6 passive: any 6 failed nodes leave 3 to run the 3 EVSs (the old page, which
  // looked at 2 failures at most, said "any 2").
  const { preset } = await import(pathToFileURL(resolve(import.meta.dirname, "../../dist/component/node.js")).href);
  const design = preset("four-node-3a1p");
  for (let i = 5; i <= 9; i++) design.nodes.push({ ...design.nodes[3], name: `node${i}` });
  await page.locator('input[aria-label="Import a design file"]').setInputFiles({
    name: "nine-nodes.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(design)),
  });
  await expect(tolerance).toContainText("Survives any single node failure? yes (any 6 at once)");
  // A failure changes what runs, not the design: the answer stays.
  await page.locator('svg [aria-label="Fail node3"]').click();
  await expect(tolerance).toContainText("(any 6 at once)");
});

test("the client tier: a front-end server fails behind NLB and clients go on through the other; both down cut Internet clients off while every EVS runs", async ({ page }) => {
  await open(page);
  const { preset } = await import(pathToFileURL(resolve(import.meta.dirname, "../../dist/component/node.js")).href);
  const design = preset("four-node-3a1p");
  design.front_ends = { servers: ["fe1", "fe2"], nlb: true };
  await page.locator('input[aria-label="Import a design file"]').setInputFiles({
    name: "with-front-ends.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(design)),
  });
  const clients = page.getByRole("status", { name: "Clients" });
  await expect(clients).toHaveText("Served: Internet clients through fe1, fe2 (NLB spreads them)");
  // The client tier stands above the networks on the diagram: NLB, then the front-end servers.
  const tier = page.getByRole("group", { name: /^Client tier/ });
  await expect(tier.locator("g.front-end")).toHaveCount(3);
  // Failed from the diagram, then from the panel: the same event either way.
  await tier.getByRole("button", { name: "Fail front-end fe1" }).click();
  await expect(clients).toHaveText("Served: Internet clients through fe2 (NLB spreads them)");
  await expect(page.locator('g.front-end[data-front-end="front-end fe1"]')).toHaveClass(/down/);
  const panel = page.locator(".clients");
  await panel.getByRole("button", { name: "Fail front-end fe2" }).click();
  await expect(clients).toHaveText("Not all served: Internet clients reach no front-end server: every front-end server is down");
  await expect(page.locator(".clients .cut-off li")).toHaveCount(3);
  await expect(owner(page, "EVS1")).toHaveText("node1");
  await page.screenshot({ path: `${shots}/clients-cut-off.png` });
  await panel.getByRole("button", { name: "Restore front-end fe2" }).click();
  await panel.getByRole("button", { name: "Fail NLB cluster" }).click();
  await expect(clients).toContainText("the NLB cluster is down");
  // The IP plan lists the client tier on lines of its own.
  await expect(page.locator(".panel.ips")).toContainText("NLB virtual IP address");
  // The inspector edits the tier: a third front-end server typed in joins the diagram.
  const field = page.locator("#front-ends");
  await expect(field).toHaveValue("fe1, fe2");
  await field.fill("fe1, fe2, fe3");
  await field.press("Enter");
  await expect(tier.locator("g.front-end")).toHaveCount(4);
  await expect(page.locator('g.front-end[data-front-end="front-end fe3"]')).toBeVisible();
});
