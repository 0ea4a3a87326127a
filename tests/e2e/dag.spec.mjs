// The DAG planner's main paths in real headless Chromium, with real pointer moves.
import { test, expect } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { drag, fillGenerator, openFresh, shots, staysPut, revealQuestions } from "./helpers.mjs";
import { cliBinary } from "../target-dir.mjs";

/** Opens the DAG planner on a clean slate (no autosave) with the given preset. */
async function open(page, preset = "dag-pa-8") {
  await openFresh(page, "/dag/");
  await page.locator(`button[data-preset="${preset}"]`).click();
}

const button = (page, name) => page.getByRole("button", { name, exact: true }).first();
const verdict = (page, database) => page.locator(`tr[data-database="${database}"] td.verdict`);
const quorum = (page) => page.getByRole("status", { name: "Quorum state" });
/** Wheels over the databases' box until it is scrolled to its end (the last row drawn may still sit below
 * the view while the box has further to go). */
async function wheelToEnd(page) {
  const atEnd = () => page.locator(".dag-main").evaluate((main) => main.scrollTop + main.clientHeight >= main.scrollHeight - 1);
  for (let i = 0; i < 60 && !(await atEnd()); i++) await page.mouse.wheel(0, 800);
}
const cell = (page, database, server) => page.locator(`td[data-database="${database}"][data-server="${server}"]`);

test("the Preferred Architecture survives the primary site: every database comes up in dc2", async ({ page }) => {
  await open(page);
  await expect(quorum(page)).toHaveText("Held: 9 of 9 votes, 5 needed (node and file share majority; dynamic quorum and witness votes)");
  await expect(verdict(page, "db1")).toContainText("mounted on ex1 (active)");
  await button(page, "Fail site dc1").click();
  // The test that decided (dc2 and the witness: 5 of the 9 votes there were), then dynamic quorum's recount.
  await expect(quorum(page)).toHaveText(
    "Held: 5 of 9 votes, 5 needed; then recounted: 5 of 5 votes, 3 needed from now on (node and file share majority; dynamic quorum and witness votes)",
  );
  await expect(verdict(page, "db1")).toContainText("mounted on ex5 (criteria-1)");
  await expect(verdict(page, "db1")).toContainText("moved from ex1: ex1 is down");
  await expect(page.locator("tr.mounted")).toHaveCount(16);
  await expect(page.locator('g.server[data-server="ex1"]')).toHaveClass(/down/);
  await page.screenshot({ path: `${shots}/dag-site-failure.png` });
});

test("the namespace: a failed address sends clients to the next, a failed datacenter keeps them served, no address cuts them off", async ({ page }) => {
  await open(page);
  const served = page.getByRole("status", { name: "Clients served" });
  const clients = page.getByRole("region", { name: "Clients" });
  await expect(served).toHaveText("Served through vip-dc1, vip-dc2");
  // The addresses stand above their sites' servers on the diagram: the way clients come in.
  await expect(page.locator('g.vip[data-vip="vip-dc1"]')).toHaveClass(/used/);
  await button(page, "Fail vip-dc1").click();
  await expect(served).toHaveText("Served through vip-dc2");
  await expect(page.locator('g.vip[data-vip="vip-dc1"]')).toHaveClass(/down/);
  await expect(page.locator('g.vip[data-vip="vip-dc1"] .detail')).toHaveText("mail.contoso.com · failed");
  await expect(clients).toContainText("about 21 s in all, with no DNS change");
  await expect(page.locator("tr.mounted")).toHaveCount(16);
  await button(page, "Fail vip-dc2").click();
  await expect(served).toHaveText("Cut off");
  await expect(clients).toContainText("no address of mail.contoso.com answers");
  await expect(clients).toContainText("Not reached: db1");
  await button(page, "Restore vip-dc1").click();
  await button(page, "Restore vip-dc2").click();
  // A datacenter failure: dc1's address has no site behind it, clients follow the databases to dc2.
  await button(page, "Fail site dc1").click();
  await expect(served).toHaveText("Served through vip-dc2");
  await expect(clients).toContainText("vip-dc1 in dc1: site down");
  await expect(clients).toContainText("Is mail lost?");
  await page.screenshot({ path: `${shots}/dag-clients.png` });
});

