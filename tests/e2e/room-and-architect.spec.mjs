// The faults found trying both planners as a trainer preparing a class at 1920×1080 and an architect building
// an Exchange 2019 DAG (issue 27), each driven the way it was found, with real keys and clicks in Chromium.
import { test, expect } from "@playwright/test";
import { openFresh, shots } from "./helpers.mjs";

const clock = (page) => page.locator(".clock");
const narration = (page) => page.locator(".narration");
const told = (page) => page.locator(".narration ul.key .what");
const quorum = (page) => page.getByRole("status", { name: "Quorum state" });
const server = (page, name) => page.locator(`g.server[data-server="${name}"] text.detail`);
const verdict = (page, database) => page.locator(`tr[data-database="${database}"] td.verdict strong`);
const button = (page, name) => page.getByRole("button", { name, exact: true }).first();

/** Seeks the player with its slider and waits for its clock to say so. */
async function seek(page, ms) {
  await page.locator("#seek").fill(String(ms));
  await expect(clock(page)).toHaveAttribute("data-time-ms", String(ms));
}

/** Every console message of the page that is a warning or an error, as they arrive. */
function complaints(page) {
  const messages = [];
  page.on("console", (message) => {
    if (["warning", "error"].includes(message.type())) messages.push(`${message.type()}: ${message.text()}`);
  });
  return messages;
}

test("1. the DAG player's panels show one moment: at 0 s nothing has been noticed, at 21 s the topology agrees with the player", async ({ page }) => {
  await openFresh(page, "/dag/");
  await page.goto("/dag/#lesson=third-site-witness-failover");
  await expect(clock(page)).toHaveAttribute("data-time-ms", "0");
  // dc1 has failed at 0 s; the cluster has not noticed: its servers still run their databases.
  await expect(server(page, "ex1")).toHaveText("not noticed · 2 active · DACP 1");
  await expect(server(page, "ex5")).toHaveText("up · 2 active · DACP 1");
  await expect(verdict(page, "db1")).toHaveText("mounted on ex1");
  await expect(page.locator(".timeline .progress")).toHaveText("16 of 16 databases mounted · 0 failing over · 0 dismounted");
  await expect(quorum(page)).toContainText("Held: 9 of 9 votes, 5 needed");
  // At 21 s: eight databases between dc1's servers and dc2's, which still run only their own two each.
  await seek(page, 21_000);
  await expect(page.locator(".timeline .progress")).toContainText("8 failing over");
  await expect(server(page, "ex5")).toHaveText("up · 2 active · DACP 1");
  await expect(server(page, "ex1")).toHaveText("down · 0 active · DACP 0");
  await expect(verdict(page, "db1")).toHaveText("failing over");
});

test("2. a step tells its whole moment, and a step in the list seeks to it", async ({ page }) => {
  await openFresh(page, "/dag/");
  await page.goto("/dag/#lesson=dac-stops-split-brain");
  await expect(clock(page)).toHaveAttribute("data-time-ms", "0");
  await button(page, "Step forward").click();
  await expect(clock(page)).toHaveAttribute("data-time-ms", "10000");
  // What the lesson is about is told large, with the lesson's own words for the moment above it; the other
  // fourteen databases' lines wait under "more".
  await expect(told(page)).toContainText(["quorum — lost: 4 of 9 votes, 5 needed"]);
  await expect(narration(page).locator(".watch")).toContainText("dc2 has 4 of the 9 votes");
  await expect(narration(page).locator(".also summary")).toHaveText(/more steps at this moment/);
  await button(page, "Step forward").click();
  await expect(clock(page)).toHaveAttribute("data-time-ms", "600000");
  await expect(told(page)).toContainText(["site dc2 — datacenter switchover (Stop-DatabaseAvailabilityGroup, Restore-DatabaseAvailabilityGroup)"]);
  // "All N steps": a line is a button that goes to its moment.
  await page.locator(".all-steps summary").click();
  await page.locator(".steps button", { hasText: "ex1, ex2, ex3, ex4 — quorum in their own eyes" }).click();
  await expect(clock(page)).toHaveAttribute("data-time-ms", "3610000");
  await expect(told(page)).toContainText(["ex1, ex2, ex3, ex4 — quorum in their own eyes: 5 of 9 votes they last knew, 5 needed"]);
});

