// The whole failure matrix on screen in both planners, worked out in the component's worker: a row for
// each number of nodes or servers failed at once, the rows where a set loses something marked, and a
// set that a click fails on the design, so the diagram shows why.
import { test, expect } from "@playwright/test";
import { fillGenerator, openFresh, shots } from "./helpers.mjs";

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

test("DAG at the largest real scale: the failure modes show first, from every set of up to two servers and each site, then the whole matrix fills in", async ({ page }) => {
  await openFresh(page, "/dag/");
  const panel = page.getByRole("region", { name: "Failure modes" });
  await fillGenerator(page, 8, 500);
  // Watch the panel from the click on: what it showed while the rest was still being worked out.
  await page.evaluate(() => {
    window.firstLook = null;
    const panel = document.querySelector(".tolerance");
    new MutationObserver(() => {
      const modes = [...panel.querySelectorAll("tbody tr")].some((tr) => tr.textContent.includes("/500"));
      if (!window.firstLook && modes && panel.querySelector(".working")) {
        window.firstLook = { heading: panel.querySelector("h2").textContent, levels: panel.querySelectorAll("tr.level").length, working: panel.querySelector(".working").textContent };
      }
    }).observe(panel, { subtree: true, childList: true, characterData: true });
  });
  await page.locator("details.generator button").click();
  await expect(panel.locator("tr.level")).toHaveCount(16);
  await expect(panel.locator(".working")).toHaveCount(0);
  const first = await page.evaluate(() => window.firstLook);
  expect(first).toEqual({ heading: "Tolerates any 2 failed servers (of every set of up to 2)", levels: 2, working: expect.stringContaining("working out the rest") });
  // The whole analysis: any three servers, and the worst mode is nine servers down (quorum lost).
  await expect(panel.locator("h2")).toHaveText("Tolerates any 3 failed servers");
  await expect(panel.locator("tr", { hasText: /^worst/ })).toContainText("0/500");
});

test("DAG at the largest real scale: a site failed while the matrix is still being worked out is applied at once, and the whole matrix still arrives for the design", async ({ page }) => {
  await openFresh(page, "/dag/");
  const panel = page.getByRole("region", { name: "Failure modes" });
  await fillGenerator(page, 8, 500);
  // Fail dc1 as soon as the new design is painted while its matrix is still being worked out.
  await page.evaluate(() => {
    window.clicked = null;
    new MutationObserver((_, observer) => {
      const painted = document.querySelector('table.windowed[aria-rowcount="502"]');
      const working = document.querySelector(".tolerance .working");
      const control = document.querySelector('svg [aria-label="Fail site dc1"]');
      if (painted && working && control) {
        observer.disconnect();
        control.dispatchEvent(new MouseEvent("click", { bubbles: true }));
        window.clicked = { working: working.textContent };
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  await page.locator("details.generator button").click();
  await expect(page.locator('svg [aria-label="Restore site dc1"]')).toBeVisible();
  expect(await page.evaluate(() => window.clicked)).toEqual({ working: expect.stringContaining("working out") });
  // The failure shows at once in every panel: dc2's members mount every database.
  await expect(page.locator('.status [aria-label="Quorum state"]')).toContainText("Held");
  await expect(page.locator('.databases tr[data-database="db1"] .verdict strong').first()).toHaveText(/^mounted on ex(9|1[0-6])$/);
  // The matrix is the design's, whatever is failed on it: it finishes, as it does without the click.
  await expect(panel.locator(".working")).toHaveCount(0);
  await expect(panel.locator("tr.level")).toHaveCount(16);
  await expect(panel.locator("h2")).toHaveText("Tolerates any 3 failed servers");
});
