// Issue 16's "Done when", in real headless Chromium against the REAL data store: a new director,
// holding only the admin token the server printed on its first start (the start seeds the demo
// collaborative and prints its tokens once: test/browser/support/dataStore.ts), sets up a new collaborative with two measures and three teams, issues the teams' tokens and locks a month,
// entirely in the web app (the faculty app's admin pages). Mistakes a new user makes are shown on
// their fields first. What the page did is checked against the API (the same store, read with core's
// schemas): the definition, the teams with their join months and contacts, each issued token working
// as its team, the month locked, the audit log. Any console error (a CSP refusal included) fails the
// test. Screenshots go to test-results/admin-*.png.
import type { Page } from "playwright-core";
import { AdminTeamList, AuditList, CollaborativeView, Me, PeriodsResponse, TokenList } from "../../src/core/index";
import { shortMonth } from "../../src/web/format";
import type { RunningStore } from "./support/dataStore";
import { openFacultyBrowser, type FacultyBrowser } from "./support/facultyBrowser";

/** "YYYY-MM" of the month `offset` months from this one (UTC). */
function month(offset: number): string {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
  return d.toISOString().slice(0, 7);
}

const START = month(-3);
const END = month(8);
const ID = "sepsis-2027";
const TEAMS = [
  { id: "riverside", name: "Riverside General", organisation: "Riverside Health", joinMonth: "", contact: { name: "Ada Okafor", email: "ada.okafor@riverside.example", role: "data lead" } },
  { id: "hillcrest", name: "Hillcrest Clinic", organisation: "", joinMonth: "", contact: { name: "Ben Marsh", email: "ben.marsh@hillcrest.example", role: "improvement advisor" } },
  { id: "lakeside", name: "Lakeside Hospital", organisation: "Lakeside Trust", joinMonth: month(-1), contact: { name: "Chloé Dupont", email: "chloe.dupont@lakeside.example", role: "data lead" } },
] as const;

