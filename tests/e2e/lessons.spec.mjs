// Predict, then play: a lesson's questions stop the player where they are asked, the learner answers from
// choices drawn from the design, and the engine grades it with its own words and the source; a score at the
// end; in presenter mode the room answers aloud and R reveals.
import { test, expect } from "@playwright/test";
import { openFresh, shots } from "./helpers.mjs";

test("a learner predicts, answers right and wrong, and sees the engine's answer, why and the source", async ({ page }) => {
  await openFresh(page, "/");
  await page.goto("/#lesson=quorum-loss-majority-node-set");
  const clock = page.locator(".clock");
  const question = page.getByRole("region", { name: "Question" });
  await page.locator("#speed").selectOption({ label: "64×" });
  // The first question is asked as node4 fails, at 0 s, before the cluster has noticed.
  await expect(question).toContainText("Predict: node4 has failed. Which node holds quorum?");
  await expect(clock).toHaveAttribute("data-time-ms", "0");
  await expect(question.getByRole("group", { name: "Choices" }).getByRole("button")).toHaveText(["node1", "node2", "node3", "node4", "none"]);
  // Play waits for the answer.
  await page.getByRole("button", { name: "Play", exact: true }).click();
  await expect(clock).toHaveAttribute("data-time-ms", "0");
  await question.getByRole("button", { name: "node4" }).click();
  await expect(question.locator(".verdict")).toHaveText("Not this time: the answer is node1. Quorum is held, by node1.");
  await expect(question.locator(".why")).toHaveText("majority node set: 3 of 4 nodes are up and in contact (3 needed)");
  await expect(question.locator(".source")).toHaveText('Exchange Server 2003 clustering guide, "Quorum Disk Resource"');
  await page.getByRole("button", { name: "Continue ▶" }).click();
  // The second as node3 fails at 2 min: the diagram still shows quorum held, the cluster has not noticed.
  await expect(question).toContainText("Which node holds quorum now?", { timeout: 20_000 });
  await expect(clock).toHaveAttribute("data-time-ms", "120000");
  await expect(page.locator(".canvas")).toContainText("Quorum held");
  await page.screenshot({ path: `${shots}/question.png` });
  await question.getByRole("button", { name: "none" }).click();
  await expect(question.locator(".verdict")).toHaveText("Right. The cluster lost quorum.");
  await expect(question.locator(".graded")).toHaveClass(/right/);
  await page.getByRole("button", { name: "Continue ▶" }).click();
  // The last as node3 returns at 10 min (8 virtual minutes on, 7.5 s at 64×): several groups, ticked.
  await expect(question).toContainText("node3 is back. Which EVSs are online?", { timeout: 20_000 });
  for (const group of ["EVS1", "EVS2", "EVS3"]) await question.getByLabel(group).check();
  await question.getByRole("button", { name: "Answer", exact: true }).click();
  await expect(question.locator(".verdict")).toHaveText("Right. Online: EVS1, EVS2, EVS3.");
  await expect(page.locator(".score")).toHaveText("Score: 2 of 3 predicted right.");
});

test("presenter mode asks large, the room answers aloud, and R reveals the answer", async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openFresh(page, "/dag/");
  await page.goto("/dag/#present");
  await expect(page.locator(".presenter-title")).toHaveText("A datacenter fails; the witness in a third site keeps the DAG running");
  // Its questions are asked as dc1 fails, at 0 s: before the DAG answers.
  const questions = page.getByRole("region", { name: "Question" });
  const question = questions.first();
  await expect(question).toContainText("Predict: dc1 fails whole. Does the DAG keep quorum?");
  expect(await question.evaluate((e) => parseFloat(getComputedStyle(e).fontSize))).toBeGreaterThanOrEqual(28);
  await page.keyboard.press("r");
  await expect(question.locator(".verdict")).toHaveText("The answer: The DAG holds quorum: 5 of 5 votes, 3 needed.");
  await expect(question.locator(".why")).toContainText("ex5, ex6, ex7, ex8 and the witness");
  // The moment's other questions stand beneath it, each revealed by the next R; revealed answers are not scored.
  await expect(questions).toHaveCount(3);
  await page.keyboard.press("r");
  await expect(questions.nth(1).locator(".verdict")).toHaveText("The answer: db1 is mounted on ex5.");
  await page.keyboard.press("r");
  await expect(questions.nth(2).locator(".verdict")).toHaveText("The answer: 16 of 16 databases are mounted.");
  await expect(page.locator(".score")).toHaveText("Score: 0 of 3 predicted right.");
  await page.screenshot({ path: `${shots}/presenter-question.png` });
});