test("with the witness in the failed site the DAG stops, with the reason, until a datacenter switchover", async ({ page }) => {
  await open(page, "dag-2site-no-third");
  await button(page, "Fail site dc1").click();
  await expect(quorum(page)).toHaveText(/^Lost: 4 of 9 votes, 5 needed/);
  await expect(page.locator("tr.dismounted")).toHaveCount(16);
  await expect(verdict(page, "db5")).toContainText("dismounted (no-quorum)");
  await expect(verdict(page, "db5")).toContainText("the DAG has no quorum");
  await page.screenshot({ path: `${shots}/dag-no-quorum.png` });
  await button(page, "Datacenter switchover to dc2").click();
  await expect(quorum(page)).toHaveText(/^Held: 5 of 5 votes, 3 needed/);
  await expect(page.locator("tr.mounted")).toHaveCount(16);
  await expect(page.locator(".status")).toContainText("Witness: fsw2 in dc2 (alternate witness, votes)");
});

test("drag a copy to another server in its row; a server already holding one refuses it", async ({ page }) => {
  await open(page);
  await drag(page, cell(page, "db1", "ex2").locator(".copy"), cell(page, "db1", "ex3"));
  await expect(cell(page, "db1", "ex3").locator(".copy")).toHaveText("2");
  await expect(cell(page, "db1", "ex2").locator(".copy")).toHaveCount(0);
  await drag(page, cell(page, "db1", "ex3").locator(".copy"), cell(page, "db1", "ex5"));
  await expect(page.getByRole("alert")).toContainText("db1 already has a copy on ex5");
  await expect(cell(page, "db1", "ex3").locator(".copy")).toHaveText("2");
  // The moved copy is where the engine looks: with ex1 down, db1 goes to ex3 now.
  await button(page, "Fail ex1").click();
  await expect(verdict(page, "db1")).toContainText("mounted on ex3");
});

test("drag a server to another site", async ({ page }) => {
  await open(page);
  const dc2 = page.locator('rect.region[data-site="dc2"]');
  await drag(page, page.locator('g.server[data-server="ex4"] g.grip'), dc2);
  await expect(page.locator(".findings")).toContainText("dc1 has 3 members and dc2 has 5");
  const box = await page.locator('g.server[data-server="ex4"] rect.box').boundingBox();
  const region = await dc2.boundingBox();
  expect(box.x).toBeGreaterThan(region.x);
  expect(box.x + box.width).toBeLessThan(region.x + region.width);
});

test("split the WAN: the half with the witness keeps quorum; static votes compared", async ({ page }) => {
  await open(page);
  // dc3 holds only the witness and routes nothing: dc1 and dc2 split 4 to 4, both reach the witness, and the
  // half with the Primary Active Manager (ex1) takes it.
  await button(page, "Fail WAN dc1-dc2").click();
  await expect(quorum(page)).toHaveText(/^Held: 5 of 9 votes, 5 needed; then recounted: 5 of 5 votes, 3 needed/);
  await expect(page.locator('g.server[data-server="ex5"]')).toHaveClass(/cut-off/);
  await expect(verdict(page, "db5")).toContainText("mounted on ex1");
  // Dynamic quorum: dc2's members lost their votes when cut off, so dc1 keeps running without the witness.
  await button(page, "Fail WAN dc1-dc3").click();
  await expect(quorum(page)).toHaveText(/^Held: 4 of 5 votes, 3 needed; then recounted: 3 of 3 votes, 2 needed/);
  await expect(verdict(page, "db1")).toContainText("mounted on ex1");
  // With static votes dc2 and the witness hold 5 of 9 and take over.
  await page.getByLabel("Static votes").check();
  await expect(quorum(page)).toHaveText(/^Held: 5 of 9 votes, 5 needed \(node and file share majority; static votes\)/);
  await expect(page.locator('g.server[data-server="ex1"]')).toHaveClass(/cut-off/);
  await expect(verdict(page, "db1")).toContainText("mounted on ex5");
  await button(page, "Fail the witness").click();
  await expect(quorum(page)).toHaveText(/^Lost: 4 of 9 votes, 5 needed/);
  await expect(page.locator("tr.mounted")).toHaveCount(0);
  await button(page, "Restore the witness").click();
  await expect(quorum(page)).toHaveText(/^Held: 5 of 9 votes/);
});