test("3. the quorum panel shows the test that decides when it is decided, then the recount", async ({ page }) => {
  await openFresh(page, "/dag/");
  await page.goto("/dag/#lesson=third-site-witness-failover");
  await button(page, "Step forward").click();
  await expect(clock(page)).toHaveAttribute("data-time-ms", "10000");
  await expect(quorum(page)).toHaveText(
    "Held: 5 of 9 votes, 5 needed; then recounted: 5 of 5 votes, 3 needed from now on (node and file share majority; dynamic quorum and witness votes)",
  );
  await expect(told(page)).toContainText(["quorum — held: 5 of 9 votes, 5 needed", "quorum — recounted: 5 of 5 votes, 3 needed from now on"]);
});

test("4. presenter keys do what the hint says wherever the focus is; Close and one Escape leave", async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openFresh(page, "/dag/");
  await page.goto("/dag/#present=third-site-witness-failover");
  const title = page.locator(".presenter-title");
  await expect(title).toHaveText("A datacenter fails; the witness in a third site keeps the DAG running");
  // Space after a click on "Next lesson" plays the next lesson; it does not skip another.
  await page.getByRole("button", { name: /^Next lesson:/ }).click();
  await expect(title).toHaveText("The witness in the primary datacenter: a manual datacenter switchover");
  // Its questions asked as dc1 fails, R reveals each; then Space plays.
  await page.keyboard.press("r");
  await page.keyboard.press("r");
  await page.keyboard.press(" ");
  await expect(button(page, "Pause")).toBeVisible();
  await expect(title).toHaveText("The witness in the primary datacenter: a manual datacenter switchover");
  await page.keyboard.press(" ");
  await expect(button(page, "Play")).toBeVisible();
  // With the list of steps open (its summary focused), Space still plays and the arrows step.
  await page.locator(".all-steps summary").click();
  const before = await clock(page).getAttribute("data-time-ms");
  await page.keyboard.press("ArrowRight");
  await expect(clock(page)).not.toHaveAttribute("data-time-ms", before);
  await page.keyboard.press(" ");
  await expect(button(page, "Pause")).toBeVisible();
  await page.keyboard.press(" ");
  // One Escape leaves, the lesson's notice with it.
  await page.keyboard.press("Escape");
  await expect(page.locator(".app.presenting")).toHaveCount(0);
  await expect(page.locator(".notice")).toHaveCount(0);
  // Close in presenter mode leaves it too: no empty panel.
  await page.goto("/dag/#present=third-site-witness-failover");
  await expect(page.locator(".app.presenting")).toBeAttached();
  await button(page, "Close").click();
  await expect(page.locator(".app.presenting")).toHaveCount(0);
});

test("5. presenter mode gives a 2003 diagram no less than the planner does, and a comparison can be presented at one scale", async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openFresh(page, "/");
  const nameHeight = () => page.locator('g.node[aria-label="node1"] .name').evaluate((e) => e.getBoundingClientRect().height);
  await page.goto("/#lesson=single-node-failure");
  await expect(clock(page)).toHaveAttribute("data-time-ms", "0");
  const planner = await nameHeight();
  await page.getByRole("button", { name: "Present", exact: true }).click();
  await expect(page.locator(".app.presenting")).toBeAttached();
  await expect.poll(nameHeight).toBeGreaterThanOrEqual(planner - 0.5);
  // A/A beside A/P (under the presets' own script), presented: its title says so, and a node's name keeps
  // its size when a group turns pending (the drawing re-fitted and shrank by a third).
  await openFresh(page, "/");
  await page.getByRole("button", { name: "Compare A/A with A/P" }).click();
  await page.getByRole("button", { name: "Present", exact: true }).click();
  await expect(page.locator(".presenter-title")).toHaveText(/^Comparing /);
  const chipText = page.locator('.pane-diagram').first().locator("g.node text.name").first();
  const healthy = await chipText.evaluate((e) => e.getBoundingClientRect().height);
  await seek(page, 30_000);
  await expect(page.locator(".pane").first().locator("tr.group-row.pending")).toHaveCount(1);
  expect(await chipText.evaluate((e) => e.getBoundingClientRect().height)).toBeCloseTo(healthy, 1);
  expect(healthy).toBeGreaterThanOrEqual(14);
  await page.screenshot({ path: `${shots}/compare-presented.png` });
});