describe("a new director sets a collaborative up in the web app (headless Chromium, real data store)", () => {
  let session: FacultyBrowser | undefined;
  let store: RunningStore;
  let page: Page;
  let pageErrors: string[] = [];
  /** 401s the test asks for on purpose (a revoked token), which Chromium logs as failed resources */
  let expected401 = 0;
  let shot = 0;

  beforeAll(async () => {
    session = await openFacultyBrowser({
      ignoreConsoleError: (text) => {
        if (!(expected401 > 0 && /status of 401/.test(text))) return false;
        expected401 -= 1;
        return true;
      },
    });
    ({ store, page, pageErrors } = session);
  }, 180_000);

  afterAll(async () => {
    // the page as the test left it (on a failure: what the director saw), and what it logged
    await page?.screenshot({ path: "test-results/admin-last.png", fullPage: true }).catch(() => undefined);
    if (pageErrors.length > 0) console.log(`page errors:\n${pageErrors.join("\n")}`);
    await session?.close();
  });

  const screenshot = async (name: string) => {
    shot += 1;
    // animations: "disabled" finishes transitions first (a button just clicked is shown in its new state)
    await page.screenshot({ path: `test-results/admin-${String(shot).padStart(2, "0")}-${name}.png`, fullPage: true, animations: "disabled" });
  };

  /** GET an API path with a token from the page's origin, parsed with core's schema. */
  async function api<T>(path: string, schema: { parse(value: unknown): T }, token = store.seed.adminToken): Promise<T> {
    const body = await page.evaluate(async ([url, bearer]) => (await fetch(url, { headers: { authorization: "Bearer " + bearer } })).json(), [path, token] as const);
    return schema.parse(body);
  }

  const textbox = (name: RegExp, root: Page | ReturnType<Page["locator"]> = page) => root.getByRole("textbox", { name });
  /** The message Fluent's Field shows under the control labelled `name`. */
  const messageOf = (name: RegExp, root: Page | ReturnType<Page["locator"]> = page) =>
    root.locator(".fui-Field", { has: page.getByRole("textbox", { name }) }).locator(".fui-Field__validationMessage").innerText();

  it("sets up a collaborative with two measures and three teams, issues their tokens and locks a month", async () => {
    // 1. signs in with the admin token (the demo's dashboard opens) and asks for a new collaborative
    await page.goto(`${store.url}/`);
    await page.getByRole("textbox", { name: "Faculty token" }).fill(store.seed.adminToken);
    await page.getByRole("textbox", { name: "Faculty token" }).press("Enter");
    await page.getByRole("heading", { name: "Who reported" }).waitFor({ timeout: 20_000 });
    await page.getByRole("navigation", { name: "Pages" }).getByRole("button", { name: "New collaborative" }).click();
    await page.getByRole("heading", { name: "New collaborative", level: 2 }).waitFor({ timeout: 20_000 });
    expect(page.url()).toMatch(/#\/admin\/new$/);
    await screenshot("new-form");

    // 2. a first try with a new user's mistakes: each is said on its field, nothing is sent
    await textbox(/^Collaborative id/).fill("Sepsis 2027");
    await textbox(/^Start month/).fill(START);
    await textbox(/^End month/).fill("2026/12");
    const first = page.getByRole("group", { name: "Measure 1" });
    await textbox(/^Measure id/, first).fill("abx-1h");
    await textbox(/^Goal/, first).fill("95%");
    await page.getByRole("button", { name: "Create collaborative" }).click();
    await page.getByText("Not created: fix the fields marked in red.").waitFor();
    expect(await messageOf(/^Collaborative id/)).toBe("use lowercase letters, digits and dashes, e.g. clabsi-rate");
    expect(await messageOf(/^Collaborative name/)).toBe("cannot be empty");
    expect(await messageOf(/^End month/)).toMatch(/YYYY-MM/);
    expect(await messageOf(/^Measure name/, first)).toBe("cannot be empty");
    expect(await messageOf(/^Goal/, first)).toBe("enter a number, e.g. 15");
    expect(await textbox(/^Collaborative id/).getAttribute("aria-invalid")).toBe("true");
    await screenshot("mistakes-on-fields");

    // 3. fixed: the collaborative with its first measure
    await textbox(/^Collaborative id/).fill(ID);
    await textbox(/^Collaborative name/).fill("Sepsis Collaborative 2027");
    await textbox(/^Aim/).fill("Antibiotics within one hour for 95% of patients with sepsis by the end of the collaborative");
    await textbox(/^End month/).fill(END);
    await textbox(/^Due day/).fill("10");
    await textbox(/^Measure name/, first).fill("Antibiotics within 1 hour");
    await textbox(/^Unit/, first).fill("%");
    await textbox(/^Goal/, first).fill("95");
    await textbox(/^Operational definition/, first).fill("Patients with sepsis given antibiotics within 60 minutes of triage, of all patients with sepsis");
    await page.getByRole("button", { name: "Create collaborative" }).click();
    await page.getByRole("heading", { name: "Measures", level: 2 }).waitFor({ timeout: 15_000 });
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Sepsis Collaborative 2027");

    // 4. the second measure, on the measures tab
    await page.getByRole("button", { name: "New measure" }).click();
    const form = page.getByRole("form", { name: "New measure" });
    await textbox(/^Measure id/, form).fill("time-to-abx");
    await textbox(/^Measure name/, form).fill("Minutes to antibiotics");
    await form.getByRole("combobox", { name: /^Type/ }).selectOption("outcome");
    await form.getByRole("combobox", { name: /^Kind/ }).selectOption("mean");
    await textbox(/^Unit/, form).fill("minutes");
    await form.getByRole("combobox", { name: /^Improvement direction/ }).selectOption("decrease");
    await textbox(/^Goal/, form).fill("60");
    await form.getByRole("button", { name: "Add measure" }).click();
    await page.getByText("Added Minutes to antibiotics.").waitFor();
    expect(await page.getByRole("list", { name: "Measure set" }).getByRole("listitem").evaluateAll((items) => items.map((li) => li.getAttribute("aria-label")))).toEqual([
      "Antibiotics within 1 hour",
      "Minutes to antibiotics",
    ]);
    await screenshot("two-measures");

    const view = await api(`/api/v1/collaboratives/${ID}`, CollaborativeView);
    expect(view).toMatchObject({ id: ID, startMonth: START, endMonth: END, dueDay: 10 });
    expect(view.measures.map((m) => [m.id, m.kind, m.improvementDirection, m.goal])).toEqual([
      ["abx-1h", "percent", "increase", 95],
      ["time-to-abx", "mean", "decrease", 60],
    ]);

    // reorder by keyboard (the focus stays on the moved measure's button), retire and bring back
    const measureOrder = async () => (await api(`/api/v1/collaboratives/${ID}`, CollaborativeView)).measures.map((m) => m.id);
    await page.getByRole("button", { name: "Move Minutes to antibiotics up" }).focus();
    await page.keyboard.press("Enter");
    await page.getByText("Moved Minutes to antibiotics up to position 1.").waitFor();
    expect(await measureOrder()).toEqual(["time-to-abx", "abx-1h"]);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Move Minutes to antibiotics down");
    await page.keyboard.press("Enter");
    await page.getByText("Moved Minutes to antibiotics down to position 2.").waitFor();
    expect(await measureOrder()).toEqual(["abx-1h", "time-to-abx"]);
    await page.getByRole("button", { name: "Retire Minutes to antibiotics" }).click();
    await page.getByText("Retired Minutes to antibiotics: no longer reported; its data stay.").waitFor();
    expect((await api(`/api/v1/collaboratives/${ID}`, CollaborativeView)).measures.find((m) => m.id === "time-to-abx")?.retired).toBe(true);
    await screenshot("measure-retired");
    await page.getByRole("button", { name: "Bring back Minutes to antibiotics" }).click();
    await page.getByText("Minutes to antibiotics is reported again.").waitFor();
    expect((await api(`/api/v1/collaboratives/${ID}`, CollaborativeView)).measures.find((m) => m.id === "time-to-abx")?.retired).not.toBe(true);

    // 5. three teams, each with a contact; one joins later than the start
    await page.getByRole("tab", { name: "Teams" }).click();
    await page.getByRole("heading", { name: "Teams", level: 2 }).waitFor();
    for (const team of TEAMS) {
      await page.getByRole("button", { name: "New team" }).click();
      const teamForm = page.getByRole("form", { name: "New team" });
      await textbox(/^Team id/, teamForm).fill(team.id);
      await textbox(/^Team name/, teamForm).fill(team.name);
      if (team.organisation) await textbox(/^Organisation/, teamForm).fill(team.organisation);
      if (team.joinMonth) await textbox(/^Join month/, teamForm).fill(team.joinMonth);
      await teamForm.getByRole("button", { name: "Add contact" }).click();
      await textbox(/^Contact 1 name/, teamForm).fill(team.contact.name);
      await textbox(/^Contact 1 e-mail/, teamForm).fill(team.contact.email);
      await textbox(/^Contact 1 role/, teamForm).fill(team.contact.role);
      if (team.id === "riverside") {
        // a typo in the e-mail, said on its field before anything is sent
        await textbox(/^Contact 1 e-mail/, teamForm).fill("ada.okafor at riverside");
        await teamForm.getByRole("button", { name: "Add team" }).click();
        expect(await messageOf(/^Contact 1 e-mail/, teamForm)).toBe("must be an e-mail address such as name@hospital.org");
        await screenshot("contact-email-on-its-field");
        await textbox(/^Contact 1 e-mail/, teamForm).fill(team.contact.email);
      }
      await teamForm.getByRole("button", { name: "Add team" }).click();
      await page.getByText(`Added ${team.name}.`).waitFor();
    }
    const lakeside = page.getByRole("listitem", { name: "Lakeside Hospital" });
    expect(await lakeside.innerText()).toContain(`joins ${shortMonth(TEAMS[2].joinMonth)}`);
    await screenshot("three-teams");
    const teams = await api(`/api/v1/collaboratives/${ID}/admin/teams`, AdminTeamList);
    expect(teams.teams.map((t) => [t.id, t.name, t.joinMonth, t.joinMonthSet, t.contacts.map((c) => c.email)])).toEqual(
      TEAMS.map((t) => [t.id, t.name, t.joinMonth || START, t.joinMonth !== "", [t.contact.email]]),
    );

    // 6. a token per team: the secret shown once, with the warning; it works as that team
    await page.getByRole("tab", { name: "Tokens" }).click();
    await page.getByRole("heading", { name: "Tokens", level: 2 }).waitFor();
    const secrets: Record<string, string> = {};
    for (const team of TEAMS) {
      await page.getByRole("combobox", { name: /^Role/ }).selectOption("team");
      await page.getByRole("combobox", { name: /^Team/ }).selectOption(team.id);
      await textbox(/^Label/).fill(`${team.name} data lead`);
      await textbox(/^Expires/).fill(`${END}-28`);
      await page.getByRole("button", { name: "Issue token" }).click();
      const shown = page.getByRole("region", { name: "New token" });
      await shown.waitFor();
      expect(await shown.innerText()).toContain("you will not see it again");
      secrets[team.id] = await shown.getByRole("textbox", { name: "The token" }).inputValue();
      if (team.id === "riverside") await screenshot("secret-shown-once");
      await shown.getByRole("button", { name: "I have copied it" }).click();
      await shown.waitFor({ state: "detached" });
    }
    const rows = page.getByRole("table", { name: "Issued tokens" }).locator("tbody tr");
    await rows.nth(2).waitFor();
    expect(await rows.count()).toBe(3);
    for (const team of TEAMS) {
      const row = rows.filter({ hasText: `${team.name} data lead` });
      expect(await row.locator("td").allInnerTexts()).toEqual([expect.stringMatching(/…$/), "team", team.name, `${team.name} data lead`, expect.any(String), `through ${END}-28`, "active", "Revoke"]);
      expect(await row.innerText()).not.toContain(secrets[team.id]!);
      const me = await api("/api/v1/me", Me, secrets[team.id]!);
      expect(me).toMatchObject({ role: "team", team: { id: team.id, name: team.name }, collaborative: { id: ID } });
    }
    expect(await page.locator("body").innerText()).not.toContain(secrets.riverside!);
    await screenshot("tokens-listed");
    const listed = await api(`/api/v1/tokens?collaborative=${ID}`, TokenList);
    expect(listed.tokens.filter((t) => t.role === "team").map((t) => t.teamId).sort()).toEqual(TEAMS.map((t) => t.id).sort());

    // a faculty token for a coach, revoked after confirming: it no longer opens anything
    await page.getByRole("combobox", { name: /^Role/ }).selectOption("faculty");
    await textbox(/^Label/).fill("Coach Kim");
    await page.getByRole("button", { name: "Issue token" }).click();
    const coachShown = page.getByRole("region", { name: "New token" });
    const coach = await coachShown.getByRole("textbox", { name: "The token" }).inputValue();
    expect((await api("/api/v1/me", Me, coach)).role).toBe("faculty");
    await coachShown.getByRole("button", { name: "I have copied it" }).click();
    await page.getByRole("button", { name: "Revoke Coach Kim" }).click();
    const ask = page.getByRole("group", { name: "Revoke Coach Kim?" });
    await ask.getByRole("button", { name: "Revoke token" }).click();
    await rows.filter({ hasText: "Coach Kim" }).getByText(/^revoked /).waitFor();
    expected401 += 1;
    const refused = await page.evaluate(async (bearer) => (await fetch("/api/v1/me", { headers: { authorization: "Bearer " + bearer } })).status, coach);
    expect(refused).toBe(401);
    await screenshot("coach-token-revoked");

    // 7. lock the first month
    await page.getByRole("tab", { name: "Months" }).click();
    await page.getByRole("heading", { name: "Months", level: 2 }).waitFor();
    await page.getByRole("button", { name: `Lock ${shortMonth(START)}` }).click();
    await page.getByText(`${shortMonth(START)} is locked: reports for it are refused until it is reopened.`).waitFor();
    expect(await page.getByRole("row", { name: shortMonth(START) }).innerText()).toContain("locked by an admin");
    await screenshot("month-locked");
    const periods = await api(`/api/v1/collaboratives/${ID}/periods`, PeriodsResponse);
    expect(periods.periods.find((p) => p.period === START)).toMatchObject({ locked: true, state: "manual" });

    // reopening needs a reason, said on its field; with one, the month is open again; then locked again
    await page.getByRole("button", { name: `Reopen ${shortMonth(START)}` }).click();
    const reopen = page.getByRole("form", { name: `Reopen ${shortMonth(START)}` });
    await reopen.getByRole("button", { name: "Reopen" }).click();
    expect(await messageOf(new RegExp(`^Why reopen ${shortMonth(START)}`), reopen)).toMatch(/^say why the month is reopened/);
    await textbox(new RegExp(`^Why reopen ${shortMonth(START)}`), reopen).fill("Late data from Riverside's ward 4");
    await reopen.getByRole("button", { name: "Reopen" }).click();
    await page.getByText(`${shortMonth(START)} is reopened.`).waitFor();
    expect((await api(`/api/v1/collaboratives/${ID}/periods`, PeriodsResponse)).periods.find((p) => p.period === START)).toMatchObject({ locked: false, state: "reopened", reason: "Late data from Riverside's ward 4" });
    await page.getByRole("button", { name: `Lock ${shortMonth(START)}` }).click();
    await page.getByText(`${shortMonth(START)} is locked: reports for it are refused until it is reopened.`).waitFor();
    expect((await api(`/api/v1/collaboratives/${ID}/periods`, PeriodsResponse)).periods.find((p) => p.period === START)).toMatchObject({ locked: true, state: "manual" });

    // 8. the audit log has every step, by the director's token
    await page.getByRole("tab", { name: "Audit log" }).click();
    await page.getByRole("table", { name: "Audit log" }).waitFor();
    const audit = await api(`/api/v1/audit?collaborative=${ID}`, AuditList);
    // created, a measure added, moved twice, retired and back, 3 teams, 3 team tokens, the coach's issued and revoked, locked, reopened, locked
    expect(audit.entries.length).toBeGreaterThanOrEqual(1 + 1 + 2 + 2 + 3 + 3 + 2 + 3);
    expect(audit.entries.every((e) => e.actor !== "cli")).toBe(true);
    expect(await page.getByRole("table", { name: "Audit log" }).locator("tbody tr").count()).toBe(audit.entries.length);
    await screenshot("audit-log");

    // 9. the dashboard of the new collaborative: the three teams
    await page.getByRole("button", { name: "Dashboard" }).click();
    await page.getByRole("heading", { name: "Who reported" }).waitFor({ timeout: 15_000 });
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Sepsis Collaborative 2027");
    expect(await page.getByRole("combobox", { name: "Collaborative" }).inputValue()).toBe(ID);
    const grid = page.getByRole("table", { name: "Who reported" });
    for (const team of TEAMS) expect(await grid.innerText()).toContain(team.name);
    await screenshot("dashboard");
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
