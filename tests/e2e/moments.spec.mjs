// One moment on every panel: every lesson of both planners, walked step by step with the player's Step
// button and seen at times between its steps, shows in each panel — the diagram, the tables, quorum, clients,
// the player's summary — exactly the state the engine gives at that time (the component's `moment`, which
// `clusterplan simulate --at` prints too). The fault was the DAG topology showing the lesson's end at 0 s
// beside a table that said db1 was still on ex1.
import { test, expect } from "@playwright/test";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { openFresh } from "./helpers.mjs";

const component = await import(pathToFileURL(resolve(import.meta.dirname, "../../dist/component/node.js")).href);

/** The design and script the page plays, as it autosaved them (once the autosave holds the design the
 * header names). */
async function played(page, key) {
  const read = () =>
    page.evaluate((key) => {
      const saved = JSON.parse(localStorage.getItem(key) ?? "null");
      return saved?.scenario.name === document.querySelector(".design-name")?.textContent ? saved : null;
    }, key);
  await expect.poll(read).not.toBeNull();
  const saved = await read();
  return { design: saved.scenario, script: saved.scenario.script };
}

/** The times to look at: every step's, then times between them (multiples of the slider's 0.5 s): a fixed
 * spread, and random ones from a generator seeded by the lesson's name, so a failure names the time that
 * shows it and a run repeats. */
function times(timeline, lesson) {
  const steps = [...new Set(timeline.timeline.map((e) => Math.round(e.t * 1000)))];
  const end = Math.max(...steps);
  let seed = [...lesson].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
  const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const spread = [1, 3, 5, 7, 11, 13].map((k) => (end * k) / 17);
  const drawn = Array.from({ length: 6 }, () => random() * end);
  const between = [...spread, ...drawn].map((t) => Math.round(t / 500) * 500);
  return { steps, between };
}

const seconds = (ms) => `${ms / 1000}s`;

// ---- The DAG planner ----

const serverWords = { unnoticed: "not noticed" };

/** What every panel of the DAG page should show in the engine's state. */
function dagExpected(state) {
  const count = (s) => state.databases.filter((d) => d.state === s).length;
  const test = state.quorum.test;
  return {
    servers: state.servers.map((s) => ({
      name: s.name,
      state: s.state,
      detail: `${serverWords[s.state] ?? s.state} · ${s.active} active${s.dacp === undefined || s.dacp === null ? "" : ` · DACP ${s.dacp ? 1 : 0}`}`,
    })),
    databases: state.databases.map((d) => ({
      name: d.name,
      state: d.state,
      verdict: d.state === "failing-over" ? "failing over" : d.server ? `mounted on ${d.server}` : "dismounted",
    })),
    quorum: `${state.quorum.held ? "Held" : "Lost"}: ${test.votes} of ${test.total} votes, ${test.needed} needed`,
    progress: `${count("mounted")} of ${state.databases.length} databases mounted · ${count("failing-over")} failing over · ${count("dismounted")} dismounted`,
    clients: state.clients ? (state.clients.served ? "Served" : state.clients.through.length === 0 ? "Cut off" : "Not all served") : null,
  };
}

/** What every panel of the DAG page shows. */
function dagShown(page) {
  return page.evaluate(() => {
    const states = ["up", "down", "stopped", "cut-off", "unnoticed"];
    const text = (selector) => document.querySelector(selector)?.textContent.trim() ?? null;
    return {
      servers: [...document.querySelectorAll("g.server[data-server]")].map((g) => ({
        name: g.dataset.server,
        state: [...g.classList].find((c) => states.includes(c)),
        detail: g.querySelector("text.detail").textContent.trim(),
      })),
      databases: [...document.querySelectorAll(".databases tr[data-database]")].map((tr) => ({
        name: tr.dataset.database,
        state: ["failing-over", "mounted", "dismounted"].find((c) => tr.classList.contains(c)),
        verdict: tr.querySelector(".verdict strong").textContent,
      })),
      quorum: text(".status .quorum")?.split("; then")[0].split(" (")[0],
      progress: text(".timeline .progress"),
      clients: text(".clients .served")?.split(" through")[0] ?? null,
    };
  });
}