test("6. a box's detail (DACP, who uses an address) is never under its fail control", async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openFresh(page, "/dag/");
  await page.goto("/dag/#present=dac-stops-split-brain");
  await seek(page, 3_610_000);
  await expect(server(page, "ex1")).toHaveText("stopped · 0 active · DACP 0");
  const overlap = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  for (const box of await page.locator("g.server, g.vip, g.witness").all()) {
    const detail = await box.locator("text.detail").boundingBox();
    const control = box.locator(".toggle");
    if ((await control.count()) === 0) continue;
    expect(overlap(detail, await control.boundingBox()), await box.getAttribute("data-server")).toBe(false);
  }
  await page.screenshot({ path: `${shots}/presenter-dac.png` });
});

/** Opens the report view of the DAG the planner autosaved, as its "Report & exports" link does. */
async function report(page) {
  await expect.poll(() => page.evaluate(() => localStorage.getItem("clusterplan.dag.v1") !== null)).toBe(true);
  await page.goto("/report/#dag");
  await expect(page.locator("main.report")).toBeAttached();
}

test("7. the printed report keeps words whole in its findings table", async ({ page }) => {
  await openFresh(page, "/dag/");
  await report(page);
  await expect(page.locator("main.report")).toBeAttached();
  await page.emulateMedia({ media: "print" });
  await page.setViewportSize({ width: 700, height: 1000 }); // A4's printable width at 96 dpi
  const broken = await page.evaluate(() => {
    const canvas = document.createElement("canvas").getContext("2d");
    const problems = [];
    for (const cell of document.querySelectorAll(".report td, .report th")) {
      const style = getComputedStyle(cell);
      canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const room = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      for (const word of cell.textContent.split(/\s+/).filter((w) => w.length > 1 && w.length < 25)) {
        if (canvas.measureText(word).width > room + 1) problems.push(`${word} in ${Math.round(room)} px`);
      }
    }
    return problems;
  });
  expect(broken).toEqual([]);
});

test("8. the deployment script gives paths, mounts before seeding, and names the witness directory and its permissions", async ({ page }) => {
  await openFresh(page, "/dag/");
  await report(page);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Deployment script" }).click()]);
  const script = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
  expect(script).toContain("New-DatabaseAvailabilityGroup -Name DAG1 -WitnessServer fsw -WitnessDirectory 'C:\\DAGFileShareWitnesses\\DAG1'");
  expect(script).toContain("Exchange Trusted Subsystem");
  expect(script).toContain("New-MailboxDatabase -Name db1 -Server ex1 -EdbFilePath 'C:\\ExchangeDatabases\\db1\\db1.db\\db1.edb' -LogFolderPath 'C:\\ExchangeDatabases\\db1\\db1.log'\nMount-Database -Identity db1\nAdd-MailboxDatabaseCopy -Identity db1 -MailboxServer ex2");
});

