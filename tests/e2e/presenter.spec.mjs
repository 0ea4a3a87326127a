// Presenter mode on a projector (1920×1080): large type, the narration and the player only, driven by the
// keyboard, the lessons in sequence; and the DAG topology's zoom.
import { test, expect } from "@playwright/test";
import { openFresh, shots } from "./helpers.mjs";

const fontSize = (locator) => locator.evaluate((e) => parseFloat(getComputedStyle(e).fontSize));

test("presenter mode on the 2003 page: a #present link, keys only, the next lesson, Escape back", async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openFresh(page, "/");
  await page.goto("/#present");
  await expect(page.locator(".app.presenting")).toBeAttached();
  await expect(page.locator(".presenter-title")).toHaveText("One node fails in a 3 active / 1 passive cluster");
  // Only the player beside the diagram; the other panels wait.
  await expect(page.locator(".ips")).toBeHidden();
  await expect(page.locator(".findings")).toBeHidden();
  const clock = page.locator(".clock");
  await expect(clock).toHaveAttribute("data-time-ms", "0");
  // The keyboard drives it: the right arrow steps, Space plays and pauses.
  await page.keyboard.press("ArrowRight");
  await expect(clock).not.toHaveAttribute("data-time-ms", "0");
  expect(await fontSize(page.locator(".narration"))).toBeGreaterThanOrEqual(28);
  expect(await fontSize(page.locator(".progress"))).toBeGreaterThanOrEqual(24);
  await expect(page.locator(".progress")).toContainText("EVS3");
  await page.keyboard.press(" ");
  await expect(page.getByRole("button", { name: "Pause", exact: true })).toBeVisible();
  await page.keyboard.press(" ");
  await expect(page.getByRole("button", { name: "Play", exact: true })).toBeVisible();
  // The diagram fills its side of the screen.
  const canvas = await page.locator(".canvas").boundingBox();
  expect(canvas.width).toBeGreaterThan(1100);
  await page.screenshot({ path: `${shots}/presenter-2003.png` });
  // N opens the next lesson.
  await page.keyboard.press("n");
  await expect(page.locator(".presenter-title")).toHaveText("A second failure with no standby left");
  await expect(clock).toHaveAttribute("data-time-ms", "0");
  // One Escape leaves presenter mode, the lesson's notice with it.
  await page.keyboard.press("Escape");
  await expect(page.locator(".app.presenting")).toHaveCount(0);
  await expect(page.locator(".notice")).toHaveCount(0);
  await expect(page.locator(".ips")).toBeVisible();
});

test("presenter mode with the 8-node preset's own script: the diagram takes the width, its labels readable from the back", async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openFresh(page, "/");
  await page.locator('button[data-preset="eight-node-7a1p"]').click();
  await page.locator("#script").fill("fail:node3@0s");
  await page.getByRole("button", { name: "Play the script" }).click();
  await page.getByRole("button", { name: "Present", exact: true }).click();
  await expect(page.locator(".presenter-title")).toHaveText("Eight-node cluster, 7 active / 1 passive");
  await page.locator("#seek").fill("8000");
  await expect(page.locator(".progress")).toContainText("EVS3 pending");
  // Eight nodes in a row are twice as wide as tall: the diagram spans the screen, the player sits below.
  const canvas = await page.locator(".canvas").boundingBox();
  const player = await page.locator(".timeline").boundingBox();
  expect(canvas.width).toBeGreaterThan(1900);
  expect(player.y).toBeGreaterThanOrEqual(canvas.y + canvas.height - 1);
  // On screen (not the font's nominal size: the svg is scaled), node names of 16 px and disk labels of
  // 12 px at least; beside the player they were 11 and 9.
  const height = (locator) => locator.evaluate((e) => e.getBoundingClientRect().height);
  expect(await height(page.locator('g.node[aria-label="node8"] .name'))).toBeGreaterThanOrEqual(16);
  expect(await height(page.locator("g.disk text").first())).toBeGreaterThanOrEqual(12);
  await expect(page.locator('g.node[aria-label="node8"]')).toBeInViewport();
  await expect(page.locator(".progress")).toBeInViewport();
  await page.screenshot({ path: `${shots}/presenter-eight-nodes.png` });
});

test("presenter mode on the DAG page from its button: the topology fitted, databases counted in large type", async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openFresh(page, "/dag/");
  await page.getByRole("button", { name: "Present", exact: true }).click();
  await expect(page.locator(".app.presenting")).toBeAttached();
  await page.locator("#seek").fill("15000");
  await expect(page.locator(".progress")).toContainText("failing over");
  expect(await fontSize(page.locator(".progress"))).toBeGreaterThanOrEqual(24);
  // The whole topology, dc3 and the witness included, within the screen.
  const witness = page.locator('svg [aria-label="Fail the witness"]');
  await expect(witness).toBeInViewport();
  await page.screenshot({ path: `${shots}/presenter-dag.png` });
  await page.getByRole("button", { name: /^Next lesson/ }).click();
  await expect(page.locator(".presenter-title")).not.toHaveText("");
  await page.getByRole("button", { name: "Leave presenter mode" }).click();
  await expect(page.locator(".app.presenting")).toHaveCount(0);
});

test("the DAG topology zooms: fitted to 1024 px it shows dc3 and the witness, zoomed in it scrolls", async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 640 });
  await openFresh(page, "/dag/");
  const svg = page.locator(".topology svg");
  const width = async () => (await svg.boundingBox()).width;
  await page.locator(".topology").getByRole("button", { name: "Fit the diagram" }).click();
  const box = await page.locator(".topology").boundingBox();
  await expect.poll(width, { message: "fitted to the panel" }).toBeLessThanOrEqual(box.width + 1);
  const fitted = await width();
  // Fitted, the third site and the witness stand inside the panel, not past its right edge.
  for (const name of ["dc3", "witness · votes"]) {
    const label = await page.locator(".topology svg text", { hasText: name }).first().boundingBox();
    expect(label.x + label.width, `${name} within the panel`).toBeLessThanOrEqual(box.x + box.width + 1);
  }
  await page.locator(".topology").getByRole("button", { name: "Zoom in" }).click();
  await expect.poll(width, { message: "zoomed in" }).toBeGreaterThan(fitted * 1.2);
  // Failing a server still works at any zoom.
  await page.locator(".topology").getByRole("button", { name: "Fit the diagram" }).click();
  await page.locator('svg [aria-label="Fail ex5"]').click();
  await expect(page.locator('svg [aria-label="Restore ex5"]')).toBeVisible();
});
