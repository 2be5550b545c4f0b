// The admin command line: `npm run admin -- seed-demo --json` as a real process, and every other
// command through runAdmin() on a store of its own.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkPeriodChange } from "../../src/core/index";
import { runAdmin, USAGE } from "../../src/server/admin";
import { hashToken } from "../../src/server/tokens";
import type { Store } from "../../src/server/store/store";
import { fixtureCollaborative, sqliteHandle, type StoreHandle } from "./helpers";
import { run } from "./processes";

jest.setTimeout(60_000);

describe("npm run admin -- seed-demo --json (tsx src/server/admin.ts)", () => {
  it("prints exactly { collaborativeId, adminToken, facultyToken, teams: [{ id, name, token }] } and the tokens work", async () => {
    const dir = mkdtempSync(join(tmpdir(), "qi-admin-"));
    try {
      const result = await run("src/server/admin.ts", ["seed-demo", "--json"], { QI_DATA_DIR: dir });
      expect(result.code).toBe(0);
      const seed = JSON.parse(result.stdout);
      expect(Object.keys(seed)).toEqual(["collaborativeId", "adminToken", "facultyToken", "teams"]);
      expect(seed.collaborativeId).toBe("demo");
      expect(seed.adminToken).toMatch(/^qi_[A-Za-z0-9_-]{43}$/);
      expect(seed.facultyToken).toMatch(/^qi_[A-Za-z0-9_-]{43}$/);
      expect(seed.teams).toHaveLength(3);
      for (const team of seed.teams) {
        expect(Object.keys(team)).toEqual(["id", "name", "token"]);
        expect(team.token).toMatch(/^qi_[A-Za-z0-9_-]{43}$/);
      }
      const second = await run("src/server/admin.ts", ["seed-demo", "--json"], { QI_DATA_DIR: dir });
      expect(JSON.parse(second.stdout).collaborativeId).toBe("demo-2");
      const tokens = await run("src/server/admin.ts", ["list-tokens", "--json"], { QI_DATA_DIR: dir });
      const listed = JSON.parse(tokens.stdout) as Array<{ prefix: string }>;
      expect(listed).toHaveLength(10);
      expect(tokens.stdout).not.toContain(seed.adminToken);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("bad arguments print the usage and exit 1", async () => {
    const result = await run("src/server/admin.ts", ["frobnicate"], { QI_DATA_DIR: join(tmpdir(), "qi-never-created") });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("unknown command frobnicate");
    expect(result.stderr).toContain("usage: npm run admin -- <command>");
  });
});

describe("runAdmin(args)", () => {
  let handle: StoreHandle;
  let dir: string;
  let out: string[];
  let err: string[];
  const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
  const now = () => new Date("2026-03-05T10:00:00.000Z");
  const admin = (...args: string[]) => runAdmin(args, io, async () => handle.store as Store, now);

  beforeEach(async () => {
    handle = await sqliteHandle();
    // runAdmin closes the store it opened; keep this one open for the assertions
    handle.store.close = async () => undefined;
    dir = mkdtempSync(join(tmpdir(), "qi-admin-cmd-"));
    out = [];
    err = [];
  });
  afterEach(async () => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("no command prints the usage and exits 1; help exits 0", async () => {
    expect(await admin()).toBe(1);
    expect(out.join("\n")).toBe(USAGE);
    expect(await admin("help")).toBe(0);
  });

  it("create-collaborative reads a definition (with teams) from a file; a bad file names the field", async () => {
    const file = join(dir, "c.json");
    writeFileSync(file, JSON.stringify({ ...fixtureCollaborative(), teams: [{ id: "alpha", name: "Alpha" }] }));
    expect(await admin("create-collaborative", file)).toBe(0);
    expect(out).toEqual(["created collaborative sepsis (4 measures, 1 teams)"]);
    expect((await handle.store.listTeams("sepsis")).map((t) => t.id)).toEqual(["alpha"]);
    expect(await admin("create-collaborative", file)).toBe(1);
    expect(err.pop()).toBe("error: collaborative sepsis already exists");
    writeFileSync(file, JSON.stringify({ ...fixtureCollaborative({ id: "x" }), dueDay: 40 }));
    expect(await admin("create-collaborative", file)).toBe(1);
    expect(err.pop()).toMatch(/dueDay: /);
    expect(await admin("create-collaborative", join(dir, "missing.json"))).toBe(1);
    expect(err.pop()).toMatch(/cannot read .*missing\.json: ENOENT/);
  });

  it("add-team and add-measure add to a collaborative; wrong arguments exit 1", async () => {
    await handle.store.createCollaborative(fixtureCollaborative(), now().toISOString(), { tokenId: null, label: "t" });
    expect(await admin("add-team", "sepsis", "delta", "Delta Hospital", "Delta Health")).toBe(0);
    expect(await handle.store.getTeam("sepsis", "delta")).toMatchObject({ name: "Delta Hospital", organisation: "Delta Health" });
    expect(await admin("add-team", "sepsis", "Bad Id", "x")).toBe(1);
    expect(await admin("add-team", "sepsis")).toBe(1);
    const measure = join(dir, "m.json");
    writeFileSync(measure, JSON.stringify({ id: "lactate", name: "Lactate within 1 hour", type: "process", kind: "percent", improvementDirection: "increase" }));
    expect(await admin("add-measure", "sepsis", measure)).toBe(0);
    expect((await handle.store.getCollaborative("sepsis"))?.definition.measures.at(-1)).toMatchObject({ id: "lactate", required: true, operationalDefinition: "" });
  });

  it("issue-token prints the token once (stdout) and stores its hash; list-tokens shows prefixes; revoke-token by prefix", async () => {
    await handle.store.createCollaborative(fixtureCollaborative(), now().toISOString(), { tokenId: null, label: "t" });
    await handle.store.addTeam("sepsis", { id: "alpha", name: "Alpha", organisation: "" }, now().toISOString(), { tokenId: null, label: "t" });
    expect(await admin("issue-token", "team", "--collaborative", "sepsis", "--team", "alpha", "--label", "Alpha lead", "--expires-days", "90")).toBe(0);
    const token = out.pop() as string;
    expect(token).toMatch(/^qi_/);
    const record = await handle.store.findTokenByHash(hashToken(token));
    expect(record).toMatchObject({ role: "team", teamId: "alpha", label: "Alpha lead", expiresAt: "2026-06-03T10:00:00.000Z" });
    expect(await admin("issue-token", "team", "--collaborative", "sepsis")).toBe(1);
    expect(err.pop()).toMatch(/a team token needs --collaborative and --team/);
    expect(await admin("issue-token", "wizard")).toBe(1);
    expect(await admin("issue-token", "faculty", "--expires-days", "-3")).toBe(1);

    out = [];
    expect(await admin("list-tokens")).toBe(0);
    expect(out).toHaveLength(2);
    expect(out[1]).toContain(`${token.slice(0, 12)}…`);
    expect(out.join("\n")).not.toContain(token);

    expect(await admin("revoke-token", token.slice(0, 9))).toBe(0);
    expect((await handle.store.findTokenByHash(hashToken(token)))?.revokedAt).toBe("2026-03-05T10:00:00.000Z");
    expect(await admin("revoke-token", "tok_nothing")).toBe(1);
  });

  it("lock and reopen (reopen needs --reason) write period events to the audit log, refused by core's checkPeriodChange as the HTTP route is", async () => {
    const collaborative = fixtureCollaborative();
    await handle.store.createCollaborative(collaborative, now().toISOString(), { tokenId: null, label: "t" });
    expect(await admin("lock", "sepsis", "2026-01")).toBe(0);
    expect(await admin("reopen", "sepsis", "2026-01")).toBe(1);
    const noReason = checkPeriodChange(collaborative, "reopen", "2026-01").problems[0].message;
    expect(err.pop()).toBe(`error: cannot reopen sepsis 2026-01:\n  --reason: ${noReason}`);
    expect(await admin("reopen", "sepsis", "2026-01", "--reason", "  late lab results ")).toBe(0);
    expect((await handle.store.latestPeriodEvents("sepsis")).get("2026-01")).toMatchObject({ action: "reopen", reason: "late lab results", by: "admin cli" });
    expect(await admin("lock", "sepsis", "2025-01")).toBe(1);
    expect(err.pop()).toBe("error: cannot lock sepsis 2025-01:\n  period: month 2025-01 is outside the collaborative (2026-01 to 2026-12): there is nothing to lock there");
    expect(await admin("lock", "sepsis", "January")).toBe(1);
    expect(err.pop()).toBe('error: cannot lock sepsis January:\n  period: "January" is not a month written YYYY-MM, e.g. 2026-03');
    expect(await admin("lock", "nope", "2026-01")).toBe(1);
    const actions = (await handle.store.listAudit({ collaborativeId: "sepsis" })).map((a) => a.action);
    expect(actions.slice(0, 2)).toEqual(["period.reopen", "period.lock"]);
  });

  describe("setting a collaborative up (the same store functions as the admin API)", () => {
    const T = { tokenId: null, label: "t" };
    beforeEach(async () => {
      await handle.store.createCollaborative(fixtureCollaborative(), now().toISOString(), T);
      for (const id of ["alpha", "bravo"]) await handle.store.addTeam("sepsis", { id, name: `${id} hospital`, organisation: "" }, now().toISOString(), T);
    });

    it("update-team sets the join month (none clears it), active, reminders and the name; bad values are named", async () => {
      expect(await admin("update-team", "sepsis", "alpha", "--join-month", "2026-04", "--active", "no", "--reminders", "off", "--name", "Alpha General")).toBe(0);
      expect(out.pop()).toBe("updated team alpha of sepsis: name, joinMonth, active, remindersOptOut");
      expect(await handle.store.getTeam("sepsis", "alpha")).toMatchObject({ name: "Alpha General", joinMonth: "2026-04", active: false, remindersOptOut: true });
      expect(await admin("update-team", "sepsis", "alpha", "--join-month", "none", "--active", "yes", "--reminders", "on")).toBe(0);
      const alpha = await handle.store.getTeam("sepsis", "alpha");
      expect(alpha && ["joinMonth", "active", "remindersOptOut"].some((k) => k in alpha)).toBe(false);
      expect(await admin("update-team", "sepsis", "alpha", "--join-month", "April")).toBe(1);
      expect(err.pop()).toMatch(/^error: --join-month takes a month written YYYY-MM, e\.g\. 2026-04, or none \(got "April"\)/);
      expect(await admin("update-team", "sepsis", "alpha", "--active", "maybe")).toBe(1);
      expect(err.pop()).toMatch(/^error: --active takes yes or no \(got "maybe"\)/);
      expect(await admin("update-team", "sepsis", "alpha")).toBe(1);
      expect(err.pop()).toMatch(/^error: give at least one of --name/);
      expect(await admin("update-team", "sepsis", "zulu", "--name", "Z")).toBe(1);
      expect(err.pop()).toBe("error: no team zulu in sepsis");
    });

    it("set-contacts --file replaces a team's contacts (a list, or { contacts }); a bad address names its entry; list-teams shows them", async () => {
      const file = join(dir, "contacts.json");
      writeFileSync(file, JSON.stringify([{ name: "Ada Lead", email: "ada@alpha.example", role: "data lead" }]));
      expect(await admin("set-contacts", "sepsis", "alpha", "--file", file)).toBe(0);
      expect(out.pop()).toBe("set 1 contact of team alpha in sepsis");
      expect((await handle.store.listContacts("sepsis")).get("alpha")).toEqual([{ name: "Ada Lead", email: "ada@alpha.example", role: "data lead" }]);
      writeFileSync(file, JSON.stringify({ contacts: [{ name: "Ben", email: "not an address" }] }));
      expect(await admin("set-contacts", "sepsis", "alpha", "--file", file)).toBe(1);
      expect(err.pop()).toContain(`${file} is not valid:\n  contacts.0.email: must be an e-mail address such as name@hospital.org`);
      expect(await admin("set-contacts", "sepsis", "alpha")).toBe(1);
      expect(err.pop()).toMatch(/^error: set-contacts needs --file contacts\.json/);
      expect(await admin("list-teams", "sepsis")).toBe(0);
      expect(out).toEqual(["id\tname\tjoins\tactive\treminders\tcontacts", "alpha\talpha hospital\t2026-01 (start)\tyes\ton\tAda Lead <ada@alpha.example>", "bravo\tbravo hospital\t2026-01 (start)\tyes\ton\t-"]);
      out = [];
      expect(await admin("list-teams", "sepsis", "--json")).toBe(0);
      expect(JSON.parse(out.join("\n"))[0]).toMatchObject({ id: "alpha", joinMonth: "2026-01", joinMonthSet: false, contacts: [{ email: "ada@alpha.example" }] });
    });

    it("retire-measure retires (and --undo brings back); reorder-measures, delete-measure and update-measure keep the measure set", async () => {
      expect(await admin("retire-measure", "sepsis", "readmissions")).toBe(0);
      expect((await handle.store.getCollaborative("sepsis"))?.definition.measures[2].retired).toBe(true);
      expect(await admin("retire-measure", "sepsis", "readmissions", "--undo")).toBe(0);
      expect((await handle.store.getCollaborative("sepsis"))?.definition.measures[2].retired).toBeUndefined();
      expect(await admin("retire-measure", "sepsis", "nope")).toBe(1);
      expect(err.pop()).toBe("error: no measure nope in sepsis");
      expect(await admin("reorder-measures", "sepsis", "door-to-abx", "readmissions", "mortality", "abx-1h")).toBe(0);
      expect((await handle.store.getCollaborative("sepsis"))?.definition.measures.map((m) => m.id)).toEqual(["door-to-abx", "readmissions", "mortality", "abx-1h"]);
      expect(await admin("reorder-measures", "sepsis", "abx-1h")).toBe(1);
      expect(err.pop()).toBe("error: list every measure exactly once: door-to-abx, readmissions, mortality are missing");
      expect(await admin("delete-measure", "sepsis", "readmissions")).toBe(0);
      const measure = join(dir, "m.json");
      writeFileSync(measure, JSON.stringify({ ...fixtureCollaborative().measures[0], goal: 90 }));
      expect(await admin("update-measure", "sepsis", measure)).toBe(0);
      expect((await handle.store.getCollaborative("sepsis"))?.definition.measures.find((m) => m.id === "abx-1h")?.goal).toBe(90);
    });

    it("update-collaborative applies a settings file checked like the API; audit lists the changes, filtered", async () => {
      const file = join(dir, "settings.json");
      writeFileSync(file, JSON.stringify({ dueDay: 20, remindersEnabled: false }));
      expect(await admin("update-collaborative", "sepsis", file)).toBe(0);
      expect((await handle.store.getCollaborative("sepsis"))?.definition).toMatchObject({ dueDay: 20, remindersEnabled: false });
      writeFileSync(file, JSON.stringify({ endMonth: "2025-01" }));
      expect(await admin("update-collaborative", "sepsis", file)).toBe(1);
      expect(err.pop()).toContain("applied to sepsis is not valid:\n  endMonth: endMonth must not be before startMonth");
      writeFileSync(file, JSON.stringify({ dueDay: 40 }));
      expect(await admin("update-collaborative", "sepsis", file)).toBe(1);
      expect(err.pop()).toContain("dueDay: use a day from 1 to 28 (every month has it)");
      out = [];
      expect(await admin("audit", "--collaborative", "sepsis", "--action", "collaborative")).toBe(0);
      expect(out.length).toBe(3); // header, created, updated
      expect(out[1]).toContain("collaborative.updated");
      out = [];
      expect(await admin("audit", "--team", "bravo", "--json")).toBe(0);
      expect(JSON.parse(out.join("\n")).map((e: { action: string }) => e.action)).toEqual(["team.added"]);
      expect(await admin("audit", "--limit", "0")).toBe(1);
    });
  });
});

describe("runAdmin's command line (node:util parseArgs)", () => {
  let out: string[];
  let err: string[];
  let opened: number;
  const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
  const admin = (...args: string[]) =>
    runAdmin(args, io, async () => {
      opened++;
      throw new Error("the store is never opened for a command-line mistake");
    });
  beforeEach(() => {
    out = [];
    err = [];
    opened = 0;
  });

  it("an unknown option names the options the command takes and prints that command's usage; the store is not opened", async () => {
    expect(await admin("issue-token", "team", "--teem", "alpha")).toBe(1);
    expect(err.pop()).toBe(
      "error: issue-token has no option --teem: it takes --collaborative, --team, --label, --expires-days\n\n" +
        "usage: npm run admin -- issue-token <role> [--collaborative id] [--team id] [--label text] [--expires-days n]\n(npm run admin -- help: every command)",
    );
    expect(await admin("revoke-token", "tok_1", "-f")).toBe(1);
    expect(err.pop()).toMatch(/^error: revoke-token has no option -f: it takes no options\n/);
    expect(opened).toBe(0);
  });

  it("an option without its value, a value on a switch, and a wrong number of arguments are each named", async () => {
    expect(await admin("issue-token", "team", "--label")).toBe(1);
    expect(err.pop()).toMatch(/^error: --label needs a value \(--label text\)\n/);
    expect(await admin("issue-token", "team", "--label", "--team", "alpha")).toBe(1);
    expect(err.pop()).toMatch(/^error: --label needs a value/);
    expect(await admin("seed-demo", "--json=yes")).toBe(1);
    expect(err.pop()).toMatch(/^error: --json takes no value\n/);
    expect(await admin("lock", "sepsis")).toBe(1);
    expect(err.pop()).toMatch(/^error: lock takes 2 arguments \(got 1\)\n\nusage: npm run admin -- lock <collab> <period> \[--reason text\]/);
    expect(opened).toBe(0);
  });

  it("<command> --help prints that command's usage and exits 0; the full usage lists every command with its options", async () => {
    expect(await admin("reopen", "--help")).toBe(0);
    expect(out).toEqual(["usage: npm run admin -- reopen <collab> <period> --reason text"]);
    for (const line of ["issue-token <role> [--collaborative id] [--team id] [--label text] [--expires-days n]", "list-tokens [--collaborative id] [--json]", "set-contacts <collab> <teamId> --file contacts.json", "retire-measure <collab> <measureId> [--undo]", "seed-demo [--json]", "reopen <collab> <period> --reason text"]) {
      expect(USAGE).toContain(line);
    }
  });
});