test("DAC mode: a recovered site without WAN mounts nothing, and says why", async ({ page }) => {
  await open(page, "dag-2site-no-third");
  await button(page, "Fail WAN dc1-dc2").click();
  await button(page, "Fail site dc1").click();
  await button(page, "Restore site dc1").click();
  await expect(quorum(page)).toHaveText(/^Held: 5 of 5 votes, 3 needed/);
  await expect(page.locator("tr.dismounted")).toHaveCount(16);
  await expect(verdict(page, "db1")).toContainText("(dacp)");
  await expect(verdict(page, "db1")).toContainText("DACP bit is 0");
  await page.screenshot({ path: `${shots}/dag-dac.png` });
});

test("a DAG lesson link plays, pauses, steps and seeks; the DAC lesson shows the stopped members' own quorum", async ({ page }) => {
  await openFresh(page, "/dag/#lesson=third-site-witness-failover");
  await expect(page.locator(".notice")).toContainText("A datacenter fails");
  const clock = page.locator(".player .clock");
  await expect(clock).toHaveAttribute("data-time-ms", "0");
  await expect(verdict(page, "db1")).toContainText("mounted on ex1");
  // The lesson asks as dc1 fails: revealed, the script plays.
  await revealQuestions(page);
  // Play for a moment, then pause: time has moved and stays put.
  await button(page, "Play").click();
  await expect.poll(async () => Number(await clock.getAttribute("data-time-ms"))).toBeGreaterThan(3_000);
  await button(page, "Pause").click();
  expect(await staysPut(page, ".player .clock", "data-time-ms"), "the clock stops when paused").toBe(true);
  // Between the cluster noticing (10 s) and the mount (22 s) dc1's eight databases fail over, running nowhere.
  await page.locator("#seek").fill("12000");
  await expect(page.locator("tr.failing-over")).toHaveCount(8);
  await expect(verdict(page, "db1")).toContainText("failing over");
  await expect(page.locator(".narration")).toContainText("best copy selection chooses");
  await button(page, "Step forward").click();
  // About 21 s after dc1 failed, the clients of its address try vip-dc2 by themselves.
  await expect(clock).toHaveAttribute("data-time-ms", "21000");
  await expect(page.locator(".narration")).toContainText("reconnected through vip-dc2");
  await button(page, "Step forward").click();
  await expect(clock).toHaveAttribute("data-time-ms", "22000");
  await expect(verdict(page, "db1")).toContainText("mounted on ex5");
  await expect(page.locator("tr.mounted")).toHaveCount(16);
  // The keyboard: the right arrow steps to the clients reconnecting.
  await page.locator("#timeline-title").click();
  await page.keyboard.press("ArrowRight");
  await expect(clock).toHaveAttribute("data-time-ms", "42000");
  await expect(page.locator(".narration")).toContainText("clients reconnected");
  await page.screenshot({ path: `${shots}/dag-lesson.png` });
  // The DAC lesson from the menu: an hour in, dc1's members are back, cut off, sure they hold quorum.
  await page.locator("#lesson").selectOption("dac-stops-split-brain");
  await page.getByRole("button", { name: "Open lesson" }).click();
  await expect(page.locator(".design-name")).toContainText("Lesson: DAC stops split brain");
  await page.locator("#seek").fill("3630000");
  await expect(page.getByRole("status", { name: "Stale quorum" })).toContainText("Quorum in their own eyes in dc1: 5 of 9 votes");
  await expect(page.getByRole("status", { name: "Stale quorum" })).toContainText("DACP bit is 0");
  await expect(page.locator("tr.split-brain")).toHaveCount(0);
  await expect(page.locator("tr.mounted")).toHaveCount(16);
  await page.screenshot({ path: `${shots}/dag-lesson-dac.png` });
});

test("the inspector sets a copy's health: past the mount dial the database stays down", async ({ page }) => {
  await open(page, "dag-2-member");
  await cell(page, "db1", "ex2").locator(".copy").click();
  await expect(page.locator(".dag-inspector h2")).toHaveText("db1 on ex2");
  const queue = page.getByLabel("Copy queue (logs)");
  await queue.fill("eight");
  await queue.press("Enter");
  await expect(page.getByRole("alert")).toContainText("The copy queue must be a whole number");
  await queue.fill("8");
  await queue.press("Enter");
  await button(page, "Fail ex1").click();
  await expect(verdict(page, "db1")).toContainText("dismounted (mount-dial)");
  await expect(verdict(page, "db1")).toContainText("misses 8 logs, more than GoodAvailability allows (6)");
});

