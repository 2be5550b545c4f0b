// The faculty app (src/faculty, built by webpack into dist/faculty/) in real headless Chromium against a
// REAL running data store seeded with the demo collaborative (3 teams, 4 measures, 12 months): sign in,
// refuse a team token and a wrong token with a message, then read who reported, the run charts of every
// team, % of teams at 4+ and the comparison, switch measure, score a team (with its rationale; the
// suggestion comes back), and export the CSV and the Excel workbook. What the page says is checked against what the API
// answers (the same store, read with core's schemas): the grid's marks and totals, the summary's
// counts, the % at 4+ labels, each chart's latest value and center line. Any console error (a CSP
// refusal included) fails the test. Screenshots go to test-results/faculty-*.png.
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { ASSESSMENT_SCALE, Completeness, RunChartsResponse, ScoresResponse } from "../../src/core/index";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { RULE_SET_EXPECTED, RULE_SET_MONTHS, RULE_SET_SERIES } from "../fixtures/ruleSets";
import type { RunningStore } from "./support/dataStore";
import { openFacultyBrowser, type FacultyBrowser } from "./support/facultyBrowser";

import { formatValue, shortMonth } from "../../src/web/format";

/** What a grid cell says for each status. */
const MARK = { on_time: "✓", late: "late", missing: "missing", not_due: "–" } as const;

