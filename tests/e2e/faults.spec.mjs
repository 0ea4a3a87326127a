// The faults found trying both planners as an architect and a trainer would (issue 14), each driven the
// way it was found, with real keys and clicks in Chromium.
import { test, expect } from "@playwright/test";
import { openFresh, shots, staysPut } from "./helpers.mjs";

const owner = (page, group) => page.locator(`tr[data-group="${group}"] td.owner`);

/** Every console message of the page, as it arrives. */
function consoleOf(page) {
  const messages = [];
  page.on("console", (message) => messages.push(message.text()));
  return messages;
}

test("keys the planner takes log nothing: no passive-listener complaint for Ctrl+Z, Escape or Space", async ({ page }) => {
  const messages = consoleOf(page);
  await openFresh(page, "/");
  await page.locator('svg [aria-label="Fail node3"]').click();
  await page.locator("body").click({ position: { x: 2, y: 2 } });
  await page.keyboard.press("Control+z");
  await expect(owner(page, "EVS3")).toHaveText("node3");
  await page.keyboard.press("Escape");
  await page.keyboard.press(" ");
  await page.keyboard.press("Control+Shift+z");
  await expect(owner(page, "EVS3")).toHaveText("node4");
  expect(messages.filter((m) => m.includes("preventDefault"))).toEqual([]);
});

test("Space on a step list's summary opens it and leaves the player alone", async ({ page }) => {
  await openFresh(page, "/");
  await page.goto("/#lesson=single-node-failure");
  const clock = page.locator(".clock");
  await expect(clock).toHaveAttribute("data-time-ms", "0");
  const summary = page.locator(".player details.all-steps summary");
  await summary.focus();
  await page.keyboard.press(" ");
  await expect(page.locator(".player details.all-steps")).toHaveAttribute("open", "");
  await expect(page.getByRole("button", { name: "Play", exact: true })).toBeVisible();
  expect(await staysPut(page, ".clock", "data-time-ms"), "Space on the summary does not play").toBe(true);
  await expect(clock).toHaveAttribute("data-time-ms", "0");
});

test("arrow keys on the lesson menu and the move menu choose, and only the button acts", async ({ page }) => {
  await openFresh(page, "/");
  const name = page.locator(".design-name");
  const before = await name.textContent();
  const lesson = page.locator("#lesson");
  const first = await lesson.inputValue();
  await lesson.focus();
  await page.keyboard.press("ArrowDown");
  // The menu took the key (its choice moved); only then is "nothing opened" a finding.
  await expect(lesson).not.toHaveValue(first);
  await expect(name).toHaveText(before);
  await expect(page.locator(".player")).toHaveCount(0);
  await page.getByRole("button", { name: "Open lesson" }).click();
  await expect(name).toContainText("Lesson:");
  // The move menu of EVS2 (selected with the keyboard): ArrowDown picks node1, nothing moves until "Move".
  await page.getByRole("button", { name: "Close" }).click();
  await page.locator('svg g.chip[data-group="EVS2"]').focus();
  await page.keyboard.press("Enter");
  const moveTo = page.locator("#move-to");
  const unchosen = await moveTo.inputValue();
  await moveTo.focus();
  await page.keyboard.press("ArrowDown");
  await expect(moveTo).not.toHaveValue(unchosen);
  await expect(page.locator(".notice.refused")).toHaveCount(0);
  await expect(owner(page, "EVS2")).toHaveText("node2");
});

test("a subnet that does not read stays in its field with the reason until the field reads again", async ({ page }) => {
  await openFresh(page, "/");
  const field = page.locator("#subnet-0");
  const kept = await field.inputValue();
  const total = await page.locator("#ips-title").textContent();
  await field.fill("10.10.10.300/24");
  await field.press("Enter");
  const alert = page.locator(".subnet .field-error");
  await expect(alert).toContainText('"10.10.10.300/24" is not an IPv4 subnet');
  await expect(alert).toContainText(`keeps ${kept || "no subnet"}`);
  await expect(field).toHaveValue("10.10.10.300/24");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#ips-title")).toHaveText(total);
  // Typing the old subnet again is a change of the field: the reason goes.
  await field.fill(kept);
  await field.press("Enter");
  await expect(alert).toHaveCount(0);
  await expect(field).toHaveValue(kept);
});

