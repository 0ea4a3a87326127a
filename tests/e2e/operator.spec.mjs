// Operator steps from the inspectors: a 2003 node paused takes no failover, a dead one evicted, a DAG member in maintenance
// hands its databases over and then leaves them dismounted when the other member fails, a suspended copy is
// passed over. Each step is undoable like a failure, and said on the diagram.
import { test, expect } from "@playwright/test";
import { openFresh, shots } from "./helpers.mjs";

const button = (scope, name) => scope.getByRole("button", { name, exact: true });

test("2003: a paused node keeps what it runs but takes no failover; resumed, it takes groups again", async ({ page }) => {
  await openFresh(page, "/");
  const inspector = page.locator(".inspector");
  await page.locator('svg g.node[aria-label="node4"] text.name').click();
  await expect(page.locator("#inspector-title")).toHaveText("Node node4");
  await button(inspector, "Pause node4").click();
  await expect(page.locator('svg g.node[aria-label="node4"]')).toHaveClass(/paused/);
  await expect(inspector).toContainText("paused — runs nothing");
  await page.locator('svg [aria-label="Fail node3"]').click();
  const evs3 = page.locator(".results tr", { hasText: "EVS3" });
  await expect(evs3).toContainText("failed");
  await expect(evs3).toContainText("node4 is paused");
  // Undo the failure, resume node4, fail node3 again: the passive node takes EVS3.
  await button(page, "Undo").click();
  await page.locator('svg g.node[aria-label="node4"] text.name').click();
  await button(inspector, "Resume node4").click();
  await expect(page.locator('svg g.node[aria-label="node4"]')).not.toHaveClass(/paused/);
  await page.locator('svg [aria-label="Fail node3"]').click();
  await expect(page.locator('svg g.node[aria-label="node4"] g.chip[data-group="EVS3"]')).toBeVisible();
});

test("2003: a dead node evicted from the inspector; the majority node set counts the nodes left", async ({ page }) => {
  // The evict lesson's design: four nodes, a majority node set. Close its player and act on the design.
  await openFresh(page, "/#lesson=evict-a-dead-node");
  await button(page.locator("#timeline"), "Close").click();
  const inspector = page.locator(".inspector");
  await page.locator('svg [aria-label="Fail node1"]').click();
  await page.locator('svg g.node[aria-label="node1"] text.name').click();
  await expect(page.locator("#inspector-title")).toHaveText("Node node1");
  await button(inspector, "Evict node1").click();
  await expect(page.locator('svg g.node[aria-label="node1"]')).toHaveClass(/evicted/);
  await expect(page.locator('svg [aria-label="Restore node1"]')).toHaveCount(0);
  await expect(page.locator(".results")).toContainText("majority node set: 3 of 3 nodes are up and in contact (2 needed)");
  // node2 fails too: 2 of the 3 nodes left keep quorum; EVS2 has nowhere to go.
  await page.locator('svg [aria-label="Fail node2"]').click();
  await expect(page.locator(".results")).toContainText("majority node set: 2 of 3 nodes are up and in contact (2 needed)");
  await expect(page.locator(".results tr", { hasText: "EVS2" })).toContainText("node1 was evicted from the cluster");
  await expect(page.locator('svg g.node[aria-label="node3"] g.chip[data-group="EVS3"]')).toBeVisible();
  // A node that runs the Cluster service is not evicted: the inspector offers it only for a node that is down.
  await page.locator('svg g.node[aria-label="node3"] text.name').click();
  await expect(button(inspector, "Evict node3")).toHaveCount(0);
});

