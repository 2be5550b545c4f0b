// How the writes written once become each engine's statements (store/steps.ts, schema.ts), and the SQLite migration that reorders
// current_scores (store/migrations.ts v3) on a database that already holds scores.
import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MIGRATIONS } from "../../src/server/store/migrations";
import { SqliteStore } from "../../src/server/store/sqlite";
import { builderFor } from "../../src/server/store/schema";
import { slices, type Step } from "../../src/server/store/steps";
import type { SubmitRequest } from "../../src/server/store/store";
import { submit } from "../../src/server/store/submitWrite";

describe("slices()", () => {
  it("cuts rows so that columns x rows stays within the engine's parameter limit (less a small reserve)", () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({ a: i, b: "x", c: null }));
    // (64 - 16) / 3 columns = 16 rows per slice
    expect(slices(rows, 64).map((s) => s.length)).toEqual([10]);
    expect(slices(rows, 16 + 3 * 4).map((s) => s.length)).toEqual([4, 4, 2]);
    expect(slices(rows, 1).map((s) => s.length)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(slices([], 100)).toEqual([]);
  });
});

describe("one write, two dialects", () => {
  const row = { collaborative_id: "c", id: "t?", position: 0, name: "Team $1 ?", organisation: "", created_at: "at" };
  it("compiles to ? placeholders for SQLite and $n for PostgreSQL, every value a parameter", () => {
    const sqlite = builderFor("sqlite").insertInto("teams").values([row, row]).compile();
    const postgres = builderFor("postgres").insertInto("teams").values([row, row]).compile();
    expect(sqlite.sql).toBe('insert into "teams" ("collaborative_id", "id", "position", "name", "organisation", "created_at") values (?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?)');
    expect(postgres.sql).toBe(
      'insert into "teams" ("collaborative_id", "id", "position", "name", "organisation", "created_at") values ($1, $2, $3, $4, $5, $6), ($7, $8, $9, $10, $11, $12)',
    );
    expect(postgres.parameters).toEqual(sqlite.parameters);
    expect(sqlite.parameters).toEqual(["c", "t?", 0, "Team $1 ?", "", "at", "c", "t?", 0, "Team $1 ?", "", "at"]);
  });

  it("locks the team row for a submission on PostgreSQL only (SQLite holds its one write lock)", () => {
    const seen: Record<string, string[]> = {};
    for (const engine of ["sqlite", "postgres"] as const) {
      const request = { collaborativeId: "c", teamId: "t", reportingMonth: "2026-01", dryRun: false } as SubmitRequest;
      const body = submit(request).body({ db: builderFor(engine), engine });
      const first = body.next().value as Step;
      seen[engine] = [first.kind === "all" ? first.query.compile().sql : first.kind];
    }
    expect(seen.sqlite[0]).not.toMatch(/for update/i);
    expect(seen.postgres[0]).toMatch(/for update$/i);
  });
});

describe("SQLite migration 3 (current_scores in period order)", () => {
  it("keeps every current score of a version 2 database and reads them in period, team, source order", async () => {
    const dir = mkdtempSync(join(tmpdir(), "qi-migration-"));
    try {
      const file = join(dir, "qi.sqlite");
      const db = new Database(file);
      db.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
      for (const m of MIGRATIONS.filter((m) => m.version <= 2)) {
        db.exec(m.sqlite);
        db.prepare("INSERT INTO schema_migrations VALUES (?, ?, ?)").run(m.version, m.name, "2026-01-01T00:00:00.000Z");
      }
      const score = db.prepare("INSERT INTO current_scores (collaborative_id, source, period, team_id, score, rationale, by_label, recorded_at) VALUES ('c', ?, ?, ?, ?, ?, 'f', 'at')");
      score.run("self", "2026-02", "alpha", 3, "");
      score.run("faculty", "2026-02", "alpha", 4.5, "sustained");
      score.run("faculty", "2026-01", "bravo", 2, "new\nline");
      db.close();

      const store = new SqliteStore({ file });
      // 3, and every later migration (their own tests say what they do)
      expect(await store.migrate()).toEqual({ applied: MIGRATIONS.filter((m) => m.version > 2).map((m) => m.version) });
      expect((await store.currentScores("c", {})).map((s) => [s.period, s.teamId, s.source, s.score, s.rationale])).toEqual([
        ["2026-01", "bravo", "faculty", 2, "new\nline"],
        ["2026-02", "alpha", "faculty", 4.5, "sustained"],
        ["2026-02", "alpha", "self", 3, ""],
      ]);
      expect(await store.facultyScoreCounts("c")).toEqual([
        { period: "2026-01", score: 2, teams: 1 },
        { period: "2026-02", score: 4.5, teams: 1 },
      ]);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