test("a fourth EVS on four nodes: the mode says not supported, the preset is no longer marked, the header counts the error", async ({ page }) => {
  await openFresh(page, "/");
  const preset = page.locator('button[data-preset="four-node-3a1p"]');
  await expect(preset).toHaveAttribute("aria-pressed", "true");
  await expect(page.locator(".findings-count")).toHaveText("No errors or warnings");
  await page.getByRole("button", { name: "Add EVS" }).click();
  await expect(page.getByRole("status", { name: "Configuration" })).toHaveText(
    "Not supported: 4 EVS on 4 nodes leave no passive node to fail over to.",
  );
  await expect(page.getByRole("status", { name: "Configuration" })).toHaveClass(/unsupported/);
  await expect(preset).toHaveAttribute("aria-pressed", "false");
  await expect(page.locator(".findings-count")).toHaveText(/^1 error/);
  await page.locator(".findings-count").click();
  await expect(page.locator("#findings-title")).toBeFocused();
  await expect(page.locator("#findings-title")).toBeInViewport();
  // Undo brings the preset back, and its mark with it.
  await page.keyboard.press("Control+z");
  await expect(preset).toHaveAttribute("aria-pressed", "true");
});

test("Enter on a diagram control keeps the focus on it, now reading the opposite action", async ({ page }) => {
  await openFresh(page, "/");
  await page.locator('svg [aria-label="Fail node3"]').focus();
  await page.keyboard.press("Enter");
  await expect(owner(page, "EVS3")).toHaveText("node4");
  await expect(page.locator('svg [aria-label="Restore node3"]')).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator('svg [aria-label="Fail node3"]')).toBeFocused();
});

test("selecting a node brings its inspector into view, and Escape lets go of it", async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openFresh(page, "/");
  await page.locator('svg g.node[aria-label="node2"] text.state').click();
  await expect(page.locator("#inspector-title")).toHaveText("Node node2");
  await expect(page.locator("#inspector-title")).toBeInViewport();
  await page.keyboard.press("Escape");
  await expect(page.locator("#inspector-title")).toHaveText("Cluster");
  await expect(page.locator('svg g.node[aria-label="node2"]')).not.toHaveClass(/selected/);
});

test("the compare view names both designs in the header and gives its verdict at the end of the script", async ({ page }) => {
  await openFresh(page, "/");
  await page.getByRole("button", { name: "Compare A/A with A/P" }).click();
  await expect(page.locator(".design-name")).toHaveText(
    "Comparing Two-node cluster, active/active and Two-node cluster, active/passive",
  );
  const sentence = page.locator(".comparison .sentence");
  await expect(sentence).toContainText("The verdict shows when the script has played to its end");
  await expect(page.locator(".pane .verdict")).toHaveCount(0);
  await page.locator("#seek").fill("100000000");
  await expect(sentence).toContainText("loses less time per group");
  await expect(sentence).toContainText("But the rules warn against Two-node cluster, active/active");
  await expect(page.locator(".pane .verdict")).toHaveCount(2);
  await page.getByRole("button", { name: "Close" }).click();
  await expect(page.locator(".design-name")).toHaveText("Four-node cluster, 3 active / 1 passive");
});

test("compare the design being edited with a preset, then with a design file", async ({ page }) => {
  await openFresh(page, "/");
  await page.locator("#compare-with").selectOption("eight-node-7a1p");
  await page.getByRole("button", { name: "Compare", exact: true }).click();
  await expect(page.locator(".design-name")).toHaveText(
    "Comparing Four-node cluster, 3 active / 1 passive and Eight-node cluster, 7 active / 1 passive",
  );
  await page.getByRole("button", { name: "Close" }).click();
  const file = JSON.stringify({ version: 1, name: "Somebody's design", nodes: [{ name: "node1" }] });
  await page.locator('input[aria-label="Compare with a design file"]').setInputFiles({
    name: "theirs.json",
    mimeType: "application/json",
    buffer: Buffer.from(file),
  });
  // A file that is no design is refused with the reason, and the design being edited stays.
  await expect(page.locator(".notice.error")).toContainText("That file is not a design clusterplan can compare");
  await expect(page.locator(".design-name")).toHaveText("Four-node cluster, 3 active / 1 passive");
  const exported = await page.evaluate(() => localStorage.getItem("clusterplan.design.v1"));
  const theirs = JSON.parse(exported).scenario;
  theirs.name = "Their four nodes";
  await page.locator('input[aria-label="Compare with a design file"]').setInputFiles({
    name: "theirs.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(theirs)),
  });
  await expect(page.locator(".design-name")).toHaveText(
    "Comparing Four-node cluster, 3 active / 1 passive and Their four nodes",
  );
  await expect(page.locator(".notice")).toHaveCount(0);
  await page.screenshot({ path: `${shots}/compare-file.png` });
});

