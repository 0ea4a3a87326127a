// Forks: a lesson plays its fork beside its script on one clock, the diagram shows either branch, a fork made
// mid-lesson from "Fork here instead" replaces it, one that cannot be played is refused with its step, and the
// verdicts at the end say which branch kept more. The 2003 planner forks a script of one's own the same way.
import { test, expect } from "@playwright/test";
import { openFresh, shots } from "./helpers.mjs";

const button = (scope, name) => scope.getByRole("button", { name, exact: true });

test("DAG: a lesson's fork plays beside it, and a fork made mid-lesson replaces it", async ({ page }) => {
  await openFresh(page, "/dag/#lesson=patch-with-or-without-maintenance");
  const timeline = page.locator("#timeline");
  const script = timeline.locator(".fork .branch.trunk");
  const fork = timeline.locator(".fork .branch.forked");
  await expect(fork.locator("h3")).toHaveText("Patched without maintenance mode (from 0.0 s)");
  const verdict = (database) => page.locator(`tr[data-database="${database}"] td.verdict`);
  // Step to the reboot at 1 min: the lesson asks how many databases are mounted; reveal the answer.
  await button(timeline, "Step forward").click();
  await expect(timeline.locator(".clock")).toHaveAttribute("data-time-ms", "10000");
  await button(timeline, "Step forward").click();
  await expect(timeline.locator(".clock")).toHaveAttribute("data-time-ms", "30000");
  await button(timeline, "Step forward").click();
  await expect(timeline.locator(".clock")).toHaveAttribute("data-time-ms", "60000");
  await button(timeline, "Reveal the answer").click();
  await expect(timeline.locator(".graded")).toContainText("2 of 2 databases are mounted");
  // The fork's cluster notices ex1 at 70 s and fails db1 over; the script's db1 is on ex2 all along.
  await button(timeline, "Step forward").click();
  await expect(timeline.locator(".clock")).toHaveAttribute("data-time-ms", "70000");
  await expect(verdict("db1")).toContainText("mounted on ex2");
  await expect(script).toHaveClass(/shown/);
  await button(fork, "Show on the diagram").click();
  await expect(fork).toHaveClass(/shown/);
  await expect(verdict("db1")).toContainText("failing over");
  await expect(fork.locator(".serving")).toHaveText("1 of 2 databases serving users");
  await expect(script.locator(".serving")).toHaveText("2 of 2 databases serving users");
  await page.screenshot({ path: `${shots}/fork.png` });
  // At the end, the verdicts: the planned switchover cost nothing; the fork lost db1 for 22 s.
  await timeline.locator("#seek").fill("450000");
  await expect(timeline.locator(".fork-compared")).toContainText("The script loses less time.");
  await expect(fork.locator(".downtime")).toHaveText("db1: 22.0 s down");

  // Mid-lesson, at 5 min: fork with maintenance left on. The form offers the script's steps from then on.
  await timeline.locator("#seek").fill("300000");
  await button(timeline, "Fork here instead").click();
  const form = timeline.locator("form.fork-form");
  await expect(form.locator("h3")).toHaveText("Fork at 5 min 00 s");
  await expect(form.getByLabel("The fork's steps")).toHaveValue("restore:ex1@5min\nend-maintenance:ex1@6min\nredistribute@7min");
  // One that cannot be played is refused with its step; the lesson's fork stays.
  await form.getByLabel("The fork's steps").fill("fail:ex2@1min");
  await button(form, "Play the fork").click();
  await expect(page.locator(".notice")).toContainText('This fork cannot be played: its step 1: "fail:ex2@1min" is at 60.0 s, before the fork at 5 min 00 s');
  await form.getByLabel("What the fork does differently").fill("Maintenance left on");
  await form.getByLabel("The fork's steps").fill("restore:ex1@5min");
  await button(form, "Play the fork").click();
  await expect(fork.locator("h3")).toHaveText("Maintenance left on (from 5 min 00 s)");
  await timeline.locator("#seek").fill("450000");
  await expect(fork.locator(".at-risk li")).toHaveCount(2);
  await expect(fork.locator(".at-risk li").first()).toContainText("db1: mounted on ex2 with no copy that could take it over");
  await expect(timeline.locator(".fork-compared")).toContainText("The script leaves less data at risk.");
  // Closed, the player plays the script alone.
  await button(timeline, "Close the fork").click();
  await expect(timeline.locator(".fork .branches")).toHaveCount(0);
  await expect(button(timeline, "Fork here")).toBeVisible();
});

test("2003: a script of one's own forked at its start, and the verdicts", async ({ page }) => {
  await openFresh(page, "/");
  await page.click('button[data-preset="two-node-active-passive"]');
  const timeline = page.locator("#timeline");
  await timeline.locator("#script").fill("pause:node2@0s\nfail:node1@1min");
  await button(timeline, "Play the script").click();
  await button(timeline, "Fork here").click();
  const form = timeline.locator("form.fork-form");
  await expect(form.getByLabel("The fork's steps")).toHaveValue("pause:node2@0s\nfail:node1@1min");
  await form.getByLabel("What the fork does differently").fill("Without pausing node2");
  await form.getByLabel("The fork's steps").fill("fail:node1@1min");
  await button(form, "Play the fork").click();
  const fork = timeline.locator(".fork .branch.forked");
  await expect(fork.locator("h3")).toHaveText("Without pausing node2 (from 0.0 s)");
  await timeline.locator("#seek").fill("1000000");
  await expect(timeline.locator(".fork-compared")).toContainText("Without pausing node2 ends with more groups serving.");
  await expect(timeline.locator(".fork .branch.trunk .serving")).toHaveText("0 of 1 group serving users");
  await button(fork, "Show on the diagram").click();
  await expect(page.locator('svg g.node[aria-label="node2"] g.chip[data-group="EVS1"]')).toBeVisible();
});
