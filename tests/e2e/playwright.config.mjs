// Playwright drives Debian's Chromium (never a downloaded browser) against the built app on loopback.
import { defineConfig } from "@playwright/test";

export const PORT = 8391;

export default defineConfig({
  testDir: ".",
  testMatch: /.*\.spec\.mjs$/,
  timeout: 60_000,
  workers: 2,
  reporter: [["list"]],
  outputDir: "../../test-results/e2e",
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    viewport: { width: 1500, height: 950 },
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: `node tests/e2e/serve.mjs dist ${PORT}`,
    cwd: "../..",
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