test("a second tab saving its design is said in the first", async ({ page, context }) => {
  await openFresh(page, "/");
  const other = await context.newPage();
  await other.goto("/");
  await expect(other.locator("body[data-ready]")).toBeAttached();
  await other.locator('button[data-preset="two-node-active-active"]').click();
  await expect(page.locator(".notice.info")).toContainText("Another tab of this planner has just saved its design");
});

test("the DAG page's preset buttons read as designs, the current one marked", async ({ page }) => {
  await openFresh(page, "/dag/");
  const pa = page.locator('button[data-preset="dag-pa-8"]');
  await expect(pa).toHaveText("8 members, witness in a third site");
  await expect(pa).toHaveAttribute("aria-pressed", "true");
  await page.locator('button[data-preset="dag-2-member"]').click();
  await expect(page.locator('button[data-preset="dag-2-member"]')).toHaveAttribute("aria-pressed", "true");
  await expect(pa).toHaveAttribute("aria-pressed", "false");
  await expect(page.locator(".findings-count")).toBeVisible();
});

test("on the DAG page too, Enter on a server's control keeps the focus on it", async ({ page }) => {
  await openFresh(page, "/dag/");
  await page.locator('svg [aria-label="Fail ex1"]').focus();
  await page.keyboard.press("Enter");
  await expect(page.locator('svg [aria-label="Restore ex1"]')).toBeFocused();
  await page.keyboard.press("Escape");
  await page.locator('svg g.server[data-server="ex2"] g.grip').focus();
  await page.keyboard.press("Enter");
  await expect(page.locator(".inspector h2").first()).toContainText("ex2");
  await page.keyboard.press("Escape");
  await expect(page.locator(".inspector h2").first()).not.toContainText("ex2");
});

/** Whether an element scrolls inside itself (a scroll box within the page). */
const scrollsInside = (locator) => locator.evaluate((e) => e.scrollHeight > e.clientHeight + 1 && getComputedStyle(e).overflowY !== "visible");

test("at phone width (375×700) the 2003 page scrolls as one: the diagram, then every panel at its full height", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 700 });
  await openFresh(page, "/");
  expect(await scrollsInside(page.locator(".panels"))).toBe(false);
  const canvas = await page.locator(".canvas").boundingBox();
  expect(canvas.height).toBeGreaterThan(300);
  for (const panel of await page.locator(".panels .panel").all()) {
    expect((await panel.boundingBox()).height).toBeGreaterThan(40);
  }
  // The buttons of the panels are big enough to touch.
  await page.locator(".ips").scrollIntoViewIfNeeded();
  for (const button of await page.locator(".header button").all()) {
    const box = await button.boundingBox();
    expect(box.height).toBeGreaterThanOrEqual(24);
  }
  // The fitted diagram draws its controls small; each has its equivalent in the panels, big enough to
  // touch (WCAG 2.2, 2.5.8: the "equivalent" case), and + zooms the diagram itself.
  for (const name of ["node1", "node2", "node3", "node4"]) {
    const box = await page.getByRole("button", { name: `Fail ${name}`, exact: true }).and(page.locator(".panels button")).boundingBox();
    expect(box.height, name).toBeGreaterThanOrEqual(24);
    expect(box.width, name).toBeGreaterThanOrEqual(24);
  }
  await page.screenshot({ path: `${shots}/phone-2003.png`, fullPage: true });
});