describe("faculty page against the real data store (headless Chromium)", () => {
  let session: FacultyBrowser | undefined;
  let store: RunningStore;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    // a refused token answers 401 and the deliberate score without a rationale 422, which Chromium
    // logs as failed resources: that is the point of those steps
    session = await openFacultyBrowser({ acceptDownloads: true, ignoreConsoleError: (text) => /status of (401|422)/.test(text) });
    ({ store, browser, page, pageErrors } = session);
  }, 180_000);

  afterAll(async () => session?.close());

  async function signIn(token: string) {
    await page.getByRole("textbox", { name: "Faculty token" }).fill(token);
    await page.getByRole("textbox", { name: "Faculty token" }).press("Enter");
  }

  /** GET an API path with the faculty token from the page's origin, parsed with core's schema. */
  async function api<T>(path: string, schema: { parse(value: unknown): T }): Promise<T> {
    const body = await page.evaluate(async ([url, token]) => (await fetch(url, { headers: { authorization: "Bearer " + token } })).json(), [path, store.seed.facultyToken] as const);
    return schema.parse(body);
  }

  const base = () => `/api/v1/collaboratives/${store.seed.collaborativeId}`;

  async function openDashboard() {
    await page.goto(`${store.url}/`);
    await page.evaluate((token) => sessionStorage.setItem("qi.facultyToken", token), store.seed.facultyToken);
    await page.reload();
    await page.getByRole("heading", { name: "Who reported" }).waitFor({ timeout: 15_000 });
  }

  it("asks for a token, and names the problem when the token is wrong or is a team's", async () => {
    await page.goto(`${store.url}/`);
    await page.evaluate(() => sessionStorage.clear());
    await page.reload();
    await page.getByRole("heading", { name: "Sign in with your faculty token" }).waitFor({ timeout: 15_000 });
    await page.screenshot({ path: "test-results/faculty-01-sign-in.png" });

    await signIn("qi_not-a-real-token");
    const error = page.getByRole("alert");
    await error.waitFor();
    expect(await error.innerText()).toMatch(/token/i);

    await signIn(store.seed.teams[0]!.token);
    await page.getByText("This is a team token. The faculty page needs a faculty or admin token (teams report from Excel).").waitFor();
    expect(await page.getByRole("heading", { name: "Who reported" }).count()).toBe(0);
    await page.screenshot({ path: "test-results/faculty-01b-team-token.png" });
  }, 60_000);

  it("shows who reported, every team's run chart, % at 4+ and the comparison for a faculty token, as the API answers them", async () => {
    await page.goto(`${store.url}/`);
    await page.evaluate(() => sessionStorage.clear());
    await page.reload();
    await signIn(store.seed.facultyToken);
    await page.getByRole("heading", { name: "Who reported" }).waitFor({ timeout: 15_000 });
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Safer Central Lines Collaborative (demo)");
    expect(await page.title()).toBe("Safer Central Lines Collaborative (demo) · Faculty");

    const completeness = await api(`${base()}/completeness`, Completeness);
    const scores = await api(`${base()}/scores`, ScoresResponse);
    const runcharts = await api(`${base()}/runcharts`, RunChartsResponse);

    // the summary: this month's counts and the latest % at 4+
    const month = completeness.months[completeness.months.length - 1]!;
    const stat = async (label: string) => page.getByRole("group", { name: label, exact: true }).innerText();
    expect(await stat("Reporting month")).toContain(shortMonth(month.period));
    expect(await stat("Reporting month")).toContain(`due ${month.dueDate}`);
    expect(await stat("On time")).toContain(`${month.onTime}\nof 3 teams`);
    expect(await stat("Late")).toContain(String(month.late));
    expect(await stat("Missing")).toContain(String(month.missing));
    const scored = [...scores.months].reverse().find((m) => m.teamsScored > 0)!;
    expect(await stat("Teams at 4+")).toContain(formatValue(scored.percentAtLeast4, "%"));
    expect(await stat("Teams at 4+")).toContain(`${shortMonth(scored.period)}, ${scored.teamsAtLeast4} of ${scored.teamsScored} scored`);

    // the grid: a header per month, one row per team with its mark for each month, the totals row
    const grid = page.getByRole("table", { name: "Who reported" });
    expect(await grid.locator("thead th").allInnerTexts()).toEqual(["Team", ...completeness.months.map((m) => shortMonth(m.period))]);
    const rows = grid.locator("tbody tr");
    expect(await rows.count()).toBe(store.seed.teams.length + 1);
    for (const [i, team] of completeness.teams.entries()) {
      const cells = await rows.nth(i).locator("th, td").allInnerTexts();
      expect(cells).toEqual([team.teamName, ...team.cells.map((c) => MARK[c.status])]);
    }
    expect(await rows.nth(completeness.teams.length).locator("th, td").allInnerTexts()).toEqual(["Received", ...completeness.months.map((m) => `${m.received}/${m.expected || 3}`)]);
    expect(completeness.teams.map((t) => t.teamName).sort()).toEqual(store.seed.teams.map((t) => t.name).sort());

    // a run chart per team: its name, its latest value, its median line, a point per month with data
    const first = runcharts.measures[0]!;
    const charts = page.locator('section[aria-labelledby="charts-title"] article');
    expect(await charts.count()).toBe(store.seed.teams.length);
    for (const [i, series] of first.series.entries()) {
      const chart = charts.nth(i);
      expect(await chart.locator("h3").innerText()).toBe(series.teamLabel);
      const last = [...series.points].reverse().find((p) => p.value !== null)!;
      expect(await chart.locator('[data-part="meta"]').innerText()).toContain(`latest ${formatValue(last.value, first.unit)} (${shortMonth(last.period)})`);
      expect(await chart.locator("svg line > title").allTextContents()).toContain(`median ${formatValue(series.centerLine, first.unit)}`);
      expect(await chart.locator("svg circle").count()).toBe(series.points.filter((p) => p.value !== null).length);
      expect(await chart.locator('svg path[data-mark="line"]').count()).toBe(1);
    }

    // % at 4+: one bar per scored month, labelled with its whole percent
    const bars = page.getByRole("img", { name: "Percent of teams at 4 or above per month" });
    const scoredMonths = scores.months.filter((m) => m.percentAtLeast4 !== null);
    expect(await bars.locator("rect").count()).toBe(scoredMonths.length);
    expect(await bars.locator("rect > title").allTextContents()).toEqual(
      scoredMonths.map((m) => `${shortMonth(m.period)}: ${m.teamsAtLeast4} of ${m.teamsScored} scored teams at 4 or above (${m.teamsTotal} teams)`),
    );
    const labels = await bars.locator("text").allTextContents();
    for (const m of scoredMonths) expect(labels).toContain(`${Math.round(m.percentAtLeast4!)}%`);

    // the comparison: each team's latest value in team order (not ranked), with its month
    const compare = page.getByRole("img", { name: "Latest values by team" });
    expect(await compare.locator("rect").count()).toBe(store.seed.teams.length);
    const latest = first.series
      .map((s) => ({ label: s.teamLabel, point: [...s.points].reverse().find((p) => p.value !== null)! }));
    expect(await compare.locator("rect > title").allTextContents()).toEqual(latest.map((r) => `${r.label}: ${formatValue(r.point.value, first.unit)} in ${shortMonth(r.point.period)}`));
    await page.screenshot({ path: "test-results/faculty-02-dashboard.png", fullPage: true });

    // switching measure redraws the charts and the comparison for that measure
    const tabs = page.getByRole("tab");
    expect(await tabs.allInnerTexts()).toEqual(runcharts.measures.map((m) => m.name));
    const second = runcharts.measures[1]!;
    await tabs.nth(1).click();
    expect(await tabs.nth(1).getAttribute("aria-selected")).toBe("true");
    await page.getByText(`${second.name}: each team's latest value, in team order (not ranked)`).waitFor();
    expect(await page.locator('[data-part="measure-about"]').innerText()).toContain(second.unit ?? "");
    const secondLast = [...second.series[0]!.points].reverse().find((p) => p.value !== null)!;
    expect(await charts.first().locator('[data-part="meta"]').innerText()).toContain(`latest ${formatValue(secondLast.value, second.unit)}`);
    await page.screenshot({ path: "test-results/faculty-03-second-measure.png", fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it("scores a team: refuses a missing rationale on the page, saves with one, shows the suggestion and updates % at 4+", async () => {
    await openDashboard();
    const team = store.seed.teams[1]!;
    await page.getByRole("combobox", { name: /^Team/ }).selectOption(team.id);
    const months = await page.getByRole("combobox", { name: /^Month/ }).locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(months.length).toBeGreaterThan(0);
    expect([...months].sort().reverse()).toEqual(months); // latest first
    await page.getByRole("combobox", { name: /^Month/ }).selectOption(months[0]!);
    // the ten levels of the IHI scale, from core, with their wording
    const levels = await page.getByRole("combobox", { name: /^Score/ }).locator("option").allTextContents();
    expect(levels).toHaveLength(11);
    expect(levels).toContain("4.0 · Significant improvement");

    // before scoring, the suggestion from the team's stored data for that month, with its reasons
    const suggested = page.getByRole("group", { name: "Suggested from the team's data" });
    await suggested.getByText(/^The team's data suggest \d\.\d · /).waitFor();
    const suggestedBefore = await suggested.innerText();
    const reasonsBefore = await suggested.locator("li").allInnerTexts();
    expect(suggestedBefore).toMatch(/Run charts are read by the IHI rules: /);

    await page.getByRole("combobox", { name: /^Score/ }).selectOption("4");
    // the level's meaning, from core's scale, under the field
    await page.getByText(ASSESSMENT_SCALE.find((l) => l.score === 4)!.description).waitFor();
    await page.getByRole("textbox", { name: /^Rationale/ }).fill("   ");
    await page.getByRole("button", { name: "Save score" }).click();
    await page.getByText("Rationale: say in a sentence why the team earns this score (what its data and narrative show).").waitFor();

    // the server refuses it too, and says which field
    const refused = await page.evaluate(async ([url, token]) => {
      const response = await fetch(url, { method: "PUT", headers: { authorization: "Bearer " + token, "content-type": "application/json" }, body: JSON.stringify({ score: 4 }) });
      return { status: response.status, body: await response.json() };
    }, [`${base()}/teams/${team.id}/scores/${months[0]}`, store.seed.facultyToken] as const);
    expect(refused.status).toBe(422);
    expect(refused.body.conflicts[0].path).toEqual(["rationale"]);

    const before = await api(`${base()}/scores`, ScoresResponse);
    await page.getByRole("textbox", { name: /^Rationale/ }).fill("Infections down for 3 months; bundle reliable on every ward");
    await page.getByRole("button", { name: "Save score" }).click();
    const result = page.getByRole("status", { name: "Saved score" });
    await result.getByText(/^Saved: /).waitFor();
    const text = await result.innerText();
    expect(text).toContain(`Saved: ${team.name}, ${shortMonth(months[0]!)}: 4.0 · Significant improvement.`);
    // the same suggestion and reasons as shown before saving (one builder, one answer)
    const [, shownScore] = /suggest (\d\.\d · [^.]+)\./.exec(suggestedBefore) ?? [];
    expect(text).toContain(`Suggested from the team's data: ${shownScore}`);
    expect(await result.locator("li").allInnerTexts()).toEqual(reasonsBefore);
    // the page reloads the scores after the save
    await page.getByText(/^Current faculty score: 4\.0 · Significant improvement .*Infections down for 3 months/).waitFor();
    // the stored score is what the API now answers, and % at 4+ is redrawn from it
    const after = await api(`${base()}/scores?teamId=${team.id}&period=${months[0]}`, ScoresResponse);
    expect(after.scores[0]!.faculty).toMatchObject({ score: 4, rationale: "Infections down for 3 months; bundle reliable on every ward" });
    const all = await api(`${base()}/scores`, ScoresResponse);
    const monthAfter = all.months.find((m) => m.period === months[0])!;
    expect(monthAfter.teamsScored).toBeGreaterThanOrEqual(before.months.find((m) => m.period === months[0])?.teamsScored ?? 0);
    await page
      .getByRole("img", { name: "Percent of teams at 4 or above per month" })
      .locator("rect > title", { hasText: `${shortMonth(months[0]!)}: ${monthAfter.teamsAtLeast4} of ${monthAfter.teamsScored} scored` })
      .waitFor({ state: "attached" });
    await page.getByRole("heading", { name: "Score a team" }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: "test-results/faculty-04-scored.png", fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 60_000);

  // The collaborative's rule set, honoured on the page: one data set (test/fixtures/ruleSets.ts) in
  // three collaboratives that differ only by ruleSet; each page's legend names the rules applied and
  // each chart names a different signal (the same ones /runcharts answers, test/server/http.reads.test.ts).
  it("draws the same data by each collaborative's rule set, and says which rules it applied", async () => {
    const rulePage = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    rulePage.on("pageerror", (error) => pageErrors.push(error.message));
    rulePage.on("console", (message) => {
      if (message.type() === "error") pageErrors.push(message.text());
    });
    const tokens: [string, string][] = [];
    for (const ruleSet of ["ihi", "anhoej", "mdc"] as const) {
      const id = `rules-${ruleSet}`;
      const file = join(store.dataDir, `${id}.json`);
      writeFileSync(
        file,
        JSON.stringify({
          id,
          name: `Rule set ${ruleSet}`,
          aim: "Antibiotics within one hour for 95% of patients",
          startMonth: RULE_SET_MONTHS[0],
          endMonth: "2026-12",
          lockAfterDays: 0,
          ruleSet,
          measures: [{ id: "abx-1h", name: "Antibiotics within 1 hour", type: "process", kind: "percent", improvementDirection: "increase", goal: 95 }],
          teams: [{ id: "alpha", name: "Alpha Hospital" }],
        }),
      );
      store.admin(["create-collaborative", file]);
      tokens.push([id, store.admin(["issue-token", "team", "--collaborative", id, "--team", "alpha"]).trim()]);
    }
    await rulePage.goto(`${store.url}/`);
    // the reports go from the page's origin (Chromium's fetch): Node's fetch can reuse a keep-alive
    // socket the server closed while the admin commands ran ("other side closed")
    const body = JSON.stringify({ reportingMonth: RULE_SET_MONTHS[RULE_SET_MONTHS.length - 1], points: RULE_SET_SERIES.map((numerator, i) => ({ measureId: "abx-1h", period: RULE_SET_MONTHS[i], numerator, denominator: 100 })) });
    for (const [id, token] of tokens) {
      const status = await rulePage.evaluate(
        async ([path, bearer, json]) => (await fetch(path, { method: "POST", headers: { authorization: "Bearer " + bearer, "content-type": "application/json" }, body: json })).status,
        [`/api/v1/collaboratives/${id}/submissions`, token, body] as const,
      );
      expect(status).toBe(201);
    }
    await rulePage.evaluate((token) => sessionStorage.setItem("qi.facultyToken", token), store.seed.adminToken);

    const shown: Record<string, string> = {};
    for (const ruleSet of ["ihi", "anhoej", "mdc"] as const) {
      const expected = RULE_SET_EXPECTED[ruleSet];
      await rulePage.goto(`${store.url}/?c=rules-${ruleSet}`);
      const key = rulePage.locator('[data-part="chart-key"]');
      await key.waitFor({ timeout: 15_000 });
      expect(await key.innerText()).toMatch(new RegExp(`^Read by the ${expected.name} \\(the collaborative's rule set\\): `));
      expect(await rulePage.getByRole("heading", { level: 1 }).innerText()).toBe(`Rule set ${ruleSet}`);
      expect(await rulePage.getByRole("combobox", { name: "Collaborative" }).inputValue()).toBe(`rules-${ruleSet}`);
      const chart = rulePage.locator('section[aria-labelledby="charts-title"] article').first();
      const meta = await chart.locator('[data-part="meta"]').innerText();
      for (const signal of expected.signals) expect(meta).toContain(`· ${signal}`);
      for (const other of (["ihi", "anhoej", "mdc"] as const).filter((r) => r !== ruleSet)) {
        for (const signal of RULE_SET_EXPECTED[other].signals) expect(meta).not.toContain(signal);
      }
      // the center line the rules read by: the median for IHI and Anhøj, the XmR mean for Making Data Count
      const lines = await chart.locator("svg line > title").evaluateAll((ts) => ts.map((t) => t.textContent ?? ""));
      expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^${expected.centerLine} `))]));
      expect(await chart.locator('svg circle[data-mark="signal"]').count()).toBe(expected.signals[0]!.startsWith("too few crossings") ? 0 : ruleSet === "ihi" ? 6 : 8);
      expect(await key.innerText()).not.toMatch(/not computed/);
      shown[ruleSet] = meta;
      await rulePage.screenshot({ path: `test-results/faculty-05-rules-${ruleSet}.png`, fullPage: true });
    }
    expect(new Set(Object.values(shown)).size).toBe(3);
    await rulePage.close();
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it("exports the current points as CSV", async () => {
    await openDashboard();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const path = await download.path();
    const csv = readFileSync(path, "utf8");
    const [header, ...rows] = csv.trim().split(/\r?\n/);
    expect(header).toMatch(/period/i);
    expect(rows.length).toBeGreaterThan(100);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it("exports the collaborative as an Excel workbook that exceljs reads back: points as the CSV has them, every revision, narratives, scores", async () => {
    await openDashboard();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export Excel" }).click()]);
    expect(download.suggestedFilename()).toBe(`${store.seed.collaborativeId}-export.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["About", "Points", "Point revisions", "Narratives", "Scores", "PDSA cycles"]);
    const csv = await (await fetch(`${store.url}/api/v1/collaboratives/${store.seed.collaborativeId}/export.csv`, { headers: { authorization: `Bearer ${store.seed.facultyToken}` } })).text();
    expect(workbook.getWorksheet("Points")!.rowCount).toBe(csv.trim().split(/\r?\n/).length);
    expect(workbook.getWorksheet("Point revisions")!.rowCount).toBeGreaterThanOrEqual(workbook.getWorksheet("Points")!.rowCount);
    expect(workbook.getWorksheet("Narratives")!.rowCount).toBeGreaterThan(1);
    expect(workbook.getWorksheet("Scores")!.rowCount).toBeGreaterThan(1);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