test("DAG: maintenance mode from the inspector moves the databases off, and a suspended copy is passed over", async ({ page }) => {
  await openFresh(page, "/dag/");
  await page.click('button[data-preset="dag-2-member"]');
  const inspector = page.locator(".dag-inspector");
  const verdict = (database) => page.locator(`tr[data-database="${database}"] td.verdict`);
  await page.locator('g.server[data-server="ex1"] g.grip').click();
  await expect(inspector.locator("h2")).toHaveText("Server ex1");
  await button(inspector, "Start maintenance").click();
  await expect(verdict("db1")).toContainText("mounted on ex2");
  await expect(verdict("db1")).toContainText("ex1 is in maintenance (StartDagServerMaintenance.ps1)");
  await expect(page.locator('g.server[data-server="ex1"]')).toContainText("maintenance");
  await expect(inspector).toContainText("in maintenance; 0 databases active");
  // The other member fails while ex1 is in maintenance: its copies are blocked, nothing mounts.
  await page.locator('svg [aria-label="Fail ex2"]').click();
  await expect(verdict("db1")).toContainText("dismounted");
  await expect(verdict("db2")).toContainText("ex1 is in maintenance");
  await page.screenshot({ path: `${shots}/maintenance.png` });
  // Ending the maintenance lets best copy selection mount them on ex1.
  await page.locator('g.server[data-server="ex1"] g.grip').click();
  await button(inspector, "End maintenance").click();
  await expect(verdict("db1")).toContainText("mounted on ex1");
  await expect(verdict("db2")).toContainText("mounted on ex1");
  // A suspended copy: restore ex2, suspend db1's copy there, fail ex1: db1 has nowhere to go.
  await page.locator('svg [aria-label="Restore ex2"]').click();
  await page.locator('td[data-database="db1"][data-server="ex2"] .copy').click();
  await expect(inspector.locator("h2")).toHaveText("db1 on ex2");
  await button(inspector, "Suspend this copy").click();
  await expect(page.locator('td[data-database="db1"][data-server="ex2"] .copy')).toHaveClass(/suspended/);
  await page.locator('svg [aria-label="Fail ex1"]').click();
  await expect(verdict("db1")).toContainText("the copy on ex2 is suspended (Suspend-MailboxDatabaseCopy)");
  await expect(verdict("db2")).toContainText("mounted on ex2");
  // An operator step that makes no sense now is refused with its reason, and changes nothing.
  await page.locator('td[data-database="db2"][data-server="ex2"] .copy').click();
  await button(inspector, "Suspend this copy").click();
  await expect(page.getByRole("alert")).toContainText("the copy of db2 on ex2 is mounted: an active copy is not suspended");
  await expect(verdict("db2")).toContainText("mounted on ex2");
});

test("DAG: a switchover once the active copy is gone is Lossless unless -MountDialOverride says otherwise", async ({ page }) => {
  await openFresh(page, "/dag/");
  await page.click('button[data-preset="dag-2-member"]');
  const inspector = page.locator(".dag-inspector");
  const verdict = page.locator('tr[data-database="db2"] td.verdict');
  // db2's copy on ex1 is 9 logs behind; its active copy on ex2 fails: 9 is more than GoodAvailability's 6.
  await page.locator('td[data-database="db2"][data-server="ex1"] .copy').click();
  await expect(inspector.locator("h2")).toHaveText("db2 on ex1");
  await inspector.getByLabel("Copy queue (logs)").fill("9");
  await inspector.getByLabel("Copy queue (logs)").press("Enter");
  await page.locator('td[data-database="db2"][data-server="ex2"] .copy').click();
  await button(inspector, "Fail this copy").click();
  await expect(verdict).toContainText("dismounted");
  await expect(verdict).toContainText("misses 9 logs, more than GoodAvailability allows (6)");
  // Lossless, the cmdlet's default, refuses; BestEffort mounts it, and the 9 logs are lost.
  await page.locator('td[data-database="db2"][data-server="ex1"] .copy').click();
  await button(inspector, "Switchover here").click();
  await expect(page.getByRole("alert")).toContainText("-MountDialOverride Lossless (the cmdlet's default) accepts none");
  await expect(verdict).toContainText("dismounted");
  await inspector.locator("details.switchover-choices summary").click();
  await inspector.getByLabel("-MountDialOverride").selectOption("best-effort");
  await button(inspector, "Switchover here").click();
  await expect(verdict).toContainText("mounted on ex1, 9 logs lost");
});

