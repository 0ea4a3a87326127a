// The WebAssembly component in Chromium: its example page, which uses only the package, under the app's
// strict Content-Security-Policy; the worker's analysis equals the one Node gives for the same design.
import { test, expect } from "@playwright/test";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const packageDir = resolve(import.meta.dirname, "../../dist/component");
const component = await import(pathToFileURL(join(packageDir, "node.js")).href);

/** Opens the example page, failing on any console error or Content-Security-Policy violation. */
async function openExample(page) {
  const problems = [];
  page.on("console", (message) => message.type() === "error" && problems.push(message.text()));
  page.on("pageerror", (error) => problems.push(error.message));
  await page.goto("/example/");
  await page.evaluate(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      document.body.dataset.violation = `${event.violatedDirective} ${event.blockedURI}`;
    });
  });
  await expect(page.locator("#status")).toHaveText("Ready");
  return problems;
}

for (const [id, maxFailures] of [["eight-node-7a1p", ""], ["dag-pa-8", "3"]]) {
  test(`example page: ${id} checked, and analysed in the worker as Node analyses it`, async ({ page }) => {
    const problems = await openExample(page);
    await page.locator("#preset").selectOption(id);
    await page.locator("#max").fill(maxFailures);
    await page.locator("#check").click();
    await expect(page.locator("#status")).toHaveText("Done");
    await expect(page.locator("#findings li").first()).toBeVisible();
    const fromWorker = JSON.parse(await page.locator("#raw").textContent());
    const options = maxFailures === "" ? {} : { maxFailures: Number(maxFailures) };
    expect(fromWorker).toEqual(component.analyze(component.preset(id), options));
    expect(await page.locator("#progress").evaluate((p) => p.value)).toBe(1);
    expect(await page.locator("body").getAttribute("data-violation")).toBeNull();
    expect(problems).toEqual([]);
  });
}

test("example page: a broken scenario is reported where it is broken, as text", async ({ page }) => {
  await openExample(page);
  const design = component.preset("two-node-active-passive");
  design.groups[0].owner = "<b>node9</b>";
  await page.locator("#design").fill(JSON.stringify(design));
  await page.locator("#check").click();
  await expect(page.locator("#status")).toContainText('groups[0].owner: no node named "<b>node9</b>"');
  expect(await page.locator("#status b").count()).toBe(0);
});

test("example page: a long analysis shows progress, the page stays responsive, and cancel stops it", async ({ page }) => {
  await openExample(page);
  // 20 nodes, every set of failures: about a million sets, seconds of work in the worker.
  const design = component.preset("four-node-3a1p");
  for (let i = 5; i <= 20; i++) design.nodes.push({ ...design.nodes[3], name: `node${i}` });
  await page.locator("#design").fill(JSON.stringify(design));
  await page.locator("#max").fill("");
  await page.locator("#check").click();
  await expect(page.locator("#status")).toContainText("Analysing:");
  // The main thread answers while the worker works.
  expect(await page.evaluate(() => 6 * 7)).toBe(42);
  await page.locator("#cancel").click();
  await expect(page.locator("#status")).toHaveText("Cancelled");
});
