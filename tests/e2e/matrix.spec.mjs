// The whole failure matrix on screen in both planners, worked out in the component's worker: a row for
// each number of nodes or servers failed at once, the rows where a set loses something marked, and a
// set that a click fails on the design, so the diagram shows why.
import { test, expect } from "@playwright/test";
import { openFresh, shots } from "./helpers.mjs";

test("2003: the matrix counts the sets that keep every group up, and its worst set fails on a click", async ({ page }) => {
  await openFresh(page, "/");
  await page.locator('button[data-preset="four-node-3a1p"]').click();
  const matrix = page.getByRole("region", { name: "What it tolerates" }).locator("table.matrix");
  const rows = matrix.locator("tbody tr");
  // 4 nodes: 4 single failures, 6 pairs, 4 triples, 1 all; 3 active and 1 passive survive any one.
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(0)).toContainText("4 of 4");
  await expect(rows.nth(0)).not.toHaveClass(/loses/);
  await expect(rows.nth(1)).toContainText("0 of 6");
  await expect(rows.nth(1)).toHaveClass(/loses/);
  const worst = rows.nth(1).getByRole("button");
  await expect(worst).toHaveText("node1 + node2: 2 of 3 groups online");
  await page.getByRole("region", { name: "What it tolerates" }).screenshot({ path: `${shots}/matrix-2003.png` });
  await worst.click();
  // The pair fails on the diagram: EVS1 moved to node4, EVS2 waits in the tray, and undo takes it back.
  await expect(page.locator('svg [aria-label="Restore node1"]')).toBeVisible();
  await expect(page.locator('svg [aria-label="Restore node2"]')).toBeVisible();
  await expect(page.locator('g.node[aria-label="node4"] g.chip[data-group="EVS1"]')).toBeVisible();
  await expect(page.locator('g.chip[data-group="EVS2"]')).toHaveAttribute("aria-label", /EVS2 (offline|failed)/);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.locator('svg [aria-label="Fail node1"]')).toBeVisible();
});

test("DAG: the matrix counts the sets with quorum and every database mounted, and a failure mode's or a level's worst set fails on a click", async ({ page }) => {
  await openFresh(page, "/dag/");
  await page.locator('button[data-preset="dag-pa-8"]').click();
  const panel = page.getByRole("region", { name: "Failure modes" });
  const levels = panel.locator("table.matrix tbody tr.level");
  const worst = panel.locator("table.matrix tbody tr.worst-row");
  await expect(levels).toHaveCount(8);
  // 8 members: every single failure and every pair keeps quorum and all 16 databases (the preset's four
  // copies a database, the witness in a third site).
  await expect(levels.nth(0)).toHaveText(/^1\s*8\s*8\s*8$/);
  await expect(worst.nth(0)).toHaveText("Worst: ex1 leaves 16 of 16 mounted");
  await expect(levels.nth(1)).toHaveText(/^2\s*28\s*28\s*28$/);
  await expect(worst.nth(1)).toHaveText("Worst: ex1 ex2 leaves 16 of 16 mounted");
  await expect(levels.nth(2)).not.toHaveClass(/loses/);
  // Four servers, one of each pair of sites' copies: 64 of the 70 sets keep every database, the worst 12.
  await expect(levels.nth(3)).toHaveText(/^4\s*70\s*70\s*64$/);
  await expect(worst.nth(3)).toHaveText("Worst: ex1 ex3 ex5 ex7 leaves 12 of 16 mounted");
  await expect(levels.nth(3)).toHaveClass(/loses/);
  await panel.screenshot({ path: `${shots}/matrix-dag.png` });
  // The "site dc1, then a server" mode: dc1 fails whole, then ex5.
  const mode = panel.locator("tr", { hasText: "site dc1, then a server" }).getByRole("button");
  await expect(mode).toHaveText("dc1 ex5");
  await mode.click();
  await expect(page.locator('svg [aria-label="Restore site dc1"]')).toBeVisible();
  await expect(page.locator('svg [aria-label="Restore ex5"]')).toBeVisible();
  // A level's worst set replaces the failures applied: four servers down, four databases dismounted.
  await worst.nth(3).getByRole("button").click();
  await expect(page.locator('svg [aria-label="Restore site dc1"]')).toHaveCount(0);
  for (const server of ["ex1", "ex3", "ex5", "ex7"]) await expect(page.locator(`svg [aria-label="Restore ${server}"]`)).toBeVisible();
  await expect(page.locator(".databases tr.dismounted")).toHaveCount(4);
});
