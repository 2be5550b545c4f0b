// The reminder job end to end: a real SMTP server in this process (smtp-server), a clock stepped
// across due day, late day and week boundaries, restarts (the job's state is only the ledger), two
// server instances on one PostgreSQL database, the list when SMTP is off, and the dry-run command.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { teamReminderMessage } from "../../src/core/index";
import { runAdmin } from "../../src/server/admin";
import { createApp } from "../../src/server/app";
import { runReminders, startReminderJob, type ReminderJobDeps, type ReminderRun } from "../../src/server/reminders/job";
import { postgresJobLock, processJobLock, type JobLock } from "../../src/server/reminders/jobLock";
import { smtpMailer, type Mailer } from "../../src/server/reminders/mailer";
import { PostgresStore } from "../../src/server/store/postgres";
import { SqliteStore } from "../../src/server/store/sqlite";
import type { Store } from "../../src/server/store/store";
import { startSmtp, type TestSmtp } from "../support/smtpServer";
import { run as runProcess } from "./processes";
import { call, CLI, fixedClock, makeWorld, postgresHandle, storeSubmit, TEST_DATABASE_URL, type StoreHandle, type World } from "./helpers";

jest.setTimeout(60_000);

const SETUP = "2025-12-01T09:00:00.000Z";
const FACULTY = ["faculty@sepsis.example"];

/** makeWorld's three teams, plus an opted-out, a late-joining and an inactive team; contacts for all but charlie. */
async function addTeamsAndContacts(store: Store): Promise<void> {
  await store.addTeam("sepsis", { id: "delta", name: "Delta Hospital", organisation: "", remindersOptOut: true }, SETUP, CLI);
  await store.addTeam("sepsis", { id: "echo", name: "Echo Hospital", organisation: "", joinMonth: "2026-03" }, SETUP, CLI);
  await store.addTeam("sepsis", { id: "foxtrot", name: "Foxtrot Hospital", organisation: "", active: false }, SETUP, CLI);
  const contact = (name: string, email: string) => ({ name, email, role: "data lead" });
  await store.setContacts("sepsis", "alpha", [contact("Ada", "ada@alpha.example"), contact("Al", "al@alpha.example")], SETUP, CLI);
  await store.setContacts("sepsis", "bravo", [contact("Bo", "bo@bravo.example")], SETUP, CLI);
  for (const t of ["delta", "echo", "foxtrot"]) await store.setContacts("sepsis", t, [contact(t, `lead@${t}.example`)], SETUP, CLI);
}

/** A January report of bravo, received on `at`. */
async function bravoReportsJanuary(world: World, at: string): Promise<void> {
  const outcome = await storeSubmit(world.store, world.collaborative, "bravo", { reportingMonth: "2026-01", points: [{ measureId: "abx-1h", period: "2026-01", numerator: 30, denominator: 50 }] }, { at });
  expect(outcome.kind).toBe("done");
}

function jobDeps(store: Store, clock: { now: () => Date }, mailer: Mailer | null, lock: JobLock = processJobLock()): ReminderJobDeps {
  return { store, clock: clock.now, lock, mailer, settings: { facultyEmails: FACULTY }, logError: () => undefined };
}

const sepsis = (keys: readonly string[]) => keys.filter((k) => k.includes(":sepsis:"));