test("9. the DAG planner an architect can drive: a generated shape, the next copy, a preference edited, the versions", async ({ page }) => {
  await openFresh(page, "/dag/");
  await page.locator("details.generator summary").click();
  await page.getByLabel("Members per datacenter").fill("3");
  await page.getByLabel("Databases", { exact: true }).fill("24");
  await page.getByLabel("Copies per datacenter").fill("3");
  await page.getByLabel("The last copy lagged 7 days").uncheck();
  await page.getByLabel("Active copies").selectOption("primary");
  await expect(page.getByLabel("Client namespace (an address in each datacenter)")).toBeChecked();
  await button(page, "Build").click();
  await expect(page.locator(".databases tbody tr[data-database]")).toHaveCount(24);
  // A new design is for the Exchange supported today.
  await expect(page.locator(".mode.active-passive")).toHaveText("DAG, Exchange SE");
  // Six copies a database, three a datacenter, none lagged, every one active in dc1; the namespace kept.
  await expect(page.locator('tr[data-database="db1"] .copy')).toHaveCount(6);
  await expect(page.locator(".copy.lagged")).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Clients" })).toBeVisible();
  for (const name of ["ex4", "ex5", "ex6"]) await expect(server(page, name)).toHaveText("up · 0 active · DACP 1");
  // Where each database would go next, and why.
  await expect(page.locator('tr[data-database="db1"] td.next')).toHaveText("ex2 (criteria-1)");
  // A copy's activation preference, edited; the table follows.
  await page.locator('tr[data-database="db1"] td[data-server="ex4"] .copy').click();
  await page.getByLabel("Activation preference").fill("2");
  await page.getByLabel("Activation preference").press("Enter");
  await expect(page.locator('tr[data-database="db1"] td[data-server="ex4"] .copy')).toHaveText("2");
  await expect(page.locator('tr[data-database="db1"] td.next')).toHaveText("ex4 (criteria-1)");
  // The versions, in the page (Escape, from the inspector, lets go of the copy).
  await page.locator("#inspector").focus();
  await page.keyboard.press("Escape");
  await page.getByLabel("Exchange version").selectOption("2016");
  await expect(page.locator(".mode.active-passive")).toHaveText("DAG, Exchange 2016");
  await expect(page.getByLabel("Windows Server version")).toBeVisible();
});

test("10. after Start-DAG the findings say to move the witness back and rebalance, and the witness line says 'down' once", async ({ page }) => {
  await openFresh(page, "/dag/");
  await page.locator('button[data-preset="dag-2site-no-third"]').click();
  await button(page, "Fail site dc1").click();
  await expect(page.locator(".status")).toContainText("Witness: fsw in dc1 (primary witness, down: no vote)");
  await button(page, "Datacenter switchover to dc2").click();
  await expect(page.locator(".status")).toContainText("Witness: fsw2 in dc2 (alternate witness, votes)");
  await button(page, "Fail the witness").click();
  await button(page, "Restore site dc1").click();
  await button(page, "Start-DAG in dc1").click();
  await button(page, "Restore the witness").click();
  const findings = page.locator(".findings");
  await expect(findings).toContainText("put the witness there again (Set-DatabaseAvailabilityGroup -Identity DAG1)");
  await expect(findings).toContainText("databases are active away from their first activation preference");
  await expect(page.locator(".findings-count")).not.toHaveText("No errors or warnings");
});

test("11. opening a copy's inspector brings the keyboard there; skip links lead past the diagram", async ({ page }) => {
  await openFresh(page, "/dag/");
  await page.locator('tr[data-database="db1"] td[data-server="ex2"] .copy').focus();
  await page.keyboard.press("Enter");
  await expect(page.locator("#inspector")).toBeFocused();
  let tabs = 0;
  while (tabs < 40 && !(await page.getByRole("button", { name: "Remove this copy" }).evaluate((b) => b === document.activeElement))) {
    await page.keyboard.press("Tab");
    tabs += 1;
  }
  expect(tabs).toBeLessThan(20);
  // The first Tab of the page shows the skip links; one goes to the lessons.
  await page.goto("/dag/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Lessons and player" });
  await expect(skip).toBeAttached();
  await skip.focus();
  await page.keyboard.press("Enter");
  await expect(page.locator("#timeline")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Lessons")).toBeFocused();
});