test("undo and redo; edits survive a reload; a broken file is refused and the design kept", async ({ page }) => {
  await open(page);
  await button(page, "Fail ex1").click();
  await expect(verdict(page, "db1")).toContainText("mounted on ex2");
  await page.keyboard.press("Control+z");
  await expect(verdict(page, "db1")).toContainText("mounted on ex1");
  await page.keyboard.press("Control+Shift+z");
  await expect(verdict(page, "db1")).toContainText("mounted on ex2");
  await page.reload();
  await expect(page.locator("body[data-ready]")).toBeAttached();
  await expect(verdict(page, "db1")).toContainText("mounted on ex2");
  await page.locator('input[aria-label="Import a design file"]').setInputFiles({ name: "broken.json", mimeType: "application/json", buffer: Buffer.from('{"version": 1, "kind": "dag", "name": ') });
  await expect(page.getByRole("alert")).toContainText("This file is not a design clusterplan can open: the file ends too early");
  await expect(verdict(page, "db1")).toContainText("mounted on ex2");
  // A whole design with text after it, and one whose kind is misspelt: refused, in DAG terms.
  const design = {
    version: 1, kind: "dag", name: "small", exchange: "2019", dag_name: "DAG1", sites: [{ name: "dc1" }],
    servers: [{ name: "ex1", site: "dc1" }, { name: "ex2", site: "dc1" }], witness: { server: "fsw", site: "dc1" },
    databases: [{ name: "db1", copies: [{ server: "ex1", preference: 1 }, { server: "ex2", preference: 2 }] }],
  };
  for (const [text, says] of [
    [JSON.stringify(design) + " xyz", "text after the design"],
    [JSON.stringify({ ...design, kind: "DAG" }), "unknown variant `DAG`, expected `dag`"],
  ]) {
    await page.locator('input[aria-label="Import a design file"]').setInputFiles({ name: "bad.json", mimeType: "application/json", buffer: Buffer.from(text) });
    await expect(page.getByRole("alert")).toContainText(says);
    await expect(verdict(page, "db1")).toContainText("mounted on ex2");
  }
});

test("the two planners link to each other, and the DAG page asks nothing of the network but its own files", async ({ page }) => {
  const requests = [];
  page.on("request", (request) => requests.push(request.url()));
  await page.goto("/");
  await expect(page.locator("body[data-ready]")).toBeAttached();
  await page.getByRole("link", { name: "Exchange 2010 to SE DAG planner" }).click();
  await expect(page).toHaveURL(/\/dag\/$/);
  await expect(page.locator("body[data-ready]")).toBeAttached();
  await expect(page.locator(".topology svg")).toBeVisible();
  for (const url of requests) expect(url.startsWith("http://127.0.0.1:")).toBe(true);
  await page.getByRole("link", { name: "Exchange 2003 cluster planner" }).click();
  await expect(page.locator("body[data-ready]")).toBeAttached();
  await expect(page.locator("svg g.node").first()).toBeVisible();
});

