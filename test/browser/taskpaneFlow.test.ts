// The task pane end to end in real headless Chromium against a REAL running data store: the built
// add-in (dist/taskpane.local.html, served by src/server/main.ts on the API's origin) with an in-memory
// workbook injected through the pane's test hook (window.__QI_TEST_HOST__, see src/taskpane/index.tsx and
// test/browser/support/fakeWorkbook.ts). A data lead's month: connect, create a measure sheet (its run
// chart has gaps, not zeros, for months without data), map a hand-built sheet, validate,
// fix the flagged cells, validate clean, write the report, dry run, submit, submit again (unchanged),
// change a value and lose the network mid-submit, retry, and check on the server that every report
// landed exactly once. Screenshots of each step go to test-results/pane-*.png.
//
// Each test runs alone (`-t`): it opens the pane in a fresh browser context (no saved token) over a
// fresh workbook and brings it to the state it starts from itself (connect, a sheet already mapped,
// mistakes already fixed, a first report already sent). The data store is shared by the tests, so
// the submitting tests assert revisions relative to what the store held when they began.
import { mkdirSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium } from "../support/chromium";
import { installFakeWorkbook, type FakeCell, type FakeWorkbook } from "./support/fakeWorkbook";
import { startDataStore, type RunningStore } from "./support/dataStore";

type Measure = { id: string; name: string; kind: "percent" | "rate" | "count" | "mean"; required: boolean };
type StoredPoint = { period: string; numerator: number | null; denominator: number | null; value: number | null };

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const shortMonth = (period: string) => `${MONTHS[Number(period.slice(5)) - 1]} ${period.slice(0, 4)}`;

// Each test sets up its own state through the pane (connect, read the sheets, often a first report)
// before its own steps, so one test is a whole flow of a minute or so on a loaded 2-core machine:
// longer than jest's default 30 s. Waits inside still fail on their own timeouts.
jest.setTimeout(90_000);