describe("the reminder job with a real SMTP server (SQLite file, restarts)", () => {
  let smtp: TestSmtp;
  let dir: string;
  let handle: StoreHandle;
  let world: World;
  let mailer: Mailer;

  const open = async (): Promise<Store> => {
    const store = new SqliteStore({ file: join(dir, "qi.sqlite") });
    await store.migrate();
    return store;
  };

  beforeEach(async () => {
    smtp = await startSmtp();
    mailer = smtpMailer(smtp.url, "QI Sepsis <qi@sepsis.example>");
    dir = mkdtempSync(join(tmpdir(), "qi-reminders-"));
    const store = await open();
    handle = { store, raw: async () => [], close: () => store.close() };
    world = await makeWorld({ handle, now: "2026-02-11T06:00:00.000Z" });
    await addTeamsAndContacts(world.store);
  });
  afterEach(async () => {
    mailer.close();
    await smtp.close();
    await handle.store.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it("sends 'due' from 3 days before the due day, 'late' the day after, a digest each week: each once, across runs and a restart", async () => {
    const clock = fixedClock("2026-02-11T06:00:00.000Z");
    let store = world.store;
    const run = () => runReminders(jobDeps(store, clock, mailer));
    const keysSent = () => smtp.messages.map((m) => m.key);

    // Wednesday 11 February (week 7): January is due on the 15th, not reminded yet; the week's digests go
    let outcome: ReminderRun = await run();
    expect(outcome.sent.sort()).toEqual(["digest:other:2026-W07", "digest:sepsis:2026-W07"]);
    await bravoReportsJanuary(world, "2026-02-11T07:00:00.000Z");

    // Thursday 12 February, 00:10: due in 3 days, to the teams that have not reported and may be reminded
    clock.set("2026-02-12T00:10:00.000Z");
    outcome = await run();
    expect(sepsis(outcome.sent)).toEqual(["due:sepsis:alpha:2026-01"]);
    // charlie has no contacts: recorded as failed, naming the fix (as is the other collaborative's zulu)
    expect(sepsis(outcome.failed)).toEqual(["due:sepsis:charlie:2026-01"]);
    const due = smtp.messages.find((m) => m.key === "due:sepsis:alpha:2026-01");
    expect(due?.to).toEqual(["ada@alpha.example", "al@alpha.example"]);
    expect(due?.from).toBe("qi@sepsis.example");
    const words = teamReminderMessage({ kind: "due", collaborativeName: "Sepsis Collaborative", teamName: "Alpha Hospital", month: "2026-01", dueDate: "2026-02-15", today: "2026-02-12" });
    expect(due?.subject).toBe(words.subject);
    expect(due?.headers.get("auto-submitted")).toBe("auto-generated");
    expect(due?.text).toBe(words.text);
    expect(due?.raw).toContain("Content-Type: text/html");
    expect(await world.store.getReminder("due:sepsis:charlie:2026-01")).toMatchObject({ status: "failed", error: expect.stringContaining("team charlie has no contacts") });

    // a quarter of an hour later: nothing new
    clock.set("2026-02-12T00:25:00.000Z");
    outcome = await run();
    expect(outcome.sent).toEqual([]);

    // restart: a new store on the same file and a new job; the ledger is the only state
    await store.close();
    store = await open();
    handle.store = store;
    clock.set("2026-02-15T12:00:00.000Z");
    outcome = await run();
    expect(outcome.sent).toEqual([]);
    expect(sepsis(outcome.skipped)).toContain("due:sepsis:alpha:2026-01");

    // Monday 16 February: late, and week 8's digest
    clock.set("2026-02-16T00:05:00.000Z");
    outcome = await run();
    expect(sepsis(outcome.sent).sort()).toEqual(["digest:sepsis:2026-W08", "late:sepsis:alpha:2026-01"]);
    const digest = smtp.messages.find((m) => m.key === "digest:sepsis:2026-W08");
    expect(digest?.to).toEqual(FACULTY);
    // Delta opted out of mail and is still listed to faculty; Bravo reported; Echo joins in March; Foxtrot is inactive
    expect(digest?.text).toContain("Not reported (due date passed, month still open):\n\n- Alpha Hospital: January 2026\n- Charlie Infirmary: January 2026\n- Delta Hospital: January 2026\n\n");
    // Bravo had no data at week 7's digest and now has a suggestion: its score moved
    expect(digest?.text).toContain("Suggested scores that moved since the last digest:\n\n- Bravo Clinic: none to 2\n");
    expect(digest?.text).not.toMatch(/Echo|Foxtrot/);

    clock.set("2026-02-17T09:00:00.000Z");
    expect((await run()).sent).toEqual([]);
    // the 24th is past the late window (7 days): no late reminder, but week 9's digest
    clock.set("2026-02-24T09:00:00.000Z");
    expect(sepsis((await run()).sent)).toEqual(["digest:sepsis:2026-W09"]);

    expect(sepsis(keysSent())).toEqual(["digest:sepsis:2026-W07", "due:sepsis:alpha:2026-01", "late:sepsis:alpha:2026-01", "digest:sepsis:2026-W08", "digest:sepsis:2026-W09"]);
    expect(new Set(keysSent()).size).toBe(keysSent().length);
    // never to an opted-out, not-yet-joined or inactive team
    const to = smtp.messages.flatMap((m) => m.to);
    for (const address of ["lead@delta.example", "lead@echo.example", "lead@foxtrot.example", "bo@bravo.example"]) expect(to).not.toContain(address);
    const ledger = await store.listReminders("sepsis");
    expect(ledger.find((r) => r.key === "due:sepsis:alpha:2026-01")).toMatchObject({ status: "sent", attempts: 1, recipients: ["ada@alpha.example", "al@alpha.example"] });
  });

  it("a send the SMTP server refuses is recorded failed with its error and sent by the next run; a claim left 'sending' by a crash is never sent again", async () => {
    const clock = fixedClock("2026-02-12T00:10:00.000Z");
    // a crash after claiming: the row stays 'sending'
    await world.store.claimReminder(
      { key: "digest:sepsis:2026-W07", kind: "digest", collaborativeId: "sepsis", teamId: null, period: "2026-W07", recipients: FACULTY, subject: "s", text: "t", status: "sending", error: null, details: null },
      "2026-02-12T00:00:00.000Z",
    );
    smtp.refuseNext(1);
    const first = await runReminders(jobDeps(world.store, clock, mailer));
    expect([...first.sent, ...first.failed]).not.toContain("digest:sepsis:2026-W07");
    const refused = [...first.failed, ...first.sent].filter((k) => !(k.includes("charlie") || k.includes("zulu")));
    expect(first.failed.filter((k) => refused.includes(k))).toHaveLength(1);
    const failedKey = first.failed.find((k) => refused.includes(k)) as string;
    expect(await world.store.getReminder(failedKey)).toMatchObject({ status: "failed", attempts: 1, error: expect.stringContaining("451") });

    clock.set("2026-02-12T00:25:00.000Z");
    const second = await runReminders(jobDeps(world.store, clock, mailer));
    expect(second.sent).toEqual([failedKey]);
    expect(await world.store.getReminder(failedKey)).toMatchObject({ status: "sent", attempts: 2, error: null });
    expect(smtp.messages.map((m) => m.key).filter((k) => k === failedKey)).toHaveLength(1);
    expect(smtp.messages.map((m) => m.key)).not.toContain("digest:sepsis:2026-W07");
    expect(await world.store.getReminder("digest:sepsis:2026-W07")).toMatchObject({ status: "sending", attempts: 1 });
  });

  it("startReminderJob() runs at once and then on its timer; stop() waits for the run", async () => {
    const clock = fixedClock("2026-02-12T00:10:00.000Z");
    const job = startReminderJob(jobDeps(world.store, clock, mailer), 1_000);
    const again = await job.runNow(); // queued behind the first run
    await job.stop();
    expect(again.sent).toEqual([]);
    expect(smtp.messages.map((m) => m.key)).toContain("due:sepsis:alpha:2026-01");
  });
});

describe("without SMTP: would-send in the ledger, listed to faculty; the dry run", () => {
  let world: World;
  let dir: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "qi-reminders-"));
    const store = new SqliteStore({ file: join(dir, "qi.sqlite") });
    await store.migrate();
    world = await makeWorld({ handle: { store, raw: async () => [], close: () => store.close() }, now: "2026-02-12T00:10:00.000Z", app: { smtpConfigured: false } });
    await addTeamsAndContacts(world.store);
  });
  afterEach(async () => {
    await world.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("records every reminder as would-send (none dropped), and GET …/reminders lists them to faculty and admin only", async () => {
    const run = await runReminders(jobDeps(world.store, world.clock, null));
    expect(sepsis(run.wouldSend).sort()).toEqual(["digest:sepsis:2026-W07", "due:sepsis:alpha:2026-01", "due:sepsis:bravo:2026-01", "due:sepsis:charlie:2026-01"]);
    expect((await runReminders(jobDeps(world.store, world.clock, null))).wouldSend).toEqual([]);

    const listed = await call(world.app, "GET", "/api/v1/collaboratives/sepsis/reminders", { token: world.tokens.faculty });
    expect(listed.status).toBe(200);
    expect(listed.json.smtpConfigured).toBe(false);
    const alpha = listed.json.reminders.find((r: { key: string }) => r.key === "due:sepsis:alpha:2026-01");
    expect(alpha).toMatchObject({ kind: "due", teamId: "alpha", period: "2026-01", status: "would-send", recipients: ["ada@alpha.example", "al@alpha.example"], attempts: 1 });
    expect(alpha.text).toContain("Your data for January 2026 are due in 3 days");
    expect(listed.json.reminders.every((r: { collaborativeId: string }) => r.collaborativeId === "sepsis")).toBe(true);
    expect((await call(world.app, "GET", "/api/v1/collaboratives/sepsis/reminders?limit=1", { token: world.tokens.admin })).json.reminders).toHaveLength(1);
    expect((await call(world.app, "GET", "/api/v1/collaboratives/sepsis/reminders?limit=0", { token: world.tokens.admin })).status).toBe(400);
    expect((await call(world.app, "GET", "/api/v1/collaboratives/sepsis/reminders", { token: world.tokens.alpha })).status).toBe(403);
    expect((await call(world.app, "GET", "/api/v1/collaboratives/sepsis/reminders", { token: world.tokens.otherFaculty })).status).toBe(403);
  });

  it("npm run admin -- reminders --dry-run prints what would go now and writes nothing; without --dry-run it refuses", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
    // runAdmin closes the store it opened: hand it a view whose close() leaves ours open
    const view = Object.create(world.store, { close: { value: async () => undefined } }) as Store;
    const saved = process.env.QI_FACULTY_EMAILS;
    process.env.QI_FACULTY_EMAILS = FACULTY.join(",");
    try {
      expect(await runAdmin(["reminders", "--dry-run", "--collaborative", "sepsis"], io, async () => view, world.clock.now)).toBe(0);
    } finally {
      if (saved === undefined) delete process.env.QI_FACULTY_EMAILS;
      else process.env.QI_FACULTY_EMAILS = saved;
    }
    const text = out.join("\n");
    expect(out[0]).toBe("4 reminders would go now (2026-02-12, UTC); QI_SMTP_URL is not set: the server's job records them as would-send");
    expect(text).toContain("due    due:sepsis:alpha:2026-01\n       to: ada@alpha.example, al@alpha.example\n       subject: Sepsis Collaborative: the January 2026 report of Alpha Hospital is due in 3 days (15 February 2026)");
    expect(text).toContain("due    due:sepsis:charlie:2026-01\n       to: (no one)");
    expect(text).toContain("cannot go: team charlie has no contacts");
    expect(text).toContain("digest digest:sepsis:2026-W07\n       to: faculty@sepsis.example");
    expect(await world.store.listReminders("sepsis")).toEqual([]);

    // once the job has recorded them, the dry run has nothing left to show
    await runReminders(jobDeps(world.store, world.clock, null));
    out.length = 0;
    expect(await runAdmin(["reminders", "--dry-run", "--collaborative", "sepsis"], io, async () => view, world.clock.now)).toBe(0);
    expect(out[0]).toMatch(/^0 reminders would go now/);

    expect(await runAdmin(["reminders"], io, async () => view, world.clock.now)).toBe(1);
    expect(err.join("\n")).toContain("only --dry-run is supported");
  });
});