test("12. the lessons sit above the matrix; a worst set is one line; the step list's times are whole", async ({ page }) => {
  await openFresh(page, "/dag/");
  const lessons = await page.locator(".timeline").boundingBox();
  await expect(page.locator(".tolerance button.worst").first()).toBeVisible();
  const matrix = await page.locator(".tolerance").boundingBox();
  expect(lessons.y).toBeLessThan(matrix.y);
  for (const worst of await page.locator(".tolerance button.worst").all()) {
    const lineHeight = await worst.evaluate((e) => parseFloat(getComputedStyle(e).lineHeight) || parseFloat(getComputedStyle(e).fontSize) * 1.3);
    expect((await worst.boundingBox()).height).toBeLessThan(lineHeight * 2 + 8);
  }
  await page.goto("/dag/#lesson=third-site-witness-failover");
  await page.locator(".all-steps summary").click();
  await expect(page.locator(".steps button").first()).toHaveText(/^0\.0 s · site dc1 — fails$/);
  const first = page.locator(".steps li").first();
  expect(await first.evaluate((e) => e.scrollWidth <= e.clientWidth + 1)).toBe(true);
});

test("13. on a phone, the databases' names stay in view while the table scrolls sideways", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openFresh(page, "/dag/");
  const box = page.locator(".databases");
  await box.scrollIntoViewIfNeeded();
  await box.evaluate((e) => (e.scrollLeft = e.scrollWidth));
  await expect.poll(() => box.evaluate((e) => e.scrollLeft)).toBeGreaterThan(100);
  await expect(page.locator('tr[data-database="db1"] th')).toBeInViewport();
  const name = await page.locator('tr[data-database="db1"] th').boundingBox();
  expect(name.x).toBeGreaterThanOrEqual(0);
  await page.screenshot({ path: `${shots}/phone-databases-scrolled.png` });
});

test("14. the comparison's verdict prints the per-group figures it compares", async ({ page }) => {
  await openFresh(page, "/");
  await page.getByRole("button", { name: "Compare A/A with A/P" }).click();
  await seek(page, 689_000);
  const sentence = page.locator(".comparison .sentence");
  await expect(sentence).toContainText("267 s of downtime in all (133.5 s per group)");
  await expect(sentence).toContainText("1 of 1 group online at the end");
  await expect(sentence).toContainText("178 s of downtime in all (178 s per group)");
});

test("15. words: a scripted failure cites no source, a CSV is named, plurals agree, and no page warns in the console", async ({ page }) => {
  const messages = complaints(page);
  await openFresh(page, "/dag/");
  await page.goto("/dag/#lesson=third-site-witness-failover");
  await expect(told(page)).toHaveText(["site dc1 — fails"]);
  await expect(narration(page).locator("ul.key li")).toHaveText(["site dc1 — fails: the failure script says so"]);
  await page.setInputFiles('input[aria-label="Import a design file"]', {
    name: "DAGInfo.csv",
    mimeType: "text/csv",
    buffer: Buffer.from('"DAGName", "DAGIps", "WitnessServer"\r\n"VersionNumber","2.1","7.6"\r\n"DAG1","10.0.0.10","FSW1"\r\n'),
  });
  // A DAGInfo.csv alone is the Calculator's export without its databases: refused, named.
  await expect(page.locator(".notice")).toContainText("This file is not a design clusterplan can open: MailboxDatabases.csv is missing: the Calculator exports it beside the others");
  await page.locator('button[data-preset="dag-pa-8"]').click();
  await report(page);
  await expect(page.locator("main.report")).toContainText("2 for the namespace; 2 DNS names.");
  await expect(page.locator("main.report")).not.toContainText("(s)");
  await page.goto("/dag/");
  await page.locator('button[data-preset="dag-2-member"]').click();
  await page.goto("/report/#dag");
  await expect(page.locator("main.report")).toContainText("0 for the namespace; 1 DNS name.");
  await page.goto("/");
  await expect(page.locator("body[data-ready]")).toBeAttached();
  expect(messages).toEqual([]);
});