test("DAG: a failed copy is suspended, then reseeded from the inspector; a reseed in a script takes its time", async ({ page }) => {
  await openFresh(page, "/dag/");
  await page.click('button[data-preset="dag-2-member"]');
  const inspector = page.locator(".dag-inspector");
  const copy = page.locator('td[data-database="db1"][data-server="ex2"] .copy');
  await copy.click();
  await button(inspector, "Fail this copy").click();
  await expect(copy).toHaveClass(/copy-failed/);
  await expect(button(inspector, "Reseed this copy")).toHaveCount(0);
  await button(inspector, "Suspend this copy").click();
  await button(inspector, "Reseed this copy").click();
  // A click's reseed is done at once: the copy is healthy and replicating again.
  await expect(copy).toHaveClass(/passive/);
  await expect(button(inspector, "Suspend this copy")).toBeVisible();
  // Played with times, the copy is reseeded for 200 GB at 20 s a GB (66 min 40 s), unavailable meanwhile.
  const timeline = page.locator("#timeline");
  await timeline.locator("#script").fill("fail-copy:db1@ex2@0s\nsuspend-copy:db1@ex2@1min\nreseed:db1@ex2@2min\nfail:ex1@10min");
  await button(timeline, "Play the script").click();
  await timeline.locator("#seek").fill("700000");
  await expect(copy).toHaveClass(/seeding/);
  await expect(page.locator('tr[data-database="db1"] td.verdict')).toContainText("the copy on ex2 is being reseeded (Update-MailboxDatabaseCopy)");
  await timeline.locator("#seek").fill("100000000");
  await expect(page.locator('tr[data-database="db1"] td.verdict')).toContainText("mounted on ex2");
  await expect(timeline.locator(".steps")).toContainText("1 h 08 min 40 s · db1@ex2 — reseeded: healthy, and replicating again");
});

test("a rolling patch written for either planner plays through with everything serving at the end", async ({ page }) => {
  await openFresh(page, "/");
  const timeline = page.locator("#timeline");
  await button(timeline, "Write a rolling patch").click();
  await expect(timeline.locator("#script")).toHaveValue(/^pause:node1@0s\nmove:EVS1=node4@30s\nfail:node1@3min\n/);
  await button(timeline, "Play the script").click();
  await timeline.locator("#seek").fill("10000000");
  await expect(timeline.locator(".clock")).toContainText("38 min");
  await expect(page.locator(".results tr", { hasText: "EVS1" })).toContainText("online");
  await expect(page.locator(".results tr", { hasText: "EVS2" })).toContainText("online");
  await expect(page.locator(".results tr", { hasText: "EVS3" })).toContainText("online");
  await openFresh(page, "/dag/");
  await page.click('button[data-preset="dag-2-member"]');
  await button(timeline, "Write a rolling patch").click();
  await expect(timeline.locator("#script")).toHaveValue(/^maintenance:ex1@0s\nfail:ex1@3min\nrestore:ex1@6min\nend-maintenance:ex1@8min\nmaintenance:ex2@10min/);
  await button(timeline, "Play the script").click();
  await timeline.locator("#seek").fill("10000000");
  await expect(timeline.locator(".progress")).toContainText("2 of 2 databases mounted");
  await expect(page.locator('tr[data-database="db2"] td.verdict')).toContainText("mounted on ex2");
});

test("the runbook of the design's script is downloaded from the report view", async ({ page }) => {
  await openFresh(page, "/dag/");
  await page.click('button[data-preset="dag-2-member"]');
  const openReport = async () => {
    const [report] = await Promise.all([page.waitForEvent("popup"), page.getByRole("link", { name: "Report & exports" }).click()]);
    await expect(report.locator("main.report h1")).toBeVisible();
    return report;
  };
  // Without a script there is nothing to write, and the view says so.
  let report = await openReport();
  await report.getByRole("button", { name: "Runbook" }).click();
  await expect(report.getByRole("status")).toContainText("the design has no failure script to write as a runbook");
  await report.close();
  await page.locator("#script").fill("maintenance:ex1@0s\nfail:ex2@5min\nend-maintenance:ex1@10min");
  await page.getByRole("button", { name: "Play the script" }).click();
  report = await openReport();
  const [download] = await Promise.all([report.waitForEvent("download"), report.getByRole("button", { name: "Runbook" }).click()]);
  expect(download.suggestedFilename()).toBe("Two-member DAG runbook.txt");
  const chunks = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString("utf8");
  expect(text).toContain("1. maintenance:ex1@0s (operator step)\n   cd $exscripts\n   .\\StartDagServerMaintenance.ps1 -serverName ex1");
  expect(text).toContain("2. fail:ex2@5min (happens)\n   expect: 0 of 2 databases mounted; quorum held");
  expect(text).toContain(".\\StopDagServerMaintenance.ps1 -serverName ex1");
  expect(text).toContain("expect: DatabaseCopyAutoActivationPolicy Unrestricted, as the design has it; its copies may be activated again; 2 active on ex1");
});
