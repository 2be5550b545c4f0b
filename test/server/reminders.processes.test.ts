// Two real data store processes (`node --import tsx src/server/main.ts`, as `npm start` runs it) on one
// PostgreSQL database (the same DATABASE_URL, a private schema) with the reminder job every second and a
// real SMTP server in this process: each reminder reaches the SMTP server exactly once, whichever
// instance sends it. The clock is the real one, so the collaborative is set up around today: reports
// of last month due the day before today (late reminders), or due tomorrow on the first of a month.
import { addDays, addMonths, isoWeekOf, monthOf } from "../../src/core/index";
import { startSmtp, type TestSmtp } from "../support/smtpServer";
import { CLI, fixtureCollaborative, postgresHandle, TEST_DATABASE_URL, type StoreHandle } from "./helpers";
import { freePort, start, waitFor, type Running } from "./processes";

jest.setTimeout(180_000);

describe("two main.ts processes on one PostgreSQL database send each reminder once", () => {
  let smtp: TestSmtp;
  let handle: StoreHandle;
  const running: Running[] = [];

  beforeAll(async () => {
    smtp = await startSmtp();
    handle = await postgresHandle();
  });
  afterAll(async () => {
    for (const r of running) if (r.child.exitCode === null) r.child.kill("SIGKILL");
    await handle?.close();
    await smtp?.close();
  });

  it("both instances run the job every second; the SMTP server gets every due reminder and this week's digest exactly once", async () => {
    const schema = String((await handle.raw("SELECT current_schema() AS s"))[0]?.s);
    const today = new Date().toISOString().slice(0, 10);
    const day = Number(today.slice(8, 10));
    // day 1: due tomorrow ("due"); else due yesterday, at most the 28th ("late", within its 7 days)
    const dueDay = day === 1 ? 2 : Math.min(day - 1, 28);
    const kind = day === 1 ? "due" : "late";
    const month = addMonths(monthOf(today), -1);
    const collaborative = fixtureCollaborative({ id: "wards", startMonth: addMonths(month, -2), endMonth: addMonths(month, 3), dueDay });
    const setup = `${addDays(today, -100)}T00:00:00.000Z`;
    await handle.store.createCollaborative(collaborative, setup, CLI);
    for (const team of ["alpha", "bravo"]) {
      await handle.store.addTeam("wards", { id: team, name: `${team} ward`, organisation: "" }, setup, CLI);
      await handle.store.setContacts("wards", team, [{ name: "Lead", email: `lead@${team}.example`, role: "" }], setup, CLI);
    }
    const expected = [`${kind}:wards:alpha:${month}`, `${kind}:wards:bravo:${month}`, `digest:wards:${isoWeekOf(today)}`].sort();

    const databaseUrl = `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      const instance = start("src/server/main.ts", [], {
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        QI_HOST: "127.0.0.1",
        QI_CERT_DIR: "/nonexistent-certs",
        QI_STATIC_DIR: "/nonexistent-dist",
        QI_SMTP_URL: smtp.url,
        QI_MAIL_FROM: "qi@wards.example",
        QI_FACULTY_EMAILS: "faculty@wards.example",
        QI_REMINDERS_INTERVAL_MS: "1000",
      });
      running.push(instance);
      await waitFor(`http://127.0.0.1:${port}/health/live`, instance, 60_000);
      expect(instance.output()).toContain("Reminders:      every 1 s, sent by SMTP, one instance at a time (PostgreSQL advisory lock)");
    }

    // wait for every expected reminder, then for both instances to have run several more times
    const deadline = Date.now() + 90_000;
    while (!expected.every((key) => smtp.messages.some((m) => m.key === key)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const ran = async () => Number((await handle.raw("SELECT count(*) AS n FROM reminder_ledger"))[0]?.n);
    expect(await ran()).toBe(3);
    await new Promise((r) => setTimeout(r, 4_000));

    for (const r of running) r.child.kill("SIGTERM");
    const codes = await Promise.all(running.map((r) => r.exited));
    expect(codes).toEqual([0, 0]);
    for (const r of running) expect(r.output()).not.toMatch(/reminders: (the run failed|\d+ could not be sent)/);

    const keys = smtp.messages.map((m) => m.key);
    expect([...keys].sort()).toEqual(expected);
    const ledger = await handle.store.listReminders("wards");
    expect(ledger.map((r) => [r.key, r.status, r.attempts]).sort()).toEqual(expected.map((key) => [key, "sent", 1]));
    expect(smtp.messages.find((m) => m.key.includes(":alpha:"))?.to).toEqual(["lead@alpha.example"]);
  });
});