// ---- The 2003 planner ----

function clusterExpected(state) {
  return {
    nodes: state.nodes.map((n) => ({ name: n.name, state: n.state })),
    groups: state.groups.map((g) => ({ name: g.name, state: g.state, owner: g.owner ?? "—" })),
    chips: state.groups
      .map((g) => ({ name: g.name, on: g.owner ?? null }))
      .sort((a, b) => a.name.localeCompare(b.name, "en", { numeric: true })),
    quorum: state.quorum.held ? "Quorum held" : "Quorum lost",
    progress: state.groups.map((g) => ({ name: g.name, state: g.state })),
  };
}

function clusterShown(page) {
  return page.evaluate(() => {
    const states = ["up", "down", "out-of-cluster", "unnoticed"];
    const nodes = [...document.querySelectorAll(".canvas g.node")];
    return {
      nodes: nodes.map((g) => ({ name: g.getAttribute("aria-label"), state: [...g.classList].find((c) => states.includes(c)) })),
      groups: [...document.querySelectorAll(".results tr.group-row")].map((tr) => ({
        name: tr.dataset.group,
        state: ["online", "failed", "offline", "pending"].find((c) => tr.classList.contains(c)),
        owner: tr.querySelector(".owner").textContent,
      })),
      // Where the diagram draws each group: on a node, or in the tray of groups that run nowhere.
      chips: [...document.querySelectorAll(".canvas g.chip")]
        .map((chip) => ({ name: chip.dataset.group, on: chip.closest("g.node")?.getAttribute("aria-label") ?? null }))
        .sort((a, b) => a.name.localeCompare(b.name, "en", { numeric: true })),
      quorum: document.querySelector(".results .quorum").textContent.split(":")[0].replace(/ by .*/, ""),
      progress: [...document.querySelectorAll(".timeline .progress-group")].map((li) => ({
        name: li.querySelector("strong").textContent,
        state: ["online", "failed", "offline", "pending"].find((c) => li.classList.contains(c)),
      })),
    };
  });
}

const families = [
  { page: "/dag/", key: "clusterplan.dag.v1", lessons: ["third-site-witness-failover", "witness-in-primary-switchover", "dac-stops-split-brain", "dynamic-quorum-last-man-standing", "lagged-copy-last-resort", "vip-fails-clients-reconnect"], expected: dagExpected, shown: dagShown },
  { page: "/", key: "clusterplan.design.v1", lessons: ["single-node-failure", "second-failure-no-standby", "active-active-failover", "quorum-loss-majority-node-set", "resource-keeps-failing", "front-end-behind-nlb"], expected: clusterExpected, shown: clusterShown },
];

for (const family of families) {
  test(`every lesson of ${family.page} shows one moment on every panel, step by step and between`, async ({ page }) => {
    test.setTimeout(240_000);
    await openFresh(page, family.page);
    const clock = page.locator(".clock");
    for (const lesson of family.lessons) {
      await page.goto(`${family.page}#lesson=${lesson}`);
      await expect(clock).toHaveAttribute("data-time-ms", "0");
      const { design, script } = await played(page, family.key);
      const { steps, between } = times(component.timeline(design, script), lesson);
      const check = async (ms, how) => {
        const expected = family.expected(component.moment(design, script, seconds(ms)).state);
        await expect.poll(() => family.shown(page), { message: `${lesson} at ${ms} ms (${how})` }).toEqual(expected);
      };
      await check(0, "opened");
      // Step by step, with the player's button: each click lands on the next step's time.
      for (const ms of steps.filter((t) => t > 0)) {
        await page.getByRole("button", { name: "Step forward" }).click();
        await expect(clock).toHaveAttribute("data-time-ms", String(ms));
        await check(ms, "stepped");
      }
      // And between the steps, with the slider.
      for (const ms of between) {
        await page.locator("#seek").fill(String(ms));
        await expect(clock).toHaveAttribute("data-time-ms", String(ms));
        await check(ms, "sought");
      }
    }
  });
}
