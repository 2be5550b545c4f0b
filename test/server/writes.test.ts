// The statement batching both engines use (store/writes.ts), and the SQLite migration that reorders
// current_scores (store/migrations.ts v3) on a database that already holds scores.
import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MIGRATIONS } from "../../src/server/store/migrations";
import { SqliteStore } from "../../src/server/store/sqlite";
import { batched, type Statement } from "../../src/server/store/writes";

describe("batched()", () => {
  const insert = "INSERT INTO t (a, b) VALUES (?, ?)";
  const upsert = "INSERT INTO t (a, b) VALUES (?, 1) ON CONFLICT (a) DO UPDATE SET b = excluded.b";

  it("merges each run of one INSERT into multi-row statements and keeps everything else in order", () => {
    const statements: Statement[] = [
      ["SELECT 1", []],
      [insert, [1, "x"]],
      [insert, [2, null]],
      [insert, [3, "z"]],
      ["UPDATE t SET b = ?", ["y"]],
      [insert, [4, "w"]],
    ];
    expect(batched(statements, { maxParams: 100, upserts: false })).toEqual([
      ["SELECT 1", []],
      ["INSERT INTO t (a, b) VALUES (?, ?), (?, ?), (?, ?)", [1, "x", 2, null, 3, "z"]],
      ["UPDATE t SET b = ?", ["y"]],
      [insert, [4, "w"]],
    ]);
  });

  it("keeps each statement under maxParams", () => {
    const statements = Array.from({ length: 5 }, (_, i): Statement => [insert, [i, "v"]]);
    expect(batched(statements, { maxParams: 4, upserts: false }).map(([sql, params]) => [sql.split("(?, ?)").length - 1, params.length])).toEqual([
      [2, 4],
      [2, 4],
      [1, 2],
    ]);
  });

  it("merges upserts (literals in the tuple included) only when asked to", () => {
    const statements: Statement[] = [
      [upsert, [1]],
      [upsert, [2]],
    ];
    expect(batched(statements, { maxParams: 100, upserts: false })).toEqual(statements);
    expect(batched(statements, { maxParams: 100, upserts: true })).toEqual([
      ["INSERT INTO t (a, b) VALUES (?, 1), (?, 1) ON CONFLICT (a) DO UPDATE SET b = excluded.b", [1, 2]],
    ]);
  });

  it("a merged SQLite upsert that meets one row twice ends as the separate statements would", () => {
    const db = new Database(":memory:");
    db.exec("CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT)");
    const up = "INSERT INTO t (a, b) VALUES (?, ?) ON CONFLICT (a) DO UPDATE SET b = t.b || excluded.b";
    for (const [sql, params] of batched([[up, [1, "x"]], [up, [2, "y"]], [up, [1, "z"]]], { maxParams: 100, upserts: true })) db.prepare(sql).run(params);
    expect(db.prepare("SELECT a, b FROM t ORDER BY a").all()).toEqual([
      { a: 1, b: "xz" },
      { a: 2, b: "y" },
    ]);
    db.close();
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
      expect(await store.migrate()).toEqual({ applied: [3] });
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