describe("npm run admin -- reminders --dry-run as a real process (tsx src/server/admin.ts)", () => {
  it("prints what would go now on the demo store, writes nothing, and exits 0", async () => {
    const dir = mkdtempSync(join(tmpdir(), "qi-reminders-cli-"));
    try {
      const env = { QI_DATA_DIR: dir, QI_FACULTY_EMAILS: "faculty@demo.example", QI_SMTP_URL: "" };
      expect((await runProcess("src/server/admin.ts", ["seed-demo", "--json"], env)).code).toBe(0);
      const dry = await runProcess("src/server/admin.ts", ["reminders", "--dry-run"], env);
      expect(dry.code).toBe(0);
      const today = new Date().toISOString().slice(0, 10);
      expect(dry.stdout.split("\n")[0]).toMatch(new RegExp(`^\\d+ reminders? would go now \\(${today}, UTC\\); QI_SMTP_URL is not set: the server's job records them as would-send$`));
      // the demo is always mid-collaborative: this week's digest is due, to QI_FACULTY_EMAILS
      expect(dry.stdout).toMatch(/digest digest:demo:\d{4}-W\d{2}\n {7}to: faculty@demo\.example/);
      const json = await runProcess("src/server/admin.ts", ["reminders", "--dry-run", "--json"], env);
      const listed = JSON.parse(json.stdout) as Array<{ key: string }>;
      expect(listed.map((r) => r.key)).toEqual([...dry.stdout.matchAll(/^(?:due|late|digest) +(\S+)$/gm)].map((m) => m[1]));
      const store = new SqliteStore({ file: join(dir, "qi.sqlite") });
      try {
        expect(await store.listReminders("demo")).toEqual([]);
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("GET …/teams/{teamId}/status: the backlog since the team joined", () => {
  it("lists missing months from the join month (locked ones flagged) and months sent late; the team reads its own", async () => {
    const world = await makeWorld({ now: "2026-05-20T10:00:00.000Z" });
    try {
      await world.store.addTeam("sepsis", { id: "echo", name: "Echo Hospital", organisation: "", joinMonth: "2026-03" }, SETUP, CLI);
      await storeSubmit(world.store, world.collaborative, "alpha", { reportingMonth: "2026-02", points: [{ measureId: "abx-1h", period: "2026-02", numerator: 30, denominator: 50 }] }, { at: "2026-03-20T09:00:00.000Z" });
      await world.store.addPeriodEvent("sepsis", { period: "2026-01", action: "lock", reason: "", at: "2026-04-01T00:00:00.000Z" }, CLI);
      const alpha = await call(world.app, "GET", "/api/v1/collaboratives/sepsis/teams/alpha/status", { token: world.tokens.alpha });
      expect(alpha.status).toBe(200);
      expect(alpha.json.status).toBe("missing"); // April, due 15 May
      expect(alpha.json.backlog).toEqual({
        joinMonth: "2026-01",
        missing: [
          { period: "2026-01", dueDate: "2026-02-15", locked: true },
          { period: "2026-03", dueDate: "2026-04-15", locked: false },
          { period: "2026-04", dueDate: "2026-05-15", locked: false },
        ],
        late: [{ period: "2026-02", dueDate: "2026-03-15", firstReceivedAt: "2026-03-20T09:00:00.000Z" }],
      });
      const echo = await call(world.app, "GET", "/api/v1/collaboratives/sepsis/teams/echo/status", { token: world.tokens.faculty });
      expect(echo.json.backlog).toEqual({
        joinMonth: "2026-03",
        missing: [
          { period: "2026-03", dueDate: "2026-04-15", locked: false },
          { period: "2026-04", dueDate: "2026-05-15", locked: false },
        ],
        late: [],
      });
    } finally {
      await world.close();
    }
  });
});

describe("two server instances on one PostgreSQL database", () => {
  let smtp: TestSmtp;
  let world: World;
  let schema: string;
  const extra: PostgresStore[] = [];
  const mailers: Mailer[] = [];

  beforeEach(async () => {
    smtp = await startSmtp();
    const handle = await postgresHandle();
    schema = String((await handle.raw("SELECT current_schema() AS s"))[0]?.s);
    world = await makeWorld({ handle, now: "2026-02-11T06:00:00.000Z" });
    await addTeamsAndContacts(world.store);
  });
  afterEach(async () => {
    for (const m of mailers.splice(0)) m.close();
    for (const s of extra.splice(0)) await s.close();
    await world.close();
    await smtp.close();
  });

  /** An instance as main.ts builds one: its own store (pool), lock, mailer and app on the shared database. */
  async function instance(clock: { now: () => Date }, lock: "advisory" | "none") {
    const store = new PostgresStore({ connectionString: TEST_DATABASE_URL, schema, max: 4 });
    await store.migrate();
    extra.push(store);
    const mailer = smtpMailer(smtp.url, "qi@sepsis.example");
    mailers.push(mailer);
    const deps = jobDeps(store, clock, mailer, lock === "advisory" ? postgresJobLock({ connectionString: TEST_DATABASE_URL, schema }) : processJobLock());
    return { deps, app: createApp({ store, clock: clock.now, version: "test", smtpConfigured: true }) };
  }

  async function stepBoth(lock: "advisory" | "none"): Promise<ReminderRun[]> {
    const clock = fixedClock("2026-02-11T06:00:00.000Z");
    const a = await instance(clock, lock);
    const b = await instance(clock, lock);
    const runs: ReminderRun[] = [];
    for (const at of ["2026-02-11T06:00:00.000Z", "2026-02-12T00:10:00.000Z", "2026-02-12T00:25:00.000Z", "2026-02-16T00:05:00.000Z", "2026-02-16T00:20:00.000Z"]) {
      clock.set(at);
      // both instances' timers fire together, several times
      runs.push(...(await Promise.all([runReminders(a.deps), runReminders(b.deps), runReminders(a.deps), runReminders(b.deps)])));
    }
    const listed = await call(b.app, "GET", "/api/v1/collaboratives/sepsis/reminders", { token: world.tokens.faculty });
    expect(listed.json.smtpConfigured).toBe(true);
    expect(listed.json.reminders.filter((r: { status: string }) => r.status === "sent").map((r: { key: string }) => r.key).sort()).toEqual(sepsis(smtp.messages.map((m) => m.key)).sort());
    return runs;
  }

  const expected = ["digest:sepsis:2026-W07", "due:sepsis:alpha:2026-01", "due:sepsis:bravo:2026-01", "late:sepsis:alpha:2026-01", "late:sepsis:bravo:2026-01", "digest:sepsis:2026-W08"];

  it("under the advisory lock each reminder reaches the SMTP server exactly once", async () => {
    await stepBoth("advisory");
    const keys = smtp.messages.map((m) => m.key);
    expect(sepsis(keys).sort()).toEqual([...expected].sort());
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("without the lock the ledger's claims alone still deliver each exactly once", async () => {
    await stepBoth("none");
    const keys = smtp.messages.map((m) => m.key);
    expect(sepsis(keys).sort()).toEqual([...expected].sort());
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("the advisory lock lets one instance run at a time: the other skips (never waits)", async () => {
    const lockA = postgresJobLock({ connectionString: TEST_DATABASE_URL, schema });
    const lockB = postgresJobLock({ connectionString: TEST_DATABASE_URL, schema });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const a = lockA.run(async () => {
      entered();
      await held;
      return "a";
    });
    await inside;
    expect(await lockB.run(async () => "b")).toEqual({ ran: false });
    release();
    expect(await a).toEqual({ ran: true, value: "a" });
    expect(await lockB.run(async () => "b")).toEqual({ ran: true, value: "b" });
  });
});
