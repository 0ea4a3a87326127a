// The component as bundlers build it (scripts/test-bundlers): the packed package installed into a fresh
// project and bundled by Vite and by webpack with no configuration, under the CSP the package's README
// asks for. Each page runs every entry and writes what it got; a packaging change that a bundler cannot
// follow (a worker it does not emit, a module it does not find) shows here as an error or a wrong answer.
import { expect, test } from "@playwright/test";

for (const bundler of ["vite", "webpack"]) {
  test(`built by ${bundler}: init, simulate, analyzeInWorker with progress and abort, report and exportTo`, async ({ page }) => {
    const problems = [];
    page.on("pageerror", (error) => problems.push(error.message));
    // Every file the page asks for is there (the browser's own favicon.ico request aside).
    page.on("response", (response) => {
      if (response.status() >= 400 && !response.url().endsWith("/favicon.ico")) {
        problems.push(`${response.status()} ${response.url()}`);
      }
    });
    await page.goto(`/bundled/${bundler}/index.html`);
    await expect(page.locator("body")).toHaveAttribute("data-done", "yes", { timeout: 30_000 });
    await expect(page.locator("#error")).toHaveText("");
    await expect(page.locator("#version")).toHaveText(/^\d+\.\d+\.\d+/);
    // node1 fails: EVS1 fails over to the passive node4 (the 3 active / 1 passive preset).
    await expect(page.locator("#simulate")).toHaveText("EVS1 on node4");
    // Every set of up to 8 of the 8 members (2^8 = 256), worked out in the worker the bundler emitted.
    await expect(page.locator("#analyze")).toHaveText("256 sets, tolerates any 3");
    await expect(page.locator("#progress")).toHaveText("reported");
    await expect(page.locator("#abort")).toHaveText("AbortError");
    await expect(page.locator("#report")).toHaveText(/^# /);
    await expect(page.locator("#export")).toHaveText("DAGInfo.csv MailboxDatabases.csv MailboxDatabaseCopies.csv Servers.csv");
    expect(problems).toEqual([]);
  });
}