/** Opens "Make a lesson" on `page` with the design's failure script set to `script`. */
async function builderWithScript(page, script) {
  await page.locator("#script").fill(script);
  await page.getByRole("button", { name: "Play the script" }).click();
  await page.getByRole("button", { name: "Close", exact: true }).click();
  await page.locator("details.builder summary").click();
  return page.locator("details.builder");
}

test("a lesson made in the builder is saved, shared by link and played from the link", async ({ page, context }) => {
  await openFresh(page, "/");
  const builder = await builderWithScript(page, "fail:node3@0s\nfail:node1@2min");
  await builder.getByLabel("Title").fill("Where EVS3 goes");
  await builder.getByLabel("As this step happens").selectOption({ label: "1. fail:node3@0s" });
  await builder.getByLabel("About").selectOption("owner:EVS3");
  await builder.getByRole("button", { name: "Add the question" }).click();
  await builder.getByLabel("As this step happens").selectOption({ label: "2. fail:node1@2min" });
  await builder.getByLabel("About").selectOption("survivors");
  await builder.getByLabel("In your words (optional)").fill("After node1 too, which EVSs are online?");
  await builder.getByRole("button", { name: "Add the question" }).click();
  await expect(builder.getByRole("list", { name: "Questions of the lesson" }).getByRole("listitem")).toHaveText([
    /After step 1 \(fail:node3@0s\): Where does EVS3 run now\? owner:EVS3/,
    /After step 2 \(fail:node1@2min\): After node1 too, which EVSs are online\? survivors/,
  ]);
  // Saved as a file: a lesson file that stores no answer.
  const [download] = await Promise.all([page.waitForEvent("download"), builder.getByRole("button", { name: "Save the lesson file" }).click()]);
  expect(download.suggestedFilename()).toBe("where-evs3-goes-lesson.json");
  const file = JSON.parse(await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8")));
  expect(file.kind).toBe("lesson");
  expect(file.steps.map((s) => s.event)).toEqual(["fail:node3@0s", "fail:node1@2min"]);
  expect(file.questions.map((q) => q.about)).toEqual([{ kind: "owner", group: "EVS3" }, { kind: "survivors" }]);
  expect(JSON.stringify(file)).not.toContain("answer");
  // Shared by link, and played from it in another tab.
  await builder.getByRole("button", { name: "Make a lesson link" }).click();
  const url = await builder.getByLabel("Lesson link").inputValue();
  expect(url).toMatch(/#lesson=z=[A-Za-z0-9_-]+$/);
  const learner = await context.newPage();
  await learner.goto(url);
  await expect(learner.locator(".notice")).toContainText("Where EVS3 goes");
  const question = learner.getByRole("region", { name: "Question" });
  await expect(question).toContainText("Where does EVS3 run now?");
  await question.getByRole("button", { name: "node4" }).click();
  await expect(question.locator(".verdict")).toHaveText("Right. EVS3 runs on node4.");
  await learner.getByRole("button", { name: "Continue ▶" }).click();
  await expect(question).toContainText("After node1 too, which EVSs are online?", { timeout: 30_000 });
  expect(learner.url()).not.toContain("#lesson=");

  // The file opened with Import… plays too; one that cannot be played is refused with its path, the design kept.
  file.questions[0].about.group = "EVS9";
  await learner.locator('input[aria-label="Import a design file"]').setInputFiles({ name: "broken.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(file)) });
  await expect(learner.locator(".notice")).toContainText('This lesson cannot be played: no group named "EVS9" in the design');
  await expect(learner.locator(".notice")).toContainText("questions[0].about.group");
  await expect(question).toContainText("After node1 too, which EVSs are online?");
});

test("a goal set in the builder is reached by editing the design within its budget", async ({ page, context }) => {
  await openFresh(page, "/");
  await page.locator("details.builder summary").click();
  const builder = page.locator("details.builder");
  await builder.getByLabel("Title").fill("Two at once");
  await builder.getByLabel("Keep").selectOption("every-group");
  await builder.getByLabel("Through").selectOption({ label: "any 2 nodes failing at once" });
  await builder.getByLabel("Edits allowed").fill("1");
  await builder.getByRole("button", { name: "Make a lesson link" }).click();
  const url = await builder.getByLabel("Lesson link").inputValue();
  const learner = await context.newPage();
  await learner.goto(url);
  const goal = learner.locator(".goal");
  await expect(goal).toContainText("Keep every group online through any 2 nodes failing at once, in at most 1 edit.");
  await expect(goal.locator(".status")).toHaveText("Not yet: with node1 + node2 failed, EVS2 is failed.");
  await expect(goal.locator(".edits")).toHaveText("Edits: 0 of 1");
  // A second passive node takes the second EVS.
  await learner.getByRole("button", { name: "Add node" }).click();
  await expect(goal.locator(".status")).toHaveText(/^Reached in 1 edit, within the 1 allowed: every group online through any 2 nodes failing at once\.$/);
  await expect(goal).toHaveClass(/reached/);
  await learner.screenshot({ path: `${shots}/goal.png` });
  // Undo is a stroke too: over the budget now.
  await learner.getByRole("button", { name: "Undo" }).click();
  await learner.getByRole("button", { name: "Redo" }).click();
  await expect(goal.locator(".status")).toHaveText("Reached, but in 3 edits: the goal allows 1 edit. Try it again in fewer.");
  // A damaged lesson link is refused and the design kept.
  await learner.goto(new URL("/#lesson=z=AAAA", url).href);
  await expect(learner.locator(".notice")).toContainText("The lesson link could not be opened: the link is damaged");
});

test("the DAG planner makes lessons too: a goal already reached is refused, a question about a copy plays from its link", async ({ page, context }) => {
  await openFresh(page, "/dag/");
  await page.click('button[data-preset="dag-2-member"]');
  const builder = await builderWithScript(page, "fail:ex1@0s");
  // Two members and a witness already keep every database mounted through any one member failing.
  await builder.getByLabel("Keep").selectOption("every-database");
  await builder.getByRole("button", { name: "Make a lesson link" }).click();
  await expect(page.locator(".notice")).toContainText(
    "The lesson cannot be made yet: goal: the design already reaches the goal (every database mounted through any one member failing): there is nothing to do",
  );
  await expect(builder.getByLabel("Lesson link")).toHaveCount(0);
  await builder.getByLabel("Keep").selectOption("");
  await builder.getByLabel("About").selectOption("which-copy:db1");
  await builder.getByRole("button", { name: "Add the question" }).click();
  await builder.getByRole("button", { name: "Make a lesson link" }).click();
  const url = await builder.getByLabel("Lesson link").inputValue();
  expect(url).toMatch(/\/dag\/#lesson=z=/);
  const learner = await context.newPage();
  await learner.goto(url);
  const question = learner.getByRole("region", { name: "Question" });
  await expect(question).toContainText("Which server mounts db1 now, if any?");
  await expect(question.getByRole("group", { name: "Choices" }).getByRole("button")).toHaveText(["ex1", "ex2", "none"]);
  await question.getByRole("button", { name: "ex2" }).click();
  await expect(question.locator(".verdict")).toHaveText("Right. db1 is mounted on ex2.");
});
