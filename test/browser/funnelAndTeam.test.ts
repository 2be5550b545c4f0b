// The faculty app's funnel plot and team view in real headless Chromium against a REAL running data
// store seeded with the demo collaborative: open the funnel from the dashboard's link, pick a percent
// measure, check the plot's dots and the table against the API's own answer (read with core's schema),
// turn on the overdispersion adjustment, follow a team's link to its page, and open a team from the
// reporting grid. Any console error (a CSP refusal included) fails the test. Screenshots go to
// test-results/faculty-06-*.png and faculty-07-*.png.
import type { Page } from "playwright-core";
import { FunnelResponse, TeamTimeline } from "../../src/core/index";
import { shortMonth } from "../../src/web/format";
import type { RunningStore } from "./support/dataStore";
import { openFacultyBrowser, signInAsFaculty, type FacultyBrowser } from "./support/facultyBrowser";

describe("funnel plot and team view against the real data store (headless Chromium)", () => {
  let session: FacultyBrowser | undefined;
  let store: RunningStore;
  let page: Page;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    session = await openFacultyBrowser();
    ({ store, page, pageErrors } = session);
    await signInAsFaculty(page, store);
  }, 180_000);

  afterAll(async () => session?.close());

  async function api<T>(path: string, schema: { parse(value: unknown): T }): Promise<T> {
    const body = await page.evaluate(async ([url, token]) => (await fetch(url, { headers: { authorization: "Bearer " + token } })).json(), [path, store.seed.facultyToken] as const);
    return schema.parse(body);
  }
  const base = () => `/api/v1/collaboratives/${store.seed.collaborativeId}`;

  it("opens the funnel from the dashboard and draws each team of the month as the API answers it", async () => {
    await page.getByRole("link", { name: "Funnel plots" }).click();
    await page.getByRole("heading", { name: "Funnel plot" }).waitFor();
    await page.getByRole("combobox", { name: "Measure" }).selectOption({ label: "Insertion bundle compliance" });
    const month = await page.getByRole("combobox", { name: "Month" }).inputValue();
    const expected = await api(`${base()}/funnel?measureId=bundle-compliance&period=${month}`, FunnelResponse);
    expect(expected.teams.length).toBeGreaterThan(0);
    const plot = page.getByRole("img", { name: new RegExp(`^Funnel plot of Insertion bundle compliance, ${month}: ${expected.teams.length} teams`) });
    await plot.waitFor();
    expect(await plot.locator("circle").count()).toBe(expected.teams.length);
    expect(await plot.locator('path[data-mark="line"]').count()).toBe(4);
    const table = page.getByRole("table", { name: `Teams on the funnel of Insertion bundle compliance, ${shortMonth(month)}` });
    const rows = await table.locator("tbody tr").allInnerTexts();
    expect(rows.map((r) => r.split("\t")[0])).toEqual(expected.teams.map((t) => t.teamLabel));
    expect(rows.map((r) => r.split("\t")[3])).toEqual(expected.teams.map((t) => ({ above_outer: "above the 99.8% limit", above_inner: "above the 95% limit", within: "within the 95% limits", below_inner: "below the 95% limit", below_outer: "below the 99.8% limit" })[t.position]));
    await page.screenshot({ path: "test-results/faculty-06-funnel.png", fullPage: true });

    await page.getByRole("switch", { name: "Adjust for overdispersion" }).check();
    await page.getByText(/Overdispersion: φ = /).waitFor();
    const adjusted = await api(`${base()}/funnel?measureId=bundle-compliance&period=${month}&overdispersion=true`, FunnelResponse);
    expect(await page.locator('[data-part="funnel-about"]').innerText()).toContain(`φ = ${adjusted.overdispersion!.phi.toFixed(2)}`);
    await page.screenshot({ path: "test-results/faculty-06b-funnel-overdispersion.png", fullPage: true });

    // a rate measure: exact Poisson limits, values per 1,000 line-days
    await page.getByRole("switch", { name: "Adjust for overdispersion" }).uncheck();
    await page.getByRole("combobox", { name: "Measure" }).selectOption({ label: "CLABSI per 1,000 central-line days" });
    const rateMonth = await page.getByRole("combobox", { name: "Month" }).inputValue();
    const rate = await api(`${base()}/funnel?measureId=clabsi-rate&period=${rateMonth}`, FunnelResponse);
    expect(rate).toMatchObject({ measure: "rate", scale: 1000, limitsFrom: "exact" });
    const ratePlot = page.getByRole("img", { name: new RegExp(`^Funnel plot of CLABSI per 1,000 central-line days, ${rateMonth}: ${rate.teams.length} teams`) });
    await ratePlot.waitFor();
    expect(await ratePlot.locator("circle").count()).toBe(rate.teams.length);
    await page.screenshot({ path: "test-results/faculty-06c-funnel-rate.png", fullPage: true });
    await page.getByRole("combobox", { name: "Measure" }).selectOption({ label: "Insertion bundle compliance" });
    await page.getByRole("img", { name: /^Funnel plot of Insertion bundle compliance/ }).waitFor();
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it("follows a team's link from the funnel to its page: every measure's chart, scores with rationale, narratives month by month", async () => {
    const first = store.seed.teams[0]!;
    await page.getByRole("table", { name: /^Teams on the funnel/ }).getByRole("link", { name: first.name }).click();
    await page.getByRole("heading", { name: first.name, level: 2 }).waitFor();
    expect(page.url()).toMatch(new RegExp(`#/team/${first.id}$`));
    const timeline = await api(`${base()}/teams/${first.id}/timeline`, TeamTimeline);
    await page.getByRole("table", { name: `${first.name}: scores and their rationale` }).waitFor();
    expect(await page.getByRole("article", { name: new RegExp(`^${first.name}: `) }).count()).toBe(4);
    const told = timeline.months.filter((m) => m.narrative !== null);
    expect(told.length).toBeGreaterThan(0);
    expect(await page.getByRole("article", { name: new RegExp(`^${first.name}, `) }).count()).toBe(told.length);
    const scoresChart = page.getByRole("img", { name: `${first.name}: self, faculty and suggested scores per month` });
    expect(await scoresChart.locator('circle[data-mark="faculty"]').count()).toBe(timeline.months.filter((m) => m.faculty !== null).length);
    await page.screenshot({ path: "test-results/faculty-07-team.png", fullPage: true });
    await page.locator('section[aria-labelledby="team-title"]').screenshot({ path: "test-results/faculty-07c-team-charts.png" });
    await page.locator('section[aria-labelledby="scores-title"]').screenshot({ path: "test-results/faculty-07d-team-scores.png" });
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it("opens a team from the reporting grid", async () => {
    const second = store.seed.teams[1]!;
    await page.getByRole("navigation", { name: "Views" }).getByRole("link", { name: "Dashboard" }).click();
    const grid = page.getByRole("table", { name: "Who reported" });
    await grid.waitFor();
    await grid.getByRole("link", { name: second.name }).click();
    await page.getByRole("heading", { name: second.name, level: 2 }).waitFor();
    await page.getByRole("table", { name: `${second.name}: scores and their rationale` }).waitFor();
    await page.screenshot({ path: "test-results/faculty-07b-team-from-grid.png" });
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
