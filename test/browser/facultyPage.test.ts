// The faculty page in real headless Chromium against a REAL running data store seeded with the demo
// collaborative (3 teams, 4 measures, 12 months): sign in, refuse a team token and a wrong token with a
// message, then read who reported, the run charts of every team, % of teams at 4+ and the comparison,
// switch measure, score a team (with its rationale; the suggestion comes back), and export the CSV. Screenshots go to test-results/faculty-*.png.
import { mkdirSync, readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../support/chromium";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { RULE_SET_EXPECTED, RULE_SET_MONTHS, RULE_SET_SERIES } from "../fixtures/ruleSets";
import { startDataStore, type RunningStore } from "./support/dataStore";

describe("faculty page against the real data store (headless Chromium)", () => {
  let store: RunningStore;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    store = await startDataStore();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.on("console", (message) => {
      // a refused token answers 401 and the deliberate score without a rationale 422, which Chromium
      // logs as failed resources: that is the point of those steps
      if (message.type() === "error" && !/status of (401|422)/.test(message.text())) pageErrors.push(message.text());
    });
    mkdirSync("test-results", { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await store?.stop();
  });

  async function signIn(token: string) {
    await page.fill("#token", token);
    await page.press("#token", "Enter");
  }

  it("asks for a token, and names the problem when the token is wrong or is a team's", async () => {
    await page.goto(`${store.url}/`);
    await page.waitForSelector("#sign-in:not([hidden])", { timeout: 15_000 });
    await page.screenshot({ path: "test-results/faculty-01-sign-in.png" });

    await signIn("qi_not-a-real-token");
    await page.waitForFunction(() => (document.getElementById("sign-in-error")?.textContent ?? "").length > 0);
    expect(await page.locator("#sign-in-error").innerText()).toMatch(/token/i);

    await signIn(store.seed.teams[0]!.token);
    await page.waitForFunction(() => /team token/.test(document.getElementById("sign-in-error")?.textContent ?? ""));
    expect(await page.locator("#sign-in-error").innerText()).toMatch(/faculty page needs a faculty or admin token/);
    expect(await page.locator("#dashboard").isHidden()).toBe(true);
  }, 60_000);

  it("shows who reported, every team's run chart, % at 4+ and the comparison for a faculty token", async () => {
    await signIn(store.seed.facultyToken);
    await page.waitForSelector("#dashboard:not([hidden])", { timeout: 15_000 });

    expect(await page.locator("#title").innerText()).toMatch(/Safer Central Lines/);
    const summary = await page.locator("#summary").innerText();
    expect(summary).toMatch(/Reporting month/);
    expect(summary).toMatch(/Teams at 4\+/);

    // one row per team plus the totals row; every cell has a status class
    const teamRows = page.locator("#grid tbody tr:not(.totals)");
    expect(await teamRows.count()).toBe(store.seed.teams.length);
    for (const team of store.seed.teams) expect(await page.locator("#grid").innerText()).toContain(team.name);
    const statuses = await page.locator("#grid tbody td:not(.total)").evaluateAll((cells) => cells.map((c) => c.className));
    expect(statuses.length).toBe(store.seed.teams.length * 12);
    for (const s of statuses) expect(["on_time", "late", "missing", "not_due"]).toContain(s);

    // a run chart per team, each with a plotted line and a median line
    const charts = page.locator("#charts .chart");
    expect(await charts.count()).toBe(store.seed.teams.length);
    for (let i = 0; i < store.seed.teams.length; i += 1) {
      const chart = charts.nth(i);
      expect(await chart.locator("svg path[stroke]").count()).toBeGreaterThan(0);
      expect(await chart.locator("svg circle").count()).toBeGreaterThan(6);
      expect(await chart.locator("svg line > title").evaluateAll((ts) => ts.map((t) => t.textContent))).toEqual(expect.arrayContaining([expect.stringMatching(/^median /)]));
    }
    expect(await page.locator('#scores-chart svg[role="img"] rect').count()).toBeGreaterThan(0);
    expect(await page.locator('#compare svg[role="img"] rect').count()).toBe(store.seed.teams.length);
    await page.screenshot({ path: "test-results/faculty-02-dashboard.png", fullPage: true });

    // switching measure redraws the charts for that measure
    const tabs = page.locator('#measure-tabs [role="tab"]');
    expect(await tabs.count()).toBe(4);
    const before = await page.locator("#measure-about").innerText();
    await tabs.nth(1).click();
    expect(await tabs.nth(1).getAttribute("aria-selected")).toBe("true");
    expect(await page.locator("#measure-about").innerText()).not.toBe(before);
    expect(await page.locator("#charts .chart").count()).toBe(store.seed.teams.length);
    await page.screenshot({ path: "test-results/faculty-03-second-measure.png", fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it("scores a team: refuses a missing rationale on the page, saves with one, shows the suggestion and updates % at 4+", async () => {
    const team = store.seed.teams[1]!;
    await page.selectOption("#score-team", team.id);
    const months = await page.locator("#score-month option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(months.length).toBeGreaterThan(0);
    expect([...months].sort().reverse()).toEqual(months); // latest first
    await page.selectOption("#score-month", months[0]!);
    // the ten levels of the IHI scale, from core, with their wording
    const levels = await page.locator("#score-value option").evaluateAll((os) => os.map((o) => o.textContent));
    expect(levels).toHaveLength(11);
    expect(levels).toContain("4.0 · Significant improvement");

    // before scoring, the suggestion from the team's stored data for that month, with its reasons
    await page.waitForFunction(() => /^The team's data suggest \d\.\d · /.test(document.querySelector("#score-suggested p")?.textContent ?? ""));
    const suggestedBefore = await page.locator("#score-suggested").innerText();
    const reasonsBefore = await page.locator("#score-suggested li").allInnerTexts();
    expect(suggestedBefore).toMatch(/Run charts are read by the IHI rules: /);

    await page.selectOption("#score-value", "4");
    expect(await page.locator("#score-level").innerText()).not.toBe("");
    await page.fill("#score-rationale", "   ");
    await page.click("#score-save");
    await page.waitForFunction(() => /Rationale/.test(document.getElementById("score-error")?.textContent ?? ""));
    expect(await page.locator("#score-error").innerText()).toBe("Rationale: say in a sentence why the team earns this score (what its data and narrative show).");

    // the server refuses it too, and the page shows its message with the field
    const refused = await page.evaluate(async ([base, token]) => {
      const response = await fetch(base, { method: "PUT", headers: { authorization: "Bearer " + token, "content-type": "application/json" }, body: JSON.stringify({ score: 4 }) });
      return { status: response.status, body: await response.json() };
    }, [`/api/v1/collaboratives/${store.seed.collaborativeId}/teams/${team.id}/scores/${months[0]}`, store.seed.facultyToken] as const);
    expect(refused.status).toBe(422);
    expect(refused.body.conflicts[0].path).toEqual(["rationale"]);

    await page.fill("#score-rationale", "Infections down for 3 months; bundle reliable on every ward");
    await page.click("#score-save");
    await page.waitForFunction(() => /^Saved: /.test(document.querySelector("#score-result .saved")?.textContent ?? ""));
    const result = await page.locator("#score-result").innerText();
    expect(result).toContain(`Saved: ${team.name}`);
    expect(result).toMatch(/4\.0 · Significant improvement/);
    expect(result).toMatch(/Suggested from the team's data: \d\.\d · /);
    // the same suggestion and reasons as shown before saving (one builder, one answer)
    const [, shownScore] = /suggest (\d\.\d · [^.]+)\./.exec(suggestedBefore) ?? [];
    expect(result).toContain(`Suggested from the team's data: ${shownScore}`);
    expect(await page.locator("#score-result li").allInnerTexts()).toEqual(reasonsBefore);
    // the page reloads the scores after the save: wait for it rather than read the line before it lands
    await page.waitForFunction(() => /^Current faculty score: /.test(document.getElementById("score-current")?.textContent ?? ""));
    expect(await page.locator("#score-current").innerText()).toMatch(/^Current faculty score: 4\.0 · Significant improvement .*Infections down for 3 months/);
    expect(await page.locator("#score-error").innerText()).toBe("");
    // the stored score is what the API now answers
    const scores = await page.evaluate(async ([base, token]) => (await fetch(base, { headers: { authorization: "Bearer " + token } })).json(), [`/api/v1/collaboratives/${store.seed.collaborativeId}/scores?teamId=${team.id}&period=${months[0]}`, store.seed.facultyToken] as const);
    expect(scores.scores[0].faculty).toMatchObject({ score: 4, rationale: "Infections down for 3 months; bundle reliable on every ward" });
    await page.locator("#scoring").scrollIntoViewIfNeeded();
    await page.screenshot({ path: "test-results/faculty-04-scored.png", fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 60_000);

  // The collaborative's rule set, honoured on the page: one data set (test/fixtures/ruleSets.ts) in
  // three collaboratives that differ only by ruleSet; each page's legend names the rules applied and
  // each chart names a different signal (the same ones /runcharts answers, test/server/http.reads.test.ts).
  it("draws the same data by each collaborative's rule set, and says which rules it applied", async () => {
    const rulePage = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    rulePage.on("pageerror", (error) => pageErrors.push(error.message));
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
    await rulePage.waitForSelector("#sign-in:not([hidden])", { timeout: 15_000 });
    await rulePage.fill("#token", store.seed.adminToken);
    await rulePage.press("#token", "Enter");
    await rulePage.waitForSelector("#dashboard:not([hidden])", { timeout: 15_000 });

    const shown: Record<string, string> = {};
    for (const ruleSet of ["ihi", "anhoej", "mdc"] as const) {
      const expected = RULE_SET_EXPECTED[ruleSet];
      await rulePage.goto(`${store.url}/?c=rules-${ruleSet}`);
      await rulePage.waitForFunction((name) => (document.getElementById("chart-key")?.textContent ?? "").startsWith(`Read by the ${name} `), expected.name, { timeout: 15_000 });
      expect(await rulePage.locator("#title").innerText()).toContain(`Rule set ${ruleSet}`);
      const chart = rulePage.locator("#charts .chart").first();
      const meta = await chart.locator(".meta").innerText();
      for (const signal of expected.signals) expect(meta).toContain(`· ${signal}`);
      for (const other of (["ihi", "anhoej", "mdc"] as const).filter((r) => r !== ruleSet)) {
        for (const signal of RULE_SET_EXPECTED[other].signals) expect(meta).not.toContain(signal);
      }
      // the center line the rules read by: the median for IHI and Anhøj, the XmR mean for Making Data Count
      const lines = await chart.locator("svg line > title").evaluateAll((ts) => ts.map((t) => t.textContent ?? ""));
      expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^${expected.centerLine} `))]));
      expect(await chart.locator('svg circle[fill="#e07a1f"]').count()).toBe(expected.signals[0]!.startsWith("too few crossings") ? 0 : ruleSet === "ihi" ? 6 : 8);
      expect(await rulePage.locator("#chart-key").innerText()).not.toMatch(/not computed/);
      shown[ruleSet] = meta;
      await rulePage.screenshot({ path: `test-results/faculty-05-rules-${ruleSet}.png`, fullPage: true });
    }
    expect(new Set(Object.values(shown)).size).toBe(3);
    await rulePage.close();
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it("exports the current points as CSV", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export")]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const path = await download.path();
    const csv = readFileSync(path, "utf8");
    const [header, ...rows] = csv.trim().split(/\r?\n/);
    expect(header).toMatch(/period/i);
    expect(rows.length).toBeGreaterThan(100);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
