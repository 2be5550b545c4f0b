// The store contract on SQLite (in memory), and what only SQLite does: group commit (several
// writes in one transaction, each in its own savepoint, each answered after the COMMIT).
import Database from "better-sqlite3";
import { sql } from "kysely";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SqliteStore } from "../../src/server/store/sqlite";
import { run, type Operation } from "../../src/server/store/steps";
import { describeStoreContract } from "./storeContract";
import { CLI, fixtureCollaborative, sqliteHandle, storeSubmit, TEAMS } from "./helpers";

describeStoreContract("sqlite", sqliteHandle);

describe("SQLite group commit", () => {
  const AT = "2026-01-10T09:00:00.000Z";
  const collaborative = fixtureCollaborative();
  const report = (n: number) => ({ reportingMonth: "2026-02", points: [{ measureId: "abx-1h", period: "2026-02", numerator: n, denominator: 50 }] });
  let dir: string;
  let store: SqliteStore;
  /** a second connection to the same file: it sees only what is committed */
  let reader: Database.Database;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "qi-group-"));
    store = new SqliteStore({ file: join(dir, "qi.sqlite") });
    await store.migrate();
    await store.createCollaborative(collaborative, AT, CLI);
    for (const team of TEAMS) await store.addTeam(collaborative.id, team, AT, CLI);
    reader = new Database(join(dir, "qi.sqlite"), { readonly: true });
  });
  afterEach(async () => {
    reader.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const committedRevisions = () => Number((reader.prepare("SELECT count(*) AS n FROM submissions").get() as { n: number }).n);

  it("writes asked for together share one transaction, and each is answered only once it is committed", async () => {
    const before = { ...store.groupStats };
    const seenAtAnswer: number[] = [];
    await Promise.all(
      TEAMS.flatMap((team, t) => [1, 2].map((k) => storeSubmit(store, collaborative, team.id, report(t * 10 + k)).then(() => seenAtAnswer.push(committedRevisions())))),
    );
    expect(store.groupStats.commits - before.commits).toBe(1);
    expect(store.groupStats.writes - before.writes).toBe(6);
    // when the first answer was given, all six were already visible to another connection
    expect(seenAtAnswer).toEqual([6, 6, 6, 6, 6, 6]);
    expect((await store.reports("sepsis", {})).map((r) => [r.teamId, r.latestRevision])).toEqual([
      ["alpha", 2],
      ["bravo", 2],
      ["charlie", 2],
    ]);
  });

  it("writes asked for while a group commits go into the next group, in order", async () => {
    const before = store.groupStats.commits;
    const first = storeSubmit(store, collaborative, "alpha", report(1));
    // asked for after the first group's flush was scheduled, but before it ran: same group
    const second = storeSubmit(store, collaborative, "alpha", report(2));
    await first;
    const third = storeSubmit(store, collaborative, "alpha", report(3));
    await Promise.all([second, third]);
    expect(store.groupStats.commits - before).toBe(2);
    const [point] = await store.currentPoints("sepsis", { teamId: "alpha" });
    expect(point).toMatchObject({ numerator: 3, revision: 3 });
  });

  it("a COMMIT that fails rejects every write of its group and keeps none of them", async () => {
    // a foreign key checked only at COMMIT (deferred) fails the commit itself, after every savepoint was released
    const breaksCommit: Operation<void> = {
      *body({ db }) {
        yield* run({ compile: () => sql`PRAGMA defer_foreign_keys = ON`.compile(db) });
        yield* run(db.insertInto("measures").values({ collaborative_id: "nope", id: "m", position: 0, definition: "{}", created_at: AT }));
      },
    };
    const outcomes = await Promise.allSettled([storeSubmit(store, collaborative, "alpha", report(1)), store.transact(breaksCommit), storeSubmit(store, collaborative, "bravo", report(2))]);
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect((outcomes[0] as PromiseRejectedResult).reason).toMatchObject({ code: "SQLITE_CONSTRAINT_FOREIGNKEY" });
    expect(committedRevisions()).toBe(0);
    // and the store goes on: the next write is committed alone
    await storeSubmit(store, collaborative, "alpha", report(1));
    expect(committedRevisions()).toBe(1);
  });

  it("close() commits the writes still waiting for their group", async () => {
    const pending = storeSubmit(store, collaborative, "alpha", report(1));
    await store.close();
    await expect(pending).resolves.toMatchObject({ kind: "done", httpStatus: 201 });
    expect(committedRevisions()).toBe(1);
  });
});
