// usage: node /tmp/shot.mjs URL OUT [width height] [actions-js]
import { chromium } from "@playwright/test";
const [url, out, w = "1500", h = "950", script = ""] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"] });
const page = await browser.newPage({ viewport: { width: +w, height: +h } });
const logs = [];
page.on("console", (m) => logs.push(`${m.type()}: ${m.text()}`));
await page.goto("http://127.0.0.1:8090/");
await page.evaluate(() => localStorage.clear());
await page.goto(url.startsWith("http") ? url : "http://127.0.0.1:8090" + url);
await page.waitForSelector("body[data-ready]", { state: "attached", timeout: 15000 }).catch(() => {});
if (script) { const f = new Function("page", `return (async () => { ${script} })()`); await f(page); }
await page.screenshot({ path: out });
console.log(logs.filter(l => !l.startsWith("debug")).slice(0, 40).join("\n"));
await browser.close();