test("what the DAG tolerates, and building, adding and removing as a designer", async ({ page }) => {
  await open(page);
  const tolerance = page.getByRole("region", { name: "Failure modes" });
  await expect(tolerance.locator("h2")).toHaveText("Tolerates any 3 failed servers");
  await expect(tolerance.locator("tr", { hasText: "site dc1, then a server" })).toContainText("16/16");
  await expect(tolerance.locator(".quorum-note")).toContainText("dynamic quorum and dynamic witness (Windows Server 2025)");
  // A copy added with a click lands last in activation preference.
  await page.getByRole("button", { name: "Add a copy of db1 on ex3" }).click();
  await expect(cell(page, "db1", "ex3").locator(".copy")).toHaveText("5");
  await cell(page, "db1", "ex3").locator(".copy").click();
  await button(page, "Remove this copy").click();
  await expect(cell(page, "db1", "ex3").locator(".copy")).toHaveCount(0);
  // The witness moves to dc1: no automatic site failover any more.
  await page.locator(".dag-inspector").getByLabel("Witness site", { exact: true }).selectOption("dc1");
  await expect(page.locator(".findings")).toContainText("losing dc1 stops the DAG");
  // dc1 fails with the witness: dc2's 4 of 9 votes are not a majority.
  const siteDc1 = tolerance.locator("tr").filter({ has: page.getByRole("button", { name: "Fail dc1", exact: true }) });
  await expect(siteDc1).toContainText("0/16");
  // A symmetric DAG built from three numbers.
  await fillGenerator(page, 2, 6);
  await button(page, "Build").click();
  await expect(page.locator(".design-name")).toHaveText("4 members over two datacenters, witness in dc3");
  await expect(page.locator(".databases tbody tr")).toHaveCount(6);
  await button(page, "Add a server in dc2").click();
  await expect(page.locator(".dag-inspector h2")).toHaveText("Server ex5");
  await expect(page.locator(".findings")).toContainText("dc1 has 2 members and dc2 has 3");
  await button(page, "Remove ex5").click();
  await expect(page.locator('g.server[data-server="ex5"]')).toHaveCount(0);
});

