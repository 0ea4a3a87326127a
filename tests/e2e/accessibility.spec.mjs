// axe-core (the npm package, injected into the page) over both planners in their main states: 0
// violations, label-content-name-mismatch included. The injection needs the CSP bypassed for this test
// only; the page's own policy is what every other test runs under.
import { test, expect } from "@playwright/test";
import { createRequire } from "node:module";
import { openFresh } from "./helpers.mjs";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
test.use({ bypassCSP: true });

/** Every axe violation on the page as "rule: target (summary)" lines. */
async function violations(page) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(() =>
    window.axe.run(document, { rules: { "label-content-name-mismatch": { enabled: true } } }),
  );
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")} (${n.failureSummary.split("\n").slice(1, 2).join("")})`));
}

test("the 2003 page in its main states has no axe violations", async ({ page }) => {
  await openFresh(page, "/");
  expect(await violations(page)).toEqual([]);
  await page.locator('svg [aria-label="Fail node3"]').click();
  await page.locator('svg g.node[aria-label="node2"] text.state').click();
  expect(await violations(page)).toEqual([]);
  await page.goto("/#lesson=single-node-failure");
  await page.locator("#seek").fill("40000");
  expect(await violations(page)).toEqual([]);
  await page.getByRole("button", { name: "Compare A/A with A/P" }).click();
  await page.locator("#seek").fill("100000000");
  expect(await violations(page)).toEqual([]);
  await page.getByRole("button", { name: "Close" }).click();
  await page.getByRole("button", { name: "Present", exact: true }).click();
  expect(await violations(page)).toEqual([]);
});

test("the DAG page in its main states has no axe violations", async ({ page }) => {
  await openFresh(page, "/dag/");
  expect(await violations(page)).toEqual([]);
  await page.locator('svg [aria-label="Fail site dc1"]').click();
  await page.locator('svg g.server[data-server="ex5"] g.grip').click();
  expect(await violations(page)).toEqual([]);
  await page.goto("/dag/#lesson=third-site-witness-failover");
  await page.locator("#seek").fill("15000");
  expect(await violations(page)).toEqual([]);
});

test("the report view of each family has no axe violations", async ({ page }) => {
  for (const [planner, preset, report] of [["/", "four-node-3a1p", "/report/#cluster"], ["/dag/", "dag-pa-8", "/report/#dag"]]) {
    await openFresh(page, planner);
    await page.locator(`button[data-preset="${preset}"]`).click();
    await page.goto(report);
    await expect(page.locator("main.report h1")).toBeVisible();
    expect(await violations(page)).toEqual([]);
  }
});