describe("task pane flow against the real data store (headless Chromium)", () => {
  let store: RunningStore;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let measures: Measure[] = [];
  let history: Record<string, StoredPoint[]> = {};
  const pageErrors: string[] = [];
  let teamToken = "";
  let teamId = "";
  let reportingMonth = "";
  let bundleMeasure: Measure;
  let rateMeasure: Measure;
  let otherPercent: Measure | undefined;
  let shot = 0;

  async function api<T>(path: string, token: string): Promise<T> {
    const response = await fetch(`${store.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  async function screenshot(name: string) {
    shot += 1;
    await page.screenshot({ path: `test-results/pane-${String(shot).padStart(2, "0")}-${name}.png`, fullPage: true });
  }

  async function workbook<T>(fn: (wb: FakeWorkbook, arg: any) => T, arg?: unknown): Promise<T> {
    return page.evaluate(
      ([source, a]) => {
        const wb = (window as unknown as { __QI_TEST_WORKBOOK__: FakeWorkbook }).__QI_TEST_WORKBOOK__;
        return new Function("wb", "arg", `return (${source})(wb, arg);`)(wb, a);
      },
      [fn.toString(), arg] as const,
    ) as Promise<T>;
  }

  async function revisionsOf(month: string): Promise<number[]> {
    const history = await api<{ submissions: { reportingMonth: string; revision: number }[] }>(
      `/api/v1/collaboratives/${store.seed.collaborativeId}/teams/${teamId}/submissions`,
      store.seed.facultyToken,
    );
    return history.submissions.filter((s) => s.reportingMonth === month).map((s) => s.revision).sort((a, b) => a - b);
  }

  /**
   * The team's workbook: its history as stored, this month's new figures, and three mistakes on a
   * hand-built sheet ("n/a", the month twice) and one on a second percent sheet (more compliant than
   * observed). `clean`: the same workbook with those cells fixed as the data lead fixes them.
   */
  function buildWorkbook(clean: boolean): Record<string, FakeCell[][]> {
    const sheets: Record<string, FakeCell[][]> = {};
    measures.forEach((measure, index) => {
      const earlier = (history[measure.id] ?? []).filter((p) => p.period < reportingMonth).sort((a, b) => (a.period < b.period ? -1 : 1));
      const last = earlier[earlier.length - 1];
      const numerator = (last?.numerator ?? 10) + index + 1;
      const denominator = (last?.denominator ?? 100) + 7;
      if (measure.id === bundleMeasure.id) {
        // Built by hand: a title, loose headers, months written "Sep 2026", and three mistakes in this month.
        sheets.Bundle = [
          ["Central line insertion bundle audit", "", ""],
          ["", "", ""],
          ["Month", "Compliant", "Total"],
          ...earlier.map((p) => [shortMonth(p.period), p.numerator ?? "", p.denominator ?? ""]),
          ...(clean ? [] : [[shortMonth(reportingMonth), "n/a", denominator]]),
          [shortMonth(reportingMonth), Math.min(numerator, denominator), denominator],
        ];
        return;
      }
      const rows: FakeCell[][] = earlier.map((p) => [p.period, p.numerator ?? "", p.denominator ?? ""]);
      const second = measure.id === otherPercent?.id; // a mistake on a second sheet: more compliant than observed
      rows.push([reportingMonth, second ? (clean ? denominator - 3 : denominator + 5) : numerator, denominator]);
      sheets[measure.name] = [["Month", "Numerator", "Denominator"], ...rows];
    });
    return sheets;
  }

  beforeAll(async () => {
    mkdirSync("test-results", { recursive: true });
    store = await startDataStore();
    const team = store.seed.teams.find((t) => t.id === "northfield") ?? store.seed.teams[store.seed.teams.length - 1]!;
    teamToken = team.token;
    teamId = team.id;
    const me = await api<{ collaborative: { measures: Measure[] } }>("/api/v1/me", teamToken);
    measures = me.collaborative.measures;
    bundleMeasure = measures.find((m) => m.kind === "percent")!;
    rateMeasure = measures.find((m) => m.kind === "rate")!;
    otherPercent = measures.find((m) => m.kind === "percent" && m.id !== bundleMeasure.id);
    const status = await api<{ reportingMonth: string; latestRevision: number | null }>(
      `/api/v1/collaboratives/${store.seed.collaborativeId}/teams/${teamId}/status`,
      teamToken,
    );
    reportingMonth = status.reportingMonth;
    expect(status.latestRevision).toBeNull(); // the demo leaves this team's month unsent
    const points = await api<{ measures: { measureId: string; series: { own: boolean; points: StoredPoint[] }[] }[] }>(
      `/api/v1/collaboratives/${store.seed.collaborativeId}/points?teamId=${teamId}`,
      teamToken,
    );
    history = Object.fromEntries(points.measures.map((m) => [m.measureId, m.series.find((s) => s.own)?.points ?? []]));
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await store?.stop();
  });

  beforeEach(() => {
    pageErrors.length = 0;
  });

  afterEach(async () => {
    await context?.close();
    expect(pageErrors).toEqual([]);
  });

  /**
   * The pane in a fresh browser context (so no token is saved) over a fresh workbook: the one with
   * mistakes, or `clean`; `mapped`: the hand-built sheet already chosen for its measure.
   */
  async function openPane(options: { clean?: boolean; mapped?: boolean; extraSheets?: Record<string, FakeCell[][]> } = {}): Promise<void> {
    context = await browser.newContext({ viewport: { width: 360, height: 800 } });
    page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.on("console", (message) => {
      // Aborted requests are the point of the offline steps; anything else is a bug.
      if (message.type() === "error" && !/net::ERR_FAILED|Failed to load resource/.test(message.text())) pageErrors.push(message.text());
    });
    const settings = options.mapped ? { sheetMap: { [bundleMeasure.id]: "Bundle" } } : {};
    await page.addInitScript(installFakeWorkbook, { sheets: { ...buildWorkbook(options.clean ?? false), ...options.extraSheets }, settings, readDelayMs: 40 });
    await page.goto(`${store.url}/taskpane.local.html`, { waitUntil: "load" });
  }

  async function connect(): Promise<void> {
    await page.getByLabel("Team token").fill(teamToken);
    await page.getByRole("button", { name: "Connect" }).click();
    await page.getByText("Northfield Community HDU").waitFor();
  }

  /** The pane connected over the clean, mapped workbook, on the Submit tab. */
  async function readyToSubmit(): Promise<void> {
    await openPane({ clean: true, mapped: true });
    await connect();
    await page.getByRole("tab", { name: "Submit" }).click();
    await page.getByRole("group", { name: "This month's status" }).waitFor();
  }

  /** Send this month's report as the workbook holds it (a new revision, or unchanged if the store has it). */
  async function sendReport(): Promise<void> {
    await page.getByRole("button", { name: "Check with the data store" }).click();
    await page.getByText(/\d+ new points?, \d+ changed, \d+ unchanged, 0 rejected/).waitFor();
    await page.getByRole("button", { name: /^Submit .* report$/ }).click();
    await page.getByText(/Received: revision \d+|^Unchanged$/).first().waitFor();
  }

  it("connects with the team token", async () => {
    await openPane();
    await page.getByLabel("Team token").fill(teamToken);
    await expect(page.getByLabel("Data store address").inputValue()).resolves.toBe(store.url);
    await screenshot("connect");
    await page.getByRole("button", { name: "Connect" }).click();
    await page.getByText("Northfield Community HDU").waitFor();
    await page.getByText("Safer Central Lines Collaborative (demo)").waitFor();
    await screenshot("connected");
    const settings = await workbook((wb) => wb.settings);
    expect(settings).toMatchObject({ storeUrl: store.url, collaborativeId: store.seed.collaborativeId, teamId });
    expect(JSON.stringify(settings)).not.toContain(teamToken);
  });

  it("creates a measure sheet whose run chart leaves a gap (#N/A) for each month without data", async () => {
    await openPane();
    await connect();
    await page.getByRole("tab", { name: "Sheets" }).click();
    // The bundle measure has no sheet under its own name yet (the team's is called "Bundle").
    const item = page.getByRole("listitem", { name: bundleMeasure.name });
    await item.getByRole("button", { name: "Create sheet" }).click();
    await item.getByText("Found by its name").waitFor();
    const created = await workbook((wb) => Object.keys(wb.charts));
    expect(created).toHaveLength(1);
    const sheetName = created[0]!;
    // A data lead types this month's counts into the new sheet's first row.
    await workbook((wb, a) => {
      wb.setCell(a.sheetName, "B2", 18);
      wb.setCell(a.sheetName, "C2", 20);
    }, { sheetName });
    const series = await workbook((wb, a) => wb.chartSeries(a.sheetName), { sheetName });
    await screenshot("sheet-created");
    expect(series.map((s) => s.name)).toEqual(expect.arrayContaining(["Value", "Median"]));
    const value = series.find((s) => s.name === "Value")!;
    expect(value.column).toBe("Chart value");
    expect(value.points[0]).toBe(90); // 18 / 20 × 100
    expect(value.points.length).toBeGreaterThan(1);
    // Excel plots a formula's "" as 0; the charted column holds #N/A instead, a gap.
    expect(value.points.slice(1).every((p) => p === "#N/A")).toBe(true);
    expect(series.find((s) => s.name === "Median")!.points.every((p) => p === 90)).toBe(true);
  });

  it("maps the hand-built sheet to its measure and shows what the reader noticed", async () => {
    await openPane();
    await connect();
    await page.getByRole("tab", { name: "Sheets" }).click();
    const select = page.getByLabel(`Sheet for ${bundleMeasure.name}`);
    await select.selectOption("Bundle");
    await page.getByText(/Cells above the header row/).waitFor();
    await page.getByText(/Chosen by you · \d+ months read/).waitFor();
    await screenshot("sheets");
    expect(await workbook((wb) => wb.settings.sheetMap)).toEqual({ [bundleMeasure.id]: "Bundle" });
  });

  it("validates: lists the mistakes on their cells, marks them, and a click selects the cell", async () => {
    await openPane({ mapped: true });
    await connect();
    await page.getByRole("tab", { name: "Validate" }).click();
    await page.getByRole("button", { name: "Validate sheets" }).click();
    await page.getByRole("progressbar", { name: "Reading measure sheets" }).waitFor();
    await screenshot("validating");
    await page.getByText(/errors? to fix/).waitFor();
    await screenshot("validate-errors");
    const bundle = page.getByRole("region", { name: "Bundle" });
    await bundle.getByRole("button", { name: /"n\/a"/ }).waitFor();
    await bundle.getByRole("button", { name: /is already on row/ }).waitFor();
    await page.getByRole("button", { name: /is larger than denominator/ }).waitFor();
    const marks = await workbook((wb) => wb.marks.map((m) => `${m.sheetName}!${m.address}`));
    expect(marks.some((m) => m.startsWith("Bundle!B"))).toBe(true);

    await bundle.getByRole("button", { name: /"n\/a"/ }).click();
    await expect(workbook((wb) => wb.selected)).resolves.toEqual({ sheetName: "Bundle", address: expect.stringMatching(/^B\d+$/) });
  });

  it("validates clean once the cells are fixed, and the marks are gone", async () => {
    await openPane({ mapped: true });
    await connect();
    await page.getByRole("tab", { name: "Validate" }).click();
    await page.getByRole("button", { name: "Validate sheets" }).click();
    await page.getByText(/errors? to fix/).waitFor();
    await workbook(
      (wb, a) => {
        const bundle = wb.sheets.Bundle!;
        const row = bundle.length; // 1-based number of the last (duplicate) row
        wb.setCell("Bundle", `B${row - 1}`, Number(bundle[row - 1]![1]));
        for (const column of ["A", "B", "C"]) wb.setCell("Bundle", `${column}${row}`, "");
        const sheet = wb.sheets[a.percentSheet];
        if (sheet) {
          const last = sheet.length;
          wb.setCell(a.percentSheet, `B${last}`, Number(sheet[last - 1]![2]) - 3);
        }
      },
      { percentSheet: otherPercent?.name ?? "" },
    );
    await page.getByRole("button", { name: "Validate again" }).click();
    await page.getByText(/All sheets are ready to submit|Ready to submit, with/).waitFor();
    await screenshot("validate-clean");
    const marks = await workbook((wb) => wb.marks.filter((m) => m.severity === "error"));
    expect(marks).toEqual([]);
  });

  it("writes the month's narrative and self-assessment", async () => {
    await openPane({ clean: true, mapped: true });
    await connect();
    await page.getByRole("tab", { name: "Report" }).click();
    await page.getByRole("textbox", { name: "Changes tested" }).fill("PDSA 3: daily line-necessity check at the morning huddle.");
    await page.getByRole("textbox", { name: "Lessons learned" }).fill("Nurses remove lines sooner when the question is asked every day.");
    await page.getByRole("radio", { name: /^2\.5 / }).check();
    await screenshot("report");
  });

  it("dry-runs, submits (a new revision on the server), and a second submit is unchanged", async () => {
    await readyToSubmit();
    // what the store holds must differ from the clean workbook for the first submit to be new: the
    // other submitting tests leave a changed value as the latest revision, never this one
    const before = await revisionsOf(reportingMonth);
    const next = before.length + 1;
    await page.getByRole("button", { name: "Check with the data store" }).click();
    await page.getByText(/\d+ new points?, \d+ changed, \d+ unchanged, 0 rejected/).waitFor();
    await screenshot("dry-run");
    expect(await revisionsOf(reportingMonth)).toEqual(before);

    await page.getByRole("button", { name: /^Submit .* report$/ }).click();
    await page.getByText(`Received: revision ${next}`).waitFor();
    await screenshot("submitted");
    expect(await revisionsOf(reportingMonth)).toEqual([...before, next]);

    await page.getByRole("button", { name: /^Submit .* report$/ }).click();
    await page.getByText("Unchanged", { exact: true }).waitFor();
    await screenshot("unchanged");
    expect(await revisionsOf(reportingMonth)).toEqual([...before, next]);
  });

  async function changeThisMonthsValue(delta: number) {
    await workbook(
      (wb, a) => {
        const sheet = wb.sheets[a.name]!;
        const last = sheet.length;
        wb.setCell(a.name, `B${last}`, Number(sheet[last - 1]![1]) + a.delta);
      },
      { name: rateMeasure.name, delta },
    );
    await page.getByRole("button", { name: "Check with the data store" }).click();
    await page.getByText(/0 new points, 1 changed, \d+ unchanged, 0 rejected/).waitFor();
  }

  it("keeps a report the network dropped, shows it waiting, and Retry now lands it exactly once", async () => {
    await readyToSubmit();
    await sendReport(); // a first report, so that the changed value is "1 changed"
    const before = await revisionsOf(reportingMonth);
    const next = before.length + 1;
    await changeThisMonthsValue(1);
    await page.route("**/submissions*", (route) => route.abort());
    await page.getByRole("button", { name: /^Submit .* report$/ }).click();
    await page.getByText("1 report waiting to send").waitFor();
    await page.getByText("Saved, waiting to send").waitFor();
    await screenshot("queued");
    await page.unroute("**/submissions*");
    // The outbox may retry by itself while the button is shown (it is then disabled and goes away):
    // either our click or its own retry lands the report.
    const received = page.getByText(`Received: revision ${next}`);
    const retry = page.getByRole("button", { name: "Retry now" });
    await Promise.race([received.waitFor(), retry.click().catch(() => undefined)]);
    await received.waitFor();
    await expect(page.getByText("1 report waiting to send").count()).resolves.toBe(0);
    await screenshot("retried");
    expect(await revisionsOf(reportingMonth)).toEqual([...before, next]);
  });

  it("lands exactly once when the server stored the report but its answer was lost", async () => {
    await readyToSubmit();
    await sendReport(); // a first report, so that the changed value is "1 changed"
    const before = await revisionsOf(reportingMonth);
    const next = before.length + 1;
    await changeThisMonthsValue(1);
    // Only the first submit loses its answer: the outbox may retry on its own before the route is
    // removed, and that retry must go through (dropping it too raced with unroute).
    let dropped = false;
    await page.route("**/submissions*", async (route) => {
      if (!dropped && route.request().method() === "POST" && !route.request().url().includes("dryRun")) {
        dropped = true;
        await route.fetch(); // the server stores it…
        // …and the answer never arrives. On a loaded machine the pane may give up on the request before
        // the server has answered; Playwright then counts the route as handled and abort() throws, with
        // the same outcome (an answer lost after the report was stored), so that throw is not a failure.
        await route.abort().catch(() => undefined);
      } else await route.continue().catch(() => undefined); // the same when the pane already gave up
    });
    await page.getByRole("button", { name: /^Submit .* report$/ }).click();
    await page.getByText("1 report waiting to send").waitFor();
    expect(await revisionsOf(reportingMonth)).toEqual([...before, next]);
    await page.unroute("**/submissions*");
    // The outbox may retry by itself while the button is shown (it is then disabled and goes away):
    // either our click or its own retry lands the report.
    const received = page.getByText(`Received: revision ${next}`);
    const retry = page.getByRole("button", { name: "Retry now" });
    await Promise.race([received.waitFor(), retry.click().catch(() => undefined)]);
    await received.waitFor();
    expect(await revisionsOf(reportingMonth)).toEqual([...before, next]);
  });

  /**
   * The team's PDSA log kept by hand: a title, loose headers ("PDSA #", "Change tested", "Aims to
   * move", "Started"…), a column the reader does not know, dates written three ways, and one mistake:
   * cycle 1 ended but its decision (H4) is blank.
   */
  function handBuiltPdsaLog(): FakeCell[][] {
    const [year, month] = reportingMonth.split("-").map(Number) as [number, number];
    const previous = month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, "0")}`;
    const monthName = MONTHS[month - 1]!;
    return [
      ["Northfield PDSA tracker", "", "", "", "", "", "", "", ""],
      ["", "", "", "", "", "", "", "", ""],
      ["PDSA #", "Change tested", "Aims to move (measures)", "We predict", "Started", "Finished", "What happened", "Act", "Lead"],
      [1, "Bundle checklist at every insertion", `${bundleMeasure.name}, ${rateMeasure.id}`, "9 in 10 insertions", `${previous}-06`, `${reportingMonth}-02`, "8 in 10", "", "Priya"],
      ["1b", "Checklist with a second signature", bundleMeasure.name, "all insertions", `4 ${monthName} ${year}`, "", "", "continue", "Priya"],
    ];
  }

  it("reads a PDSA log kept by hand, marks its mistake, sends its cycles with the report, and the faculty app's run chart shows them", async () => {
    await openPane({ clean: true, mapped: true, extraSheets: { "Our PDSAs": handBuiltPdsaLog() } });
    await connect();
    await page.getByRole("tab", { name: "Sheets" }).click();
    await page.getByLabel("Sheet for the PDSA log").selectOption("Our PDSAs");
    await page.getByText(/Chosen by you · 1 cycle read/).waitFor();
    await page.getByRole("region", { name: "PDSA log" }).scrollIntoViewIfNeeded();
    await screenshot("pdsa-sheets");

    await page.getByRole("tab", { name: "Validate" }).click();
    await page.getByRole("button", { name: "Validate sheets" }).click();
    await page.getByText(/errors? to fix/).waitFor();
    await screenshot("pdsa-validate-error");
    const log = page.getByRole("region", { name: "Our PDSAs" });
    await log.getByRole("button", { name: /H4.*the cycle ended on .* but has no decision — type adopt, adapt, abandon or continue/ }).waitFor();
    expect(await workbook((wb) => wb.marks.map((m) => `${m.sheetName}!${m.address} ${m.severity}`))).toContain("Our PDSAs!H4 error");

    await workbook((wb) => wb.setCell("Our PDSAs", "H4", "Adapt"));
    await page.getByRole("button", { name: "Validate again" }).click();
    await page.getByText(/All sheets are ready to submit|Ready to submit, with/).waitFor();
    expect(await workbook((wb) => wb.marks.filter((m) => m.sheetName === "Our PDSAs"))).toEqual([]);

    await page.getByRole("tab", { name: "Submit" }).click();
    await page.getByRole("group", { name: "This month's status" }).waitFor();
    await page.getByRole("button", { name: "Check with the data store" }).click();
    await page.getByText(/PDSA cycles: 2 new, 0 changed, 0 unchanged, 0 rejected/).waitFor();
    await screenshot("pdsa-dry-run");
    await page.getByRole("button", { name: /^Submit .* report$/ }).click();
    await page.getByText(/Received: revision \d+/).waitFor();

    const stored = await api<{ cycles: { cycleId: string; measureIds: string[]; decision: string | null; endDate: string | null }[] }>(
      `/api/v1/collaboratives/${store.seed.collaborativeId}/teams/${teamId}/cycles`,
      teamToken,
    );
    expect(stored.cycles.map((c) => [c.cycleId, c.measureIds, c.decision, c.endDate])).toEqual([
      ["1", [bundleMeasure.id, rateMeasure.id], "adapt", `${reportingMonth}-02`],
      ["1b", [bundleMeasure.id], "continue", null],
    ]);

    // The faculty app, on the same store: the team's bundle chart marks both cycles.
    const faculty = await context.newPage();
    faculty.on("pageerror", (error) => pageErrors.push(error.message));
    await faculty.setViewportSize({ width: 1280, height: 900 });
    await faculty.goto(`${store.url}/`);
    await faculty.evaluate((token) => sessionStorage.setItem("qi.facultyToken", token), store.seed.facultyToken);
    await faculty.reload();
    await faculty.getByRole("heading", { name: "Run charts" }).waitFor({ timeout: 15_000 });
    await faculty.getByRole("tab", { name: bundleMeasure.name }).click();
    const card = faculty.getByRole("article", { name: `Northfield Community HDU: ${bundleMeasure.name}` });
    await card.waitFor();
    const marks = card.locator('g[data-mark="cycles"] g[data-cycle]');
    await expect(marks.evaluateAll((gs) => gs.map((g) => g.getAttribute("data-cycle")))).resolves.toEqual(["C1", "C1b"]);
    const titles = await card.locator('g[data-mark="cycles"] title').allTextContents();
    expect(titles).toEqual(
      expect.arrayContaining([expect.stringMatching(/C1 start: Bundle checklist at every insertion$/), expect.stringMatching(/C1 end \(adapt\): Bundle checklist at every insertion$/), expect.stringMatching(/C1b start: Checklist with a second signature$/)]),
    );
    await card.scrollIntoViewIfNeeded();
    await faculty.screenshot({ path: "test-results/pane-pdsa-faculty-run-chart.png", fullPage: false });
    await card.screenshot({ path: "test-results/pane-pdsa-faculty-card.png" });
    // the rate measure's chart shows cycle 1 too; the other teams' charts none
    await faculty.getByRole("tab", { name: rateMeasure.name }).click();
    const rateCard = faculty.getByRole("article", { name: `Northfield Community HDU: ${rateMeasure.name}` });
    await expect(rateCard.locator('g[data-mark="cycles"] g[data-cycle]').evaluateAll((gs) => gs.map((g) => g.getAttribute("data-cycle")))).resolves.toEqual(["C1"]);
  });
});
