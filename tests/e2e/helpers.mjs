// What the specs share: the screenshot folder, a fresh page with no autosave, the DAG generator filled in, and a
// real-mouse drag.
import { expect } from "@playwright/test";
import { mkdirSync } from "node:fs";

export const shots = "test-results/screenshots";
mkdirSync(shots, { recursive: true });

/** Opens `path` on a clean slate (no autosave), failing the test on any dialog, and waits for the app. The
 * storage is cleared from a page of the same origin that runs no planner (the component's package.json,
 * which scripts/build-web puts beside the pages), so no planner still open can save its design again after
 * the clearing. */
export async function openFresh(page, path) {
  page.on("dialog", (dialog) => {
    throw new Error(`unexpected dialog: ${dialog.message()}`);
  });
  await page.goto("/component/package.json");
  await page.evaluate(() => localStorage.clear());
  await page.goto(path);
  await expect(page.locator("body[data-ready]")).toBeAttached();
}

/** Opens the DAG page's generator and types a symmetric DAG's size into it: `perSite` members in each
 * datacenter and `databases` databases. The caller presses Build (or watches the page first). */
export async function fillGenerator(page, perSite, databases) {
  await page.locator("details.generator summary").click();
  await page.getByLabel("Members per datacenter").fill(String(perSite));
  await page.getByLabel("Databases", { exact: true }).fill(String(databases));
}

/** Drags with the real mouse from the middle of one element to the middle of another, in steps. */
export async function drag(page, from, to) {
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) {
    await page.mouse.move(a.x + a.width / 2 + ((b.x + b.width / 2 - a.x - a.width / 2) * i) / 12, a.y + a.height / 2 + ((b.y + b.height / 2 - a.y - a.height / 2) * i) / 12);
  }
  await page.mouse.up();
}

/** Whether `selector`'s `attribute` stays as it is while the page paints `frames` frames (30 frames hold at
 * least three of the player's 100 ms ticks): resolves at the first change, so a clock that still runs
 * shows itself as soon as it moves, and a still one after those frames, with no fixed wait. */
export function staysPut(page, selector, attribute, frames = 30) {
  return page.evaluate(
    ([selector, attribute, frames]) =>
      new Promise((resolve) => {
        const element = document.querySelector(selector);
        const before = element.getAttribute(attribute);
        const observer = new MutationObserver(() => {
          if (element.getAttribute(attribute) !== before) {
            observer.disconnect();
            resolve(false);
          }
        });
        observer.observe(element, { attributes: true, attributeFilter: [attribute] });
        let painted = 0;
        const frame = () => {
          if (++painted >= frames) {
            observer.disconnect();
            resolve(element.getAttribute(attribute) === before);
          } else {
            requestAnimationFrame(frame);
          }
        };
        requestAnimationFrame(frame);
      }),
    [selector, attribute, frames],
  );
}

/** Reveals every question a lesson asks at the moment shown, so that its script plays on (a lesson's
 * questions stop the player until answered or revealed). */
export async function revealQuestions(page) {
  const reveal = page.getByRole("button", { name: "Reveal the answer" });
  await expect(page.locator("body[data-ready]")).toBeAttached();
  while ((await reveal.count()) > 0) await reveal.first().click();
}
