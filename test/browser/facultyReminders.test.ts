// The faculty app's reminder ledger in real headless Chromium against the REAL data store (the demo
// collaborative, SQLite, no SMTP configured): the server's reminder job runs at start and records this
// week's digest as would-send (with no QI_FACULTY_EMAILS, naming the variable); the dashboard links to
// the Reminders section, which lists it as the API answers it. Screenshot:
// test-results/faculty-06-reminders.png.
import type { Page } from "playwright-core";
import { RemindersResponse } from "../../src/core/index";
import type { RunningStore } from "./support/dataStore";
import { openFacultyBrowser, type FacultyBrowser } from "./support/facultyBrowser";

describe("faculty page: the reminder ledger (headless Chromium, real data store, no SMTP)", () => {
  let session: FacultyBrowser | undefined;
  let store: RunningStore;
  let page: Page;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    session = await openFacultyBrowser();
    ({ store, page, pageErrors } = session);
  }, 180_000);

  afterAll(async () => session?.close());

  it("lists the digest the job recorded as would-send, says e-mail is off, and names why it could not go", async () => {
    const path = `${store.url}/api/v1/collaboratives/${store.seed.collaborativeId}/reminders`;
    const ledger = async () => RemindersResponse.parse(await (await fetch(path, { headers: { authorization: `Bearer ${store.seed.facultyToken}` } })).json());
    // the job's first run starts with the server; wait for it to have recorded something
    let answer = await ledger();
    for (let tries = 0; answer.reminders.length === 0 && tries < 80; tries++) {
      await new Promise((r) => setTimeout(r, 250));
      answer = await ledger();
    }
    expect(answer.smtpConfigured).toBe(false);
    const digest = answer.reminders.find((r) => r.kind === "digest");
    expect(digest).toMatchObject({ status: "would-send", recipients: [], error: expect.stringContaining("QI_FACULTY_EMAILS") });

    await page.goto(`${store.url}/`);
    await page.evaluate((token) => sessionStorage.setItem("qi.facultyToken", token), store.seed.facultyToken);
    await page.reload();
    await page.getByRole("link", { name: "Reminders sent to teams and faculty" }).click();
    const section = page.getByRole("region", { name: "Reminders" });
    await section.getByRole("table").waitFor({ timeout: 15_000 });
    await expect(section.getByText(/E-mail is not configured \(QI_SMTP_URL\)/).count()).resolves.toBe(1);
    const row = section.getByRole("row").filter({ hasText: `weekly digest · faculty · ${digest?.period}` });
    await expect(row.count()).resolves.toBe(1);
    const text = await row.innerText();
    expect(text).toContain("would send (no SMTP)");
    expect(text).toContain("no one");
    expect(text).toContain("no faculty recipients: set QI_FACULTY_EMAILS");
    expect(text).toContain(digest?.subject ?? "?");
    expect(page.url()).toMatch(/#reminders$/);
    await section.screenshot({ path: "test-results/faculty-06-reminders.png" });
    await page.screenshot({ path: "test-results/faculty-06b-dashboard-with-reminders.png", fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