test("a DAG share link carries the design and its failures; a damaged one is refused", async ({ page, context }) => {
  await open(page, "dag-2site-no-third");
  await button(page, "Fail site dc1").click();
  await page.getByRole("button", { name: "Share link" }).click();
  const input = page.locator('input[aria-label="Share link"]');
  await expect(input).toHaveValue(/\/dag\/#z=[A-Za-z0-9_-]+$/);
  const link = await input.inputValue();
  expect(link.length).toBeLessThan(2000);
  const other = await context.newPage();
  await other.goto("/dag/");
  await other.evaluate(() => localStorage.clear());
  await other.goto(link);
  await expect(other.locator("body[data-ready]")).toBeAttached();
  await expect(other.locator(".design-name")).toHaveText("Two datacenters, witness in the primary");
  await expect(other.getByRole("status", { name: "Quorum state" })).toHaveText(/^Lost/);
  expect(new URL(other.url()).hash).toBe("", "the link is read once, then the address is clean");
  await other.goto("/dag/#design=not-a-design");
  await expect(other.locator(".notice.error")).toContainText("The shared link could not be opened");
  // The CLI's link for a DAG opens the DAG planner, with its failure applied.
  const preset = execFileSync(cliBinary(), ["preset", "dag-pa-8"]);
  const written = execFileSync(cliBinary(), ["link", "-", "fail-site:dc2", "--base", "http://x/"], { input: preset }).toString().trim();
  expect(written).toMatch(/^http:\/\/x\/dag\/#z=/);
  await other.goto("/dag/" + written.slice(written.indexOf("#")));
  await expect(other.locator('g.site[data-site="dc2"]')).toHaveClass(/down/);
  // Every DAG preset's link fits in a chat message.
  for (const id of ["dag-pa-8", "dag-2site-no-third", "dag-2-member"]) {
    await page.locator(`button[data-preset="${id}"]`).click();
    await page.getByRole("button", { name: "Share link" }).click();
    await expect(input).not.toHaveValue(link);
    expect((await input.inputValue()).length, id).toBeLessThan(2000);
  }
});

test("names full of markup in an imported DAG are shown as text and never run", async ({ page }) => {
  await open(page, "dag-2-member");
  const evil = "<img src=x onerror=alert(1)>";
  const design = {
    version: 1, kind: "dag", name: evil, exchange: "2019", dag_name: "DAG1",
    sites: [{ name: "dc1" }], servers: [{ name: evil, site: "dc1" }, { name: "ex2", site: "dc1" }],
    witness: { server: "fsw", site: "dc1" },
    databases: [{ name: "db1", copies: [{ server: evil, preference: 1 }, { server: "ex2", preference: 2 }] }],
  };
  await page.locator('input[aria-label="Import a design file"]').setInputFiles({ name: "evil.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(design)) });
  await expect(page.locator(".design-name")).toHaveText(evil);
  await expect(verdict(page, "db1")).toContainText(`mounted on ${evil}`);
  await expect(page.locator("img")).toHaveCount(0);
  await expect(page.locator(".findings")).toContainText("is not a NetBIOS name");
});

test("with the keyboard: a copy and a server move from the inspector", async ({ page }) => {
  await open(page);
  const copy = cell(page, "db1", "ex2").locator(".copy");
  await copy.focus();
  await page.keyboard.press("Enter");
  await expect(page.locator(".dag-inspector h2")).toHaveText("db1 on ex2");
  await page.locator(".dag-inspector").getByLabel("On server").selectOption("ex4");
  await expect(cell(page, "db1", "ex4").locator(".copy")).toHaveText("2");
  await expect(page.locator(".dag-inspector h2")).toHaveText("db1 on ex4");
  await page.locator('g.server[data-server="ex8"] g.grip').focus();
  await page.keyboard.press("Enter");
  await expect(page.locator(".dag-inspector h2")).toHaveText("Server ex8");
  await page.locator(".dag-inspector").getByLabel("Site", { exact: true }).selectOption("dc1");
  await expect(page.locator(".findings")).toContainText("dc1 has 5 members and dc2 has 3");
});

test("a real DAG's 200 databases: the rows in view are drawn, the rest are reached by scrolling and follow a failure", async ({ page }) => {
  await open(page);
  await fillGenerator(page, 8, 200);
  await button(page, "Build").click();
  const table = page.locator(".databases table");
  // The table says its true size to screen readers, and draws a window of rows.
  await expect(table).toHaveAttribute("aria-rowcount", "202");
  await expect(table).toHaveClass(/windowed/);
  await expect(page.locator('tr[data-database="db1"]')).toHaveAttribute("aria-rowindex", "3");
  const drawn = await page.locator(".databases tbody tr[data-database]").count();
  expect(drawn).toBeGreaterThan(5);
  expect(drawn).toBeLessThan(60);
  await expect(page.locator('tr[data-database="db200"]')).toHaveCount(0);
  // The wheel over the table scrolls its box; the last database comes into view, at its place.
  await page.locator('tr[data-database="db1"]').hover();
  await wheelToEnd(page);
  await expect(page.locator('tr[data-database="db200"]')).toBeInViewport();
  await expect(page.locator('tr[data-database="db200"]')).toHaveAttribute("aria-rowindex", "202");
  await expect(page.locator('tr[data-database="db1"]')).toHaveCount(0);
  const before = await verdict(page, "db200").textContent();
  expect(before).toMatch(/^mounted on ex/);
  // A site failure redraws the rows on screen with what happened to them.
  await page.locator('.dag-main').evaluate((main) => main.scrollTo(0, 0));
  await button(page, "Fail site dc1").click();
  await expect(verdict(page, "db1")).toContainText("mounted on ex9");
  await page.locator('tr[data-database="db1"]').hover();
  await wheelToEnd(page);
  await expect(verdict(page, "db200")).not.toHaveText(before);
  await expect(verdict(page, "db200")).toContainText(/mounted on ex(9|1[0-6])/);
});

test("the Calculator's files open as a DAG, and a running DAG's document shows its drift against it", async ({ page }) => {
  const { readFileSync } = await import("node:fs");
  const fixture = (path) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url));
  await open(page, "dag-2-member");
  const names = ["DAGInfo.csv", "MailboxDatabases.csv", "MailboxDatabaseCopies.csv", "Servers.csv"];
  await page.locator('input[aria-label="Import a design file"]').setInputFiles(
    names.map((name) => ({ name, mimeType: "text/csv", buffer: fixture(`calculator/two-datacenters/${name}`) })),
  );
  await expect(page.getByRole("alert")).toContainText("Imported DAG-01 from the Role Requirements Calculator's files: 4 members, 8 databases");
  await expect(page.getByRole("alert")).toContainText("Assumed (DAGInfo.csv): the witness's site");
  await expect(page.locator(".design-name")).toHaveText("DAG-01 (Role Requirements Calculator)");
  await expect(page.locator("tbody tr[data-database]")).toHaveCount(8);
  await expect(verdict(page, "DAG-01-DB01")).toContainText("mounted on MBX-01");
  // The running DAG as the collector wrote it: MBX-02 down, DB03 on its preference 2, a lagged copy missing.
  await page.locator('input[aria-label="Compare with a running DAG"]').setInputFiles({
    name: "clusterplan-dag.json",
    mimeType: "application/json",
    buffer: fixture("ems/dag-01-running.json"),
  });
  const drift = page.locator("section.drift");
  await expect(drift.locator("h2")).toHaveText("Compared with DAG-01 (running)");
  await expect(drift.locator("tr[data-area]", { hasText: "MBX-02" }).first()).toContainText("down");
  await expect(drift.locator("tr[data-area='copies']")).toContainText(["DAG-01-DB05 on MBX-04"]);
  await expect(drift.locator("table.drift-modes caption")).toHaveText(
    "Failure modes: tolerates any 2 member(s) failing at once as planned, 1 as it runs",
  );
  await expect(drift.locator("table.drift-modes tr", { hasText: "double server" })).toContainText("0 of 8 mounted, no quorum");
  await page.screenshot({ path: `${shots}/dag-drift.png` });
  // An edit makes the comparison out of date; closing it takes it away. A broken document is refused.
  await button(page, "Fail site dc1").click();
  await page.locator('input[aria-label="Compare with a running DAG"]').setInputFiles({
    name: "cut.json",
    mimeType: "application/json",
    buffer: Buffer.from('{"Get-DatabaseAvailabilityGroup": {"Name": "DAG-01",'),
  });
  await expect(page.getByRole("alert")).toContainText("The running DAG cannot be compared: not JSON");
  await expect(page.getByRole("alert")).toContainText("In cut.json, line 1, column 52");
  await expect(drift).toBeVisible();
  await drift.getByRole("button", { name: "Close the comparison" }).click();
  await expect(drift).toHaveCount(0);
});

test("files dropped on a planner open as Import… opens them: the DAG page imports the Calculator's, the 2003 page sends them there", async ({ page }) => {
  const { readFileSync } = await import("node:fs");
  const names = ["DAGInfo.csv", "MailboxDatabases.csv", "MailboxDatabaseCopies.csv"];
  const files = names.map((name) => ({ name, data: readFileSync(new URL(`../fixtures/calculator/two-datacenters/${name}`, import.meta.url)).toString("base64") }));
  const dropOn = async (selector) => {
    const transfer = await page.evaluateHandle((files) => {
      const transfer = new DataTransfer();
      for (const { name, data } of files) {
        transfer.items.add(new File([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], name, { type: "text/csv" }));
      }
      return transfer;
    }, files);
    await page.dispatchEvent(selector, "dragover", { dataTransfer: transfer });
    await page.dispatchEvent(selector, "drop", { dataTransfer: transfer });
  };
  await open(page, "dag-2-member");
  await dropOn(".dag-app");
  await expect(page.getByRole("alert")).toContainText("Imported DAG-01 from the Role Requirements Calculator's files: 4 members, 8 databases");
  await expect(page.locator(".design-name")).toHaveText("DAG-01 (Role Requirements Calculator)");
  await openFresh(page, "/");
  const before = await page.locator(".design-name").textContent();
  await dropOn(".app");
  // The 2003 page hands them to the DAG page, which imports them once (a reload does not again).
  await expect(page).toHaveURL(/\/dag\/$/);
  await expect(page.getByRole("alert")).toContainText("Imported DAG-01 from the Role Requirements Calculator's files: 4 members, 8 databases");
  await expect(page.locator(".design-name")).toHaveText("DAG-01 (Role Requirements Calculator)");
  expect(await page.evaluate(() => sessionStorage.getItem("clusterplan.handed"))).toBeNull();
  await page.goBack();
  await expect(page.locator(".design-name")).toHaveText(before);
  // And back: a 2003 cluster's design file dropped on the DAG page opens in the 2003 planner.
  const cluster = execFileSync(cliBinary(), ["preset", "two-node-active-passive"]).toString();
  await page.goto("/dag/");
  await expect(page.locator(".design-name")).toHaveText("DAG-01 (Role Requirements Calculator)");
  files.splice(0, files.length, { name: "two-node.json", data: Buffer.from(cluster).toString("base64") });
  await dropOn(".dag-app");
  await expect(page).toHaveURL(/:\d+\/$/);
  await expect(page.locator(".design-name")).toHaveText(JSON.parse(cluster).name);
  await expect(page.getByRole("alert")).toContainText("Design opened.");
});
