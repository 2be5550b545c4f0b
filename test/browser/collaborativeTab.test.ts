// The task pane's Collaborative tab in real headless Chromium against a REAL running data store, under
// each sharing mode: the demo collaborative (named), and the same teams and figures copied into a
// blinded and an aggregate collaborative (made with the admin command line, reported through the API
// with each team's token). The pane opens the tab and shows what the server allows: names (named),
// letters and no other team's name anywhere on the page (blinded), the team's own chart and the pool
// and no other team's narrative (aggregate). Screenshots go to test-results/collaborative-*.png.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { CollaborativeLearning, CollaborativeView, PointsResponse, RunChartsResponse, type SharingMode } from "../../src/core/index";
import { launchChromium } from "../support/chromium";
import { installFakeWorkbook } from "./support/fakeWorkbook";
import { startDataStore, type RunningStore } from "./support/dataStore";

jest.setTimeout(90_000);

type Copy = { id: string; tokens: Record<string, string> };

describe("the Collaborative tab against the real data store (headless Chromium)", () => {
  let store: RunningStore;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let page: Page;
  let demo: CollaborativeView;
  const copies = new Map<SharingMode, Copy>();
  const pageErrors: string[] = [];

  async function api<T>(path: string, token: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
    const response = await fetch(`${store.url}${path}`, {
      method: init.method ?? "GET",
      headers: { authorization: `Bearer ${token}`, ...(init.body !== undefined ? { "content-type": "application/json" } : {}) },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  /** The demo's definition, teams and current points copied into a new collaborative shared `sharing` (never locking, so every month can be sent). */
  async function copyDemo(sharing: SharingMode): Promise<Copy> {
    const id = `demo-${sharing}`;
    const { teams: _views, teamCount: _count, ...definition } = demo;
    const teams = store.seed.teams.map((t) => ({ id: t.id, name: t.name, organisation: "" }));
    const file = join(store.dataDir, `${id}.json`);
    writeFileSync(file, JSON.stringify({ ...definition, id, name: `${demo.name} (${sharing})`, sharing, lockAfterDays: 0, teams }));
    store.admin(["create-collaborative", file]);
    const points = PointsResponse.parse(await api(`/api/v1/collaboratives/${demo.id}/points`, store.seed.facultyToken));
    const tokens: Record<string, string> = {};
    // Each team's change in words that do not name it (a team that names itself in its narrative is
    // named even when blinded: src/server/README.md, "Blinded is not anonymous").
    const changes = ["Line rounds moved to the morning huddle", "A dressing-change cart in every bay", "A daily line-necessity checklist", "Chlorhexidine bathing for every line patient"];
    for (const [i, team] of store.seed.teams.entries()) {
      tokens[team.id] = store.admin(["issue-token", "team", "--collaborative", id, "--team", team.id, "--label", `${team.id} (${sharing})`]).trim();
      const own = points.measures.flatMap((m) => (m.series.find((s) => s.teamId === team.id)?.points ?? []).map((p) => ({ measureId: m.measureId, period: p.period, numerator: p.numerator, denominator: p.denominator, value: p.value })));
      const last = own.reduce((max, p) => (p.period > max ? p.period : max), definition.startMonth);
      const report = {
        reportingMonth: last,
        points: own.map((p) => (p.numerator !== null ? { measureId: p.measureId, period: p.period, numerator: p.numerator, denominator: p.denominator } : { measureId: p.measureId, period: p.period, value: p.value })),
        narrative: { changesTested: changes[i % changes.length]!, lessons: "Huddles keep the daily line review from being skipped.", barriers: "", helpWanted: "" },
      };
      await api(`/api/v1/collaboratives/${id}/submissions`, tokens[team.id]!, { method: "POST", body: report });
    }
    return { id, tokens };
  }

  beforeAll(async () => {
    mkdirSync("test-results", { recursive: true });
    store = await startDataStore();
    demo = CollaborativeView.parse(await api(`/api/v1/collaboratives/${store.seed.collaborativeId}`, store.seed.facultyToken));
    for (const sharing of ["blinded", "aggregate"] as const) copies.set(sharing, await copyDemo(sharing));
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await store?.stop();
  });

  afterEach(async () => {
    await context?.close();
    expect(pageErrors).toEqual([]);
    pageErrors.length = 0;
  });

  /** The pane, connected with `token`, on the Collaborative tab with its run charts drawn. */
  async function openTab(token: string, teamName: string): Promise<void> {
    context = await browser.newContext({ viewport: { width: 360, height: 900 } });
    page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") pageErrors.push(message.text());
    });
    await page.addInitScript(installFakeWorkbook, { sheets: {}, settings: {}, readDelayMs: 0 });
    await page.goto(`${store.url}/taskpane.local.html`, { waitUntil: "load" });
    await page.getByLabel("Team token").fill(token);
    await page.getByRole("button", { name: "Connect" }).click();
    await page.getByText(teamName).first().waitFor();
    await page.getByRole("tab", { name: "Collaborative" }).click();
    await page.getByRole("region", { name: "Run charts" }).waitFor();
    await page.getByRole("region", { name: "Teams at 4 or above" }).waitFor();
  }

  const cardNames = async (region: string) => page.getByRole("region", { name: region }).getByRole("listitem").evaluateAll((items) => items.map((li) => li.getAttribute("aria-label")));

  it("named (the demo): every other team's run chart and narrative by name, and the % at 4+ as the server answers it", async () => {
    const me = store.seed.teams[0]!;
    await openTab(me.token, me.name);
    const charts = RunChartsResponse.parse(await api(`/api/v1/collaboratives/${demo.id}/runcharts?measureId=${demo.measures[0]!.id}`, me.token));
    const others = charts.measures[0]!.series.filter((s) => !s.own).map((s) => s.teamLabel);
    expect(others.length).toBeGreaterThan(1);
    expect(await cardNames("Run charts")).toEqual(["The collaborative (pooled)", `${me.name} (your team)`, ...others]);
    expect(await page.getByRole("region", { name: "Run charts" }).locator("svg[role=img]").count()).toBe(others.length + 2);
    const learning = CollaborativeLearning.parse(await api(`/api/v1/collaboratives/${demo.id}/learning`, me.token));
    expect(learning.narratives.length).toBeGreaterThan(0);
    expect(await cardNames("What other teams tested and learned")).toEqual(learning.narratives.map((n) => `${n.teamLabel}, ${new Date(`${n.reportingMonth}-01T00:00:00Z`).toLocaleString("en", { month: "long", year: "numeric", timeZone: "UTC" })}`));
    const latest = learning.scores.filter((s) => (s.teamsScored ?? 0) > 0).at(-1)!;
    await page.getByRole("region", { name: "Teams at 4 or above" }).getByText(`(${latest.teamsAtLeast4} of ${latest.teamsScored} scored teams)`).first().waitFor();
    await page.screenshot({ path: "test-results/collaborative-1-named.png", fullPage: true });
  });

  it("blinded: the other teams as letters in charts and narratives, and no other team's name anywhere on the page", async () => {
    const copy = copies.get("blinded")!;
    const me = store.seed.teams[1]!;
    await openTab(copy.tokens[me.id]!, me.name);
    const names = await cardNames("Run charts");
    expect(names.slice(0, 2)).toEqual(["The collaborative (pooled)", `${me.name} (your team)`]);
    expect(names.slice(2)).toEqual(store.seed.teams.flatMap((t, i) => (t.id === me.id ? [] : [`Team ${String.fromCharCode(65 + i)}`])));
    const narratives = await cardNames("What other teams tested and learned");
    expect(narratives.map((n) => n?.split(",")[0])).toEqual(names.slice(2));
    const text = await page.locator("body").innerText();
    for (const other of store.seed.teams.filter((t) => t.id !== me.id)) {
      expect(text).not.toContain(other.name);
      expect(text).not.toContain(other.id);
    }
    await page.screenshot({ path: "test-results/collaborative-2-blinded.png", fullPage: true });
  });

  it("aggregate: the team's own chart and the pool (withheld with 2 other teams), no other team's chart or narrative", async () => {
    const copy = copies.get("aggregate")!;
    const me = store.seed.teams[0]!;
    await openTab(copy.tokens[me.id]!, me.name);
    expect(await cardNames("Run charts")).toEqual(["The collaborative (pooled)", `${me.name} (your team)`]);
    await page.getByText(/months? (is|are) withheld: fewer than 3 other teams reported/).waitFor();
    await page.getByText(/other teams' narratives are not shown/).waitFor();
    expect(await cardNames("What other teams tested and learned")).toEqual([]);
    const text = await page.locator("body").innerText();
    for (const other of store.seed.teams.filter((t) => t.id !== me.id)) expect(text).not.toContain(other.name);
    await page.screenshot({ path: "test-results/collaborative-3-aggregate.png", fullPage: true });
  });
});