test("at phone width the DAG page scrolls as one and its topology scrolls sideways to dc3 and the witness", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 700 });
  await openFresh(page, "/dag/");
  expect(await scrollsInside(page.locator(".panels"))).toBe(false);
  const witness = page.locator('svg [aria-label="Fail the witness"]');
  await witness.scrollIntoViewIfNeeded();
  await expect(witness).toBeInViewport();
  await witness.click();
  await expect(page.locator('svg [aria-label="Restore the witness"]')).toBeVisible();
  // Every fail/restore control on the topology is big enough to touch.
  for (const rect of await page.locator(".topology g.toggle rect").all()) {
    const box = await rect.boundingBox();
    expect(box.height).toBeGreaterThanOrEqual(24);
    expect(box.width).toBeGreaterThanOrEqual(24);
  }
  await page.screenshot({ path: `${shots}/phone-dag.png`, fullPage: true });
});

test("at 1024×640 both pages keep the diagram beside or above panels that scroll", async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 640 });
  await openFresh(page, "/");
  await expect(page.locator(".canvas")).toBeInViewport();
  await page.locator(".ips").scrollIntoViewIfNeeded();
  await expect(page.locator("#ips-title")).toBeInViewport();
  await openFresh(page, "/dag/");
  const witness = page.locator('svg [aria-label="Fail the witness"]');
  await witness.scrollIntoViewIfNeeded();
  await expect(witness).toBeInViewport();
});

test("a panel button pressed during a lesson acts on the cluster the player shows", async ({ page }) => {
  await openFresh(page, "/");
  await page.goto("/#lesson=single-node-failure");
  await page.locator("#seek").fill("40000");
  await expect(page.locator('svg g.node[aria-label="node3"]')).toHaveClass(/down/);
  await page.locator("aside.panels").getByRole("button", { name: "Restore node3", exact: true }).click();
  await expect(page.locator(".notice.refused")).toHaveCount(0);
  await expect(page.locator(".player")).toHaveCount(0);
  await expect(page.locator('svg g.node[aria-label="node3"]')).not.toHaveClass(/down/);
  // node3 failed at 0 s and came back: EVS3 stays where the failover put it (failback never).
  await expect(owner(page, "EVS3")).toHaveText("node4");
});

test("in the active/active lesson the quorum badge and the groups change together, when the cluster notices", async ({ page }) => {
  await openFresh(page, "/");
  await page.goto("/#lesson=active-active-failover");
  await page.locator("#seek").fill("600000");
  await expect(page.locator(".quorum-badge")).toContainText("Quorum held");
  await expect(page.locator('svg g.chip[data-group="EVS1"]')).toHaveClass(/online/);
  await page.locator("#seek").fill("700000");
  await expect(page.locator(".quorum-badge")).toContainText("Quorum lost");
  await expect(page.locator("svg g.chip.online")).toHaveCount(0);
});

test("adding is reachable whatever is selected: Add EVS above the diagram while a node is selected", async ({ page }) => {
  await openFresh(page, "/");
  await page.locator('svg g.node[aria-label="node2"] text.state').click();
  await expect(page.locator("#inspector-title")).toHaveText("Node node2");
  await page.getByRole("toolbar", { name: "Add to the design" }).getByRole("button", { name: "Add EVS" }).click();
  await expect(page.locator("#inspector-title")).toHaveText("EVS EVS4");
  await expect(page.locator('svg g.chip[data-group="EVS4"]')).toBeAttached();
});

test("an edit the engine refuses is said in the user's words, where in the file following in small print", async ({ page }) => {
  await openFresh(page, "/");
  await page.locator('svg g.chip[data-group="EVS1"]').focus();
  await page.keyboard.press("Enter");
  await page.locator("#preferred").fill("node1, EXCL99");
  await page.locator("#preferred").press("Enter");
  await expect(page.locator(".notice .notice-text")).toContainText('That would break the design: no node named "EXCL99"');
  await expect(page.locator(".notice .notice-detail")).toHaveText("In the file: groups[0].preferred_owners[1]");
  expect(await page.locator(".notice .notice-text").evaluate((e) => e.firstChild.textContent)).not.toContain("groups[0]");
});
