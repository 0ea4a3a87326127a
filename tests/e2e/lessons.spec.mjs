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
