// The admin API over app.request() (issue 16): set a collaborative up, keep its measures and teams,
// issue, list and revoke tokens, read the audit log. Every endpoint on SQLite; the main flow on
// PostgreSQL too. Bodies are checked with core's schemas, so each bad field is a 422 naming it.
import {
  AdminTeam,
  AdminTeamList,
  ApiError,
  AuditList,
  CollaborativeDefinition,
  Completeness,
  IssuedToken,
  Me,
  SubmissionSummary,
  TeamStatus,
  TokenInfo,
  TokenList,
} from "../../src/core/index";
import { issueToken } from "../../src/server/tokens";
import { call, CLI, februaryReport, fixtureCollaborative, makeWorld, postgresHandle, type World } from "./helpers";

const base = "/api/v1/collaboratives/sepsis";

/** The conflicts' paths of a 422, joined (`endMonth`, `measures.0.kind`). */
const paths = (reply: { json: any }) => ApiError.parse(reply.json).conflicts?.map((c) => c.path.join(".")) ?? [];

describe("admin API: roles and scopes", () => {
  let w: World;
  let bound: string;
  beforeAll(async () => {
    w = await makeWorld();
    bound = (await issueToken(w.store, { role: "admin", collaborativeId: "sepsis", label: "sepsis admin", now: w.clock.now(), actor: CLI })).token;
  });
  afterAll(async () => w.close());

  const writes: Array<[string, string, unknown]> = [
    ["POST", "/api/v1/collaboratives", fixtureCollaborative({ id: "new-one" })],
    ["PATCH", base, { name: "x" }],
    ["POST", `${base}/measures`, { ...fixtureCollaborative().measures[0], id: "new-m" }],
    ["PUT", `${base}/measures/abx-1h`, fixtureCollaborative().measures[0]],
    ["DELETE", `${base}/measures/readmissions`, undefined],
    ["PUT", `${base}/measures-order`, { measureIds: ["abx-1h"] }],
    ["POST", `${base}/teams`, { id: "delta", name: "Delta" }],
    ["PATCH", `${base}/teams/alpha`, { name: "x" }],
    ["PUT", `${base}/teams/alpha/contacts`, { contacts: [] }],
    ["GET", "/api/v1/tokens", undefined],
    ["POST", "/api/v1/tokens", { role: "faculty", collaborativeId: "sepsis", label: "x" }],
    ["POST", "/api/v1/tokens/tok_x/revoke", undefined],
    ["GET", "/api/v1/audit", undefined],
  ];

  it("team and faculty tokens get 403 on every admin write, tokens and the audit log, before the body is read", async () => {
    for (const token of [w.tokens.alpha, w.tokens.faculty]) {
      for (const [method, path, body] of writes) {
        const reply = await call(w.app, method, path, { token, ...(body !== undefined ? { body } : {}) });
        expect([method, path, reply.status, ApiError.parse(reply.json).code]).toEqual([method, path, 403, "FORBIDDEN"]);
        expect(reply.json.message).toMatch(/this needs a admin token; yours is a (team|faculty) token/);
      }
    }
  });

  it("without a token every admin endpoint is 401", async () => {
    for (const [method, path] of writes) expect([path, (await call(w.app, method, path)).status]).toEqual([path, 401]);
  });

  it("GET …/admin/teams is for faculty and admin, never a team (contacts are personal data)", async () => {
    expect((await call(w.app, "GET", `${base}/admin/teams`, { token: w.tokens.faculty })).status).toBe(200);
    expect((await call(w.app, "GET", `${base}/admin/teams`, { token: w.tokens.admin })).status).toBe(200);
    const team = await call(w.app, "GET", `${base}/admin/teams`, { token: w.tokens.alpha });
    expect(team.status).toBe(403);
    expect((await call(w.app, "GET", "/api/v1/collaboratives/other/admin/teams", { token: w.tokens.faculty })).status).toBe(403);
  });

  it("an admin token bound to a collaborative changes only that one and cannot create collaboratives", async () => {
    const create = await call(w.app, "POST", "/api/v1/collaboratives", { token: bound, body: fixtureCollaborative({ id: "mine" }) });
    expect([create.status, create.json.message]).toEqual([403, "your admin token is bound to sepsis: creating a collaborative needs a global admin token"]);
    expect((await call(w.app, "PATCH", "/api/v1/collaboratives/other", { token: bound, body: { name: "Taken over" } })).status).toBe(403);
    expect((await call(w.app, "POST", "/api/v1/collaboratives/other/teams", { token: bound, body: { id: "x", name: "X" } })).status).toBe(403);
    expect((await call(w.app, "PATCH", base, { token: bound, body: { aim: "Faster antibiotics" } })).status).toBe(200);
  });

  it("a bound admin lists, issues and revokes only its collaborative's tokens, and reads only its audit entries", async () => {
    const list = TokenList.parse((await call(w.app, "GET", "/api/v1/tokens", { token: bound })).json);
    expect(new Set(list.tokens.map((t) => t.collaborativeId))).toEqual(new Set(["sepsis"]));
    expect((await call(w.app, "GET", "/api/v1/tokens?collaborative=other", { token: bound })).status).toBe(403);
    const global = await call(w.app, "POST", "/api/v1/tokens", { token: bound, body: { role: "admin", label: "a global one" } });
    expect([global.status, global.json.message]).toEqual([403, "your admin token is bound to sepsis: it reaches only that collaborative's tokens"]);
    expect((await call(w.app, "POST", "/api/v1/tokens", { token: bound, body: { role: "faculty", collaborativeId: "other", label: "x" } })).status).toBe(403);
    const otherToken = (await w.store.listTokens({ collaborativeId: "other" }))[0];
    expect((await call(w.app, "POST", `/api/v1/tokens/${otherToken.id}/revoke`, { token: bound })).status).toBe(403);
    const issued = await call(w.app, "POST", "/api/v1/tokens", { token: bound, body: { role: "faculty", collaborativeId: "sepsis", label: "coach" } });
    expect(issued.status).toBe(201);
    const audit = AuditList.parse((await call(w.app, "GET", "/api/v1/audit?limit=500", { token: bound })).json);
    expect(audit.entries.length).toBeGreaterThan(0);
    expect(audit.entries.every((e) => e.collaborativeId === "sepsis")).toBe(true);
    expect((await call(w.app, "GET", "/api/v1/audit?collaborative=other", { token: bound })).status).toBe(403);
  });
});

describe("admin API: collaboratives and measures (SQLite)", () => {
  let w: World;
  beforeEach(async () => {
    w = await makeWorld();
  });
  afterEach(async () => w.close());

  it("POST /collaboratives creates one from a definition (defaults filled) and answers it; a taken id is 409", async () => {
    const { dueDay: _d, lockAfterDays: _l, sharing: _s, ruleSet: _r, aim: _a, ...minimal } = fixtureCollaborative({ id: "falls", name: "Falls" });
    const reply = await call(w.app, "POST", "/api/v1/collaboratives", { token: w.tokens.admin, body: minimal });
    expect(reply.status).toBe(201);
    const created = CollaborativeDefinition.parse(reply.json);
    expect(created).toMatchObject({ id: "falls", name: "Falls", aim: "", dueDay: 15, lockAfterDays: 60, sharing: "named", ruleSet: "ihi" });
    expect((await w.store.getCollaborative("falls"))?.definition).toEqual(created);
    const again = await call(w.app, "POST", "/api/v1/collaboratives", { token: w.tokens.admin, body: minimal });
    expect([again.status, again.json.code, again.json.message]).toEqual([409, "CONFLICT", "collaborative falls already exists"]);
  });

  it("POST /collaboratives: every bad field is a 422 naming it, an unknown field too; not JSON is 400", async () => {
    const bad = { ...fixtureCollaborative({ id: "Bad Id", startMonth: "2026-13", dueDay: 31 }), teams: [] };
    const reply = await call(w.app, "POST", "/api/v1/collaboratives", { token: w.tokens.admin, body: bad });
    expect([reply.status, reply.json.code]).toEqual([422, "VALIDATION"]);
    expect(paths(reply)).toEqual(expect.arrayContaining(["id", "startMonth", "dueDay", "teams"]));
    const unknown = ApiError.parse(reply.json).conflicts?.find((c) => c.path[0] === "teams");
    expect(unknown?.message).toBe('unknown field "teams": no such field here (a misspelling?): see /api/v1/openapi.json for the fields');
    const ends = await call(w.app, "POST", "/api/v1/collaboratives", { token: w.tokens.admin, body: fixtureCollaborative({ id: "x", startMonth: "2026-06", endMonth: "2026-01" }) });
    expect([ends.status, paths(ends), ends.json.conflicts[0].message]).toEqual([422, ["endMonth"], "endMonth must not be before startMonth"]);
    const notJson = await call(w.app, "POST", "/api/v1/collaboratives", { token: w.tokens.admin, rawBody: "{ nope" });
    expect([notJson.status, notJson.json.code]).toEqual([400, "MALFORMED_JSON"]);
  });

  it("PATCH /collaboratives/{id} changes the settings given and answers the definition; the same rules as creating one", async () => {
    const reply = await call(w.app, "PATCH", base, { token: w.tokens.admin, body: { name: "Sepsis II", dueDay: 10, remindersEnabled: false, reminderDaysBefore: 7, ruleSet: "anhoej" } });
    expect(reply.status).toBe(200);
    expect(CollaborativeDefinition.parse(reply.json)).toMatchObject({ name: "Sepsis II", dueDay: 10, remindersEnabled: false, reminderDaysBefore: 7, ruleSet: "anhoej", startMonth: "2026-01" });
    const empty = await call(w.app, "PATCH", base, { token: w.tokens.admin, body: {} });
    expect([empty.status, empty.json.message]).toEqual([422, "the settings has 1 problem; the first: change at least one setting"]);
    const day = await call(w.app, "PATCH", base, { token: w.tokens.admin, body: { dueDay: 30, id: "renamed" } });
    expect([day.status, paths(day).sort()]).toEqual([422, ["dueDay", "id"]]);
    expect(day.json.conflicts.find((c: any) => c.path[0] === "dueDay").message).toBe("use a day from 1 to 28 (every month has it)");
    const ends = await call(w.app, "PATCH", base, { token: w.tokens.admin, body: { endMonth: "2025-06" } });
    expect([ends.status, paths(ends)]).toEqual([422, ["endMonth"]]);
    expect((await call(w.app, "PATCH", "/api/v1/collaboratives/nope", { token: w.tokens.admin, body: { name: "x" } })).status).toBe(404);
  });

  it("PATCH /collaboratives/{id}: months that would leave stored data out are 409", async () => {
    expect((await call(w.app, "POST", `${base}/submissions`, { token: w.tokens.alpha, body: februaryReport() })).status).toBe(201);
    const later = await call(w.app, "PATCH", base, { token: w.tokens.admin, body: { startMonth: "2026-03" } });
    expect([later.status, later.json.code, later.json.message]).toEqual([409, "CONFLICT", "teams already hold data for 2026-02: startMonth can be 2026-02 at the latest"]);
    expect((await call(w.app, "PATCH", base, { token: w.tokens.admin, body: { startMonth: "2026-02" } })).status).toBe(200);
  });

  it("POST …/measures adds a measure at the end; a taken id is 409; bad fields 422", async () => {
    const lactate = { id: "lactate", name: "Lactate within 3 hours", type: "process", kind: "percent", improvementDirection: "increase" };
    const reply = await call(w.app, "POST", `${base}/measures`, { token: w.tokens.admin, body: lactate });
    expect(reply.status).toBe(201);
    expect(CollaborativeDefinition.parse(reply.json).measures.at(-1)).toMatchObject({ ...lactate, operationalDefinition: "", required: true });
    expect((await call(w.app, "POST", `${base}/measures`, { token: w.tokens.admin, body: lactate })).status).toBe(409);
    const bad = await call(w.app, "POST", `${base}/measures`, { token: w.tokens.admin, body: { ...lactate, id: "x2", kind: "ratio", name: "" } });
    expect([bad.status, paths(bad).sort()]).toEqual([422, ["kind", "name"]]);
  });

  it("PUT …/measures/{measureId} edits and retires a measure; the id cannot change; kind is fixed once data exists (409)", async () => {
    const abx = w.collaborative.measures[0];
    const edited = await call(w.app, "PUT", `${base}/measures/abx-1h`, { token: w.tokens.admin, body: { ...abx, goal: 90, operationalDefinition: "Septic patients given antibiotics within 60 min of triage" } });
    expect(edited.status).toBe(200);
    expect(CollaborativeDefinition.parse(edited.json).measures[0]).toMatchObject({ goal: 90, operationalDefinition: "Septic patients given antibiotics within 60 min of triage" });
    const renamed = await call(w.app, "PUT", `${base}/measures/abx-1h`, { token: w.tokens.admin, body: { ...abx, id: "abx-60" } });
    expect([renamed.status, paths(renamed)]).toEqual([422, ["id"]]);
    expect(renamed.json.conflicts[0].message).toMatch(/a measure's id cannot change/);
    expect((await call(w.app, "PUT", `${base}/measures/nope`, { token: w.tokens.admin, body: { ...abx, id: "nope" } })).status).toBe(404);
    expect((await call(w.app, "POST", `${base}/submissions`, { token: w.tokens.alpha, body: februaryReport() })).status).toBe(201);
    const kind = await call(w.app, "PUT", `${base}/measures/abx-1h`, { token: w.tokens.admin, body: { ...abx, kind: "count" } });
    expect([kind.status, kind.json.message]).toEqual([409, "measure abx-1h already has data from 1 team: its kind (percent) cannot change to count; add a new measure and retire this one"]);
    const retired = await call(w.app, "PUT", `${base}/measures/abx-1h`, { token: w.tokens.admin, body: { ...abx, retired: true } });
    expect(CollaborativeDefinition.parse(retired.json).measures[0].retired).toBe(true);
  });

  it("a retired measure takes no new numbers (MEASURE_RETIRED naming it); the same numbers again and the rest of the report still land", async () => {
    expect((await call(w.app, "POST", `${base}/submissions`, { token: w.tokens.alpha, body: februaryReport() })).status).toBe(201);
    await call(w.app, "PUT", `${base}/measures/abx-1h`, { token: w.tokens.admin, body: { ...w.collaborative.measures[0], retired: true } });
    const same = SubmissionSummary.parse((await call(w.app, "POST", `${base}/submissions`, { token: w.tokens.alpha, body: februaryReport() })).json);
    expect([same.status, same.conflicts]).toEqual(["unchanged", []]);
    const changed = await call(w.app, "POST", `${base}/submissions`, { token: w.tokens.alpha, body: februaryReport([{ measureId: "readmissions", period: "2026-02", numerator: 4 }], 41) });
    expect(changed.status).toBe(201);
    const summary = SubmissionSummary.parse(changed.json);
    expect(summary.counts).toEqual({ created: 1, updated: 0, unchanged: 1, rejected: 1 });
    expect(summary.conflicts.map((c) => [c.code, c.path.join("."), c.message])).toEqual([
      ["MEASURE_RETIRED", "points.0.measureId", "measure Antibiotics within 1 hour (abx-1h) is retired and takes no new data: leave its rows out (the collaborative's admin can bring it back)"],
    ]);
    // its stored data stays readable
    const points = await call(w.app, "GET", `${base}/points?measureId=abx-1h`, { token: w.tokens.faculty });
    expect(points.status).toBe(200);
    expect(JSON.stringify(points.json)).toContain('"numerator":40');
  });

  it("DELETE …/measures/{measureId} deletes a measure without data; with data it is 409 saying to retire it", async () => {
    const deleted = await call(w.app, "DELETE", `${base}/measures/readmissions`, { token: w.tokens.admin });
    expect(deleted.status).toBe(200);
    expect(CollaborativeDefinition.parse(deleted.json).measures.map((m) => m.id)).toEqual(["abx-1h", "mortality", "door-to-abx"]);
    expect((await call(w.app, "DELETE", `${base}/measures/readmissions`, { token: w.tokens.admin })).status).toBe(404);
    expect((await call(w.app, "POST", `${base}/submissions`, { token: w.tokens.alpha, body: februaryReport() })).status).toBe(201);
    const refused = await call(w.app, "DELETE", `${base}/measures/abx-1h`, { token: w.tokens.admin });
    expect([refused.status, refused.json.message]).toEqual([409, "measure abx-1h has data from 1 team (1 point revisions): retire it instead (its data stays readable)"]);
  });

  it("PUT …/measures-order reorders; not every measure exactly once is 422 on measureIds", async () => {
    const order = ["mortality", "abx-1h", "door-to-abx", "readmissions"];
    const reply = await call(w.app, "PUT", `${base}/measures-order`, { token: w.tokens.admin, body: { measureIds: order } });
    expect(CollaborativeDefinition.parse(reply.json).measures.map((m) => m.id)).toEqual(order);
    const short = await call(w.app, "PUT", `${base}/measures-order`, { token: w.tokens.admin, body: { measureIds: ["mortality", "abx-1h", "abx-1h"] } });
    expect([short.status, paths(short), short.json.conflicts[0].message]).toEqual([422, ["measureIds"], "list every measure exactly once: door-to-abx, readmissions are missing; abx-1h appears more than once"]);
    const badId = await call(w.app, "PUT", `${base}/measures-order`, { token: w.tokens.admin, body: { measureIds: ["Not A Slug"] } });
    expect([badId.status, paths(badId)]).toEqual([422, ["measureIds.0"]]);
  });
});

describe("admin API: teams (SQLite)", () => {
  let w: World;
  beforeEach(async () => {
    w = await makeWorld();
  });
  afterEach(async () => w.close());

  const lead = { name: "Dee Lead", email: "dee@delta.example", role: "data lead" };

  it("POST …/teams adds a team with its contacts; GET …/admin/teams lists settings in force and contacts", async () => {
    const reply = await call(w.app, "POST", `${base}/teams`, { token: w.tokens.admin, body: { id: "delta", name: "Delta Hospital", joinMonth: "2026-04", contacts: [lead] } });
    expect(reply.status).toBe(201);
    expect(AdminTeam.parse(reply.json)).toEqual({ id: "delta", name: "Delta Hospital", organisation: "", joinMonth: "2026-04", joinMonthSet: true, active: true, remindersOptOut: false, position: 3, contacts: [lead] });
    const list = AdminTeamList.parse((await call(w.app, "GET", `${base}/admin/teams`, { token: w.tokens.faculty })).json);
    expect(list.teams.map((t) => [t.id, t.joinMonth, t.joinMonthSet, t.contacts.length])).toEqual([
      ["alpha", "2026-01", false, 0],
      ["bravo", "2026-01", false, 0],
      ["charlie", "2026-01", false, 0],
      ["delta", "2026-04", true, 1],
    ]);
    expect((await call(w.app, "POST", `${base}/teams`, { token: w.tokens.admin, body: { id: "delta", name: "Again" } })).status).toBe(409);
    const bad = await call(w.app, "POST", `${base}/teams`, { token: w.tokens.admin, body: { id: "echo", name: "Echo", joinMonth: "April", contacts: [{ name: "", email: "not-an-address" }] } });
    expect([bad.status, paths(bad).sort()]).toEqual([422, ["contacts.0.email", "contacts.0.name", "joinMonth"]]);
    expect(bad.json.conflicts.find((c: any) => c.path.join(".") === "contacts.0.email").message).toBe("must be an e-mail address such as name@hospital.org");
    expect(await w.store.getTeam("sepsis", "echo")).toBeNull();
  });

  it("PATCH …/teams/{teamId} renames, sets and clears the join month, deactivates; the id cannot change", async () => {
    const set = await call(w.app, "PATCH", `${base}/teams/alpha`, { token: w.tokens.admin, body: { name: "Alpha General", joinMonth: "2026-02", remindersOptOut: true } });
    expect(AdminTeam.parse(set.json)).toMatchObject({ name: "Alpha General", joinMonth: "2026-02", joinMonthSet: true, remindersOptOut: true, active: true });
    const cleared = await call(w.app, "PATCH", `${base}/teams/alpha`, { token: w.tokens.admin, body: { joinMonth: null, active: false } });
    expect(AdminTeam.parse(cleared.json)).toMatchObject({ joinMonth: "2026-01", joinMonthSet: false, active: false });
    const id = await call(w.app, "PATCH", `${base}/teams/alpha`, { token: w.tokens.admin, body: { id: "alpha-2" } });
    expect([id.status, paths(id)]).toEqual([422, ["id", ""]]); // an unknown field, and so no change at all
    expect(id.json.conflicts.map((c: any) => c.message)).toEqual(['unknown field "id": no such field here (a misspelling?): see /api/v1/openapi.json for the fields', "change at least one field"]);
    expect((await call(w.app, "PATCH", `${base}/teams/zulu`, { token: w.tokens.admin, body: { name: "Z" } })).status).toBe(404);
    // a join month outside the collaborative is refused on its field, here and when adding a team
    const outside = await call(w.app, "PATCH", `${base}/teams/alpha`, { token: w.tokens.admin, body: { joinMonth: "2030-01" } });
    expect([outside.status, paths(outside), outside.json.conflicts[0].code]).toEqual([422, ["joinMonth"], "PERIOD_OUTSIDE_COLLABORATIVE"]);
    const added = await call(w.app, "POST", `${base}/teams`, { token: w.tokens.admin, body: { id: "late-joiner", name: "Late", joinMonth: "2019-01" } });
    expect([added.status, paths(added)]).toEqual([422, ["joinMonth"]]);
    // the team's own token still works for reading (its data stays), the name shows
    expect(Me.parse((await call(w.app, "GET", "/api/v1/me", { token: w.tokens.alpha })).json).team?.name).toBe("Alpha General");
  });

  it("PUT …/teams/{teamId}/contacts replaces them as a whole; more than 20 is 422", async () => {
    const reply = await call(w.app, "PUT", `${base}/teams/bravo/contacts`, { token: w.tokens.admin, body: { contacts: [lead, { name: "Eve", email: "eve@bravo.example" }] } });
    expect(AdminTeam.parse(reply.json).contacts).toEqual([lead, { name: "Eve", email: "eve@bravo.example", role: "" }]);
    const none = await call(w.app, "PUT", `${base}/teams/bravo/contacts`, { token: w.tokens.admin, body: { contacts: [] } });
    expect(AdminTeam.parse(none.json).contacts).toEqual([]);
    const many = await call(w.app, "PUT", `${base}/teams/bravo/contacts`, { token: w.tokens.admin, body: { contacts: Array.from({ length: 21 }, () => lead) } });
    expect([many.status, paths(many), many.json.conflicts[0].message]).toEqual([422, ["contacts"], "give at most 20 contacts"]);
  });

  it("completeness and a team's status count a team from its join month, and not at all once it is inactive", async () => {
    await call(w.app, "PATCH", `${base}/teams/bravo`, { token: w.tokens.admin, body: { joinMonth: "2026-02" } });
    await call(w.app, "PATCH", `${base}/teams/charlie`, { token: w.tokens.admin, body: { active: false } });
    w.clock.set("2026-03-20T10:00:00.000Z"); // February's report was due on the 15th
    const grid = Completeness.parse((await call(w.app, "GET", `${base}/completeness`, { token: w.tokens.faculty })).json);
    expect(grid.teams.map((t) => [t.teamId, t.cells.map((c) => `${c.status}${c.owed ? "" : "*"}`).join(","), t.expected, t.missing])).toEqual([
      ["alpha", "missing,missing", 2, 2],
      ["bravo", "not_due*,missing", 1, 1],
      ["charlie", "not_due*,not_due*", 0, 0],
    ]);
    expect(grid.months.map((m) => [m.period, m.expected, m.missing, m.notDue])).toEqual([
      ["2026-01", 1, 1, 0],
      ["2026-02", 2, 2, 0],
    ]);
    const status = TeamStatus.parse((await call(w.app, "GET", `${base}/teams/charlie/status`, { token: w.tokens.charlie })).json);
    expect([status.reportingMonth, status.status, status.owed]).toEqual(["2026-02", "not_due", false]);
    const owed = TeamStatus.parse((await call(w.app, "GET", `${base}/teams/bravo/status`, { token: w.tokens.bravo })).json);
    expect([owed.status, owed.owed]).toEqual(["missing", true]);
  });
});

describe("admin API: tokens and audit (SQLite)", () => {
  let w: World;
  beforeEach(async () => {
    w = await makeWorld();
  });
  afterEach(async () => w.close());

  it("POST /tokens issues a token shown once (no-store); it works for /me; the list never holds the secret; revoke ends it", async () => {
    const reply = await call(w.app, "POST", "/api/v1/tokens", { token: w.tokens.admin, body: { role: "team", collaborativeId: "sepsis", teamId: "bravo", label: "Bravo data lead", expiresAt: "2026-12-31" } });
    expect(reply.status).toBe(201);
    expect(reply.headers.get("cache-control")).toBe("no-store");
    const issued = IssuedToken.parse(reply.json);
    expect(issued.token).toMatch(/^qi_[A-Za-z0-9_-]{43}$/);
    expect(issued.info).toMatchObject({ role: "team", collaborativeId: "sepsis", teamId: "bravo", label: "Bravo data lead", expiresAt: "2027-01-01T00:00:00.000Z", revokedAt: null });
    expect(issued.token.startsWith(issued.info.prefix)).toBe(true);
    const me = Me.parse((await call(w.app, "GET", "/api/v1/me", { token: issued.token })).json);
    expect([me.role, me.tokenLabel, me.team?.id]).toEqual(["team", "Bravo data lead", "bravo"]);
    const listed = await call(w.app, "GET", "/api/v1/tokens?collaborative=sepsis", { token: w.tokens.admin });
    expect(listed.text).not.toContain(issued.token);
    expect(listed.text).not.toContain(issued.token.slice(issued.info.prefix.length, issued.info.prefix.length + 10));
    const tokens = TokenList.parse(listed.json).tokens;
    expect(tokens.find((t) => t.id === issued.info.id)).toEqual(issued.info);
    expect(tokens.every((t) => t.collaborativeId === "sepsis")).toBe(true);
    expect(Object.keys(tokens[0]).sort()).toEqual(["collaborativeId", "createdAt", "expiresAt", "id", "label", "prefix", "revokedAt", "role", "teamId"]);
    const all = TokenList.parse((await call(w.app, "GET", "/api/v1/tokens", { token: w.tokens.admin })).json).tokens;
    expect(all.some((t) => t.collaborativeId === null) && all.some((t) => t.collaborativeId === "other")).toBe(true);
    const revoked = await call(w.app, "POST", `/api/v1/tokens/${issued.info.id}/revoke`, { token: w.tokens.admin });
    expect(TokenInfo.parse(revoked.json).revokedAt).toBe(w.clock.now().toISOString());
    expect((await call(w.app, "GET", "/api/v1/me", { token: issued.token })).status).toBe(401);
    expect((await call(w.app, "POST", `/api/v1/tokens/${issued.info.id}/revoke`, { token: w.tokens.admin })).status).toBe(200); // again: no change
    expect((await call(w.app, "POST", "/api/v1/tokens/tok_nope/revoke", { token: w.tokens.admin })).status).toBe(404);
  });

  it("POST /tokens: bad fields are 422 naming them (team without its team, unknown team, past expiry, no label)", async () => {
    const cases: Array<[unknown, string[]]> = [
      [{ role: "team", collaborativeId: "sepsis", label: "x" }, ["teamId"]],
      [{ role: "faculty", collaborativeId: "sepsis", teamId: "alpha", label: "x" }, ["teamId"]],
      [{ role: "team", collaborativeId: "sepsis", teamId: "zulu", label: "x" }, ["teamId"]],
      [{ role: "faculty", collaborativeId: "nope", label: "x" }, ["collaborativeId"]],
      [{ role: "faculty", collaborativeId: "sepsis", label: "x", expiresAt: "2026-01-01" }, ["expiresAt"]],
      [{ role: "faculty", collaborativeId: "sepsis", label: "x", expiresAt: "next year" }, ["expiresAt"]],
      [{ role: "faculty", collaborativeId: "sepsis", label: "" }, ["label"]],
      [{ role: "owner", label: "x" }, ["role"]],
    ];
    for (const [body, expected] of cases) {
      const reply = await call(w.app, "POST", "/api/v1/tokens", { token: w.tokens.admin, body });
      expect([body, reply.status, paths(reply)]).toEqual([body, 422, expected]);
    }
    const label = await call(w.app, "POST", "/api/v1/tokens", { token: w.tokens.admin, body: { role: "faculty", label: " " } });
    expect(label.json.conflicts[0].message).toBe('give the token a label people will recognise, e.g. "Riverside data lead"');
  });

  it("GET /audit filters by collaborative, actor, action family and team, newest first, paged by nextBefore", async () => {
    await call(w.app, "PATCH", `${base}/teams/alpha`, { token: w.tokens.admin, body: { name: "Alpha General" } });
    await call(w.app, "PUT", `${base}/teams/alpha/contacts`, { token: w.tokens.admin, body: { contacts: [{ name: "A", email: "a@alpha.example" }] } });
    await call(w.app, "PATCH", base, { token: w.tokens.admin, body: { aim: "Sooner" } });
    const adminId = Me.parse((await call(w.app, "GET", "/api/v1/me", { token: w.tokens.admin })).json) && (await w.store.listTokens()).find((t) => t.label === "admin")?.id;
    const mine = AuditList.parse((await call(w.app, "GET", `/api/v1/audit?actor=${adminId}`, { token: w.tokens.admin })).json);
    expect(mine.entries.map((e) => e.action)).toEqual(["collaborative.updated", "team.contacts.set", "team.updated"]);
    expect(mine.entries[0]).toMatchObject({ actor: adminId, actorLabel: "admin", collaborativeId: "sepsis", details: { changed: { aim: "Sooner" } } });
    expect(mine.nextBefore).toBeNull();
    const teamFamily = AuditList.parse((await call(w.app, "GET", "/api/v1/audit?action=team&team=alpha", { token: w.tokens.admin })).json);
    expect(teamFamily.entries.map((e) => e.action)).toEqual(["team.contacts.set", "team.updated", "team.added"]);
    const cli = AuditList.parse((await call(w.app, "GET", "/api/v1/audit?actor=cli&collaborative=other", { token: w.tokens.admin })).json);
    expect(cli.entries.every((e) => e.actor === "cli" && e.collaborativeId === "other")).toBe(true);
    const pages: number[] = [];
    let before: number | null = null;
    do {
      const page = AuditList.parse((await call(w.app, "GET", `/api/v1/audit?collaborative=sepsis&limit=4${before !== null ? `&before=${before}` : ""}`, { token: w.tokens.admin })).json);
      pages.push(...page.entries.map((e) => e.id));
      before = page.nextBefore;
    } while (before !== null);
    const whole = AuditList.parse((await call(w.app, "GET", "/api/v1/audit?collaborative=sepsis&limit=500", { token: w.tokens.admin })).json);
    expect(pages).toEqual(whole.entries.map((e) => e.id));
    expect(pages.length).toBeGreaterThan(8);
    for (const [q, message] of [
      ["limit=0", 'limit must be a whole number from 1 to 500 (got "0")'],
      ["limit=501", 'limit must be a whole number from 1 to 500 (got "501")'],
      ["before=abc", 'before must be a whole number from 1 to 9007199254740991 (got "abc")'],
      ["team=Not%20a%20slug", 'team must be lowercase letters, digits and dashes (got "Not a slug")'],
      ["actor=a&actor=b", "actor may be given once"],
      ["who=me", 'unknown query parameter "who" for GET /api/v1/audit: it takes collaborative, actor, action, team, before, limit (see /api/v1/openapi.json)'],
    ]) {
      const reply = await call(w.app, "GET", `/api/v1/audit?${q}`, { token: w.tokens.admin });
      expect([q, reply.status, reply.json.message]).toEqual([q, 400, message]);
    }
  });
});

describe("admin API in the OpenAPI document", () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld();
  });
  afterAll(async () => w.close());

  it("is contract 0.3.0 and lists every admin operation with its body schema; the 0.2.0 operations are still there", async () => {
    const doc = (await call(w.app, "GET", "/api/v1/openapi.json")).json;
    expect(doc.info.version).toBe("0.3.0");
    const operations: Array<[string, string, string | null]> = [
      ["post", "/api/v1/collaboratives", "CollaborativeDefinitionInput"],
      ["patch", "/api/v1/collaboratives/{id}", "CollaborativeSettingsPatch"],
      ["post", "/api/v1/collaboratives/{id}/measures", "MeasureDefinition"],
      ["put", "/api/v1/collaboratives/{id}/measures/{measureId}", "MeasureDefinition"],
      ["delete", "/api/v1/collaboratives/{id}/measures/{measureId}", null],
      ["put", "/api/v1/collaboratives/{id}/measures-order", "MeasureOrder"],
      ["get", "/api/v1/collaboratives/{id}/admin/teams", null],
      ["post", "/api/v1/collaboratives/{id}/teams", "NewTeam"],
      ["patch", "/api/v1/collaboratives/{id}/teams/{teamId}", "TeamPatch"],
      ["put", "/api/v1/collaboratives/{id}/teams/{teamId}/contacts", "TeamContacts"],
      ["get", "/api/v1/tokens", null],
      ["post", "/api/v1/tokens", "NewTokenRequest"],
      ["post", "/api/v1/tokens/{tokenId}/revoke", null],
      ["get", "/api/v1/audit", null],
      ["get", "/api/v1/collaboratives/{id}", null],
      ["post", "/api/v1/collaboratives/{id}/submissions", "SubmissionInput"],
    ];
    for (const [method, path, body] of operations) {
      const op = doc.paths[path]?.[method];
      expect([method, path, op !== undefined]).toEqual([method, path, true]);
      expect(op.requestBody?.content["application/json"].schema.$ref ?? null).toBe(body === null ? null : `#/components/schemas/${body}`);
      if (body !== null) expect(op.requestBody.required).toBe(true);
    }
    expect(doc.components.schemas.NewTokenRequest.properties.role.enum).toEqual(["team", "faculty", "admin"]);
    expect(doc.components.schemas.IssuedToken.required).toEqual(["token", "info"]);
    expect(Object.keys(doc.components.schemas.TokenInfo.properties)).not.toContain("hash");
    expect(doc.paths["/api/v1/audit"].get.parameters.map((p: { name: string }) => p.name)).toEqual(["collaborative", "actor", "action", "team", "before", "limit"]);
  });
});

describe("admin API on PostgreSQL: the main flow", () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld({ handle: await postgresHandle() });
  });
  afterAll(async () => w.close());

  it("create a collaborative, two measures, three teams with contacts, their tokens; reorder, retire, lock a month; all audited", async () => {
    const admin = { token: w.tokens.admin };
    const [abx, mortality] = fixtureCollaborative().measures;
    const created = await call(w.app, "POST", "/api/v1/collaboratives", { ...admin, body: fixtureCollaborative({ id: "falls", name: "Falls", measures: [abx] }) });
    expect(created.status).toBe(201);
    expect((await call(w.app, "POST", "/api/v1/collaboratives/falls/measures", { ...admin, body: mortality })).status).toBe(201);
    const teams = ["north", "south", "east"];
    for (const [i, id] of teams.entries()) {
      const reply = await call(w.app, "POST", "/api/v1/collaboratives/falls/teams", { ...admin, body: { id, name: `${id} ward`, ...(i === 2 ? { joinMonth: "2026-02" } : {}), contacts: [{ name: `${id} lead`, email: `lead@${id}.example` }] } });
      expect(reply.status).toBe(201);
    }
    const tokens: string[] = [];
    for (const id of teams) {
      const reply = await call(w.app, "POST", "/api/v1/tokens", { ...admin, body: { role: "team", collaborativeId: "falls", teamId: id, label: `${id} data lead` } });
      tokens.push(IssuedToken.parse(reply.json).token);
    }
    expect(Me.parse((await call(w.app, "GET", "/api/v1/me", { token: tokens[1] })).json).team?.id).toBe("south");
    const reordered = await call(w.app, "PUT", "/api/v1/collaboratives/falls/measures-order", { ...admin, body: { measureIds: ["mortality", "abx-1h"] } });
    expect(CollaborativeDefinition.parse(reordered.json).measures.map((m) => m.id)).toEqual(["mortality", "abx-1h"]);
    await call(w.app, "PUT", "/api/v1/collaboratives/falls/measures/abx-1h", { ...admin, body: { ...abx, retired: true } });
    const report = await call(w.app, "POST", "/api/v1/collaboratives/falls/submissions", { token: tokens[0], body: februaryReport() });
    expect(SubmissionSummary.parse(report.json).conflicts.map((c) => c.code)).toEqual(["MEASURE_RETIRED"]);
    expect((await call(w.app, "DELETE", "/api/v1/collaboratives/falls/measures/mortality", admin)).status).toBe(409);
    expect((await call(w.app, "PATCH", "/api/v1/collaboratives/falls/teams/south", { ...admin, body: { active: false } })).status).toBe(200);
    expect((await call(w.app, "POST", "/api/v1/collaboratives/falls/periods/2026-01/lock", admin)).status).toBe(200);
    const list = AdminTeamList.parse((await call(w.app, "GET", "/api/v1/collaboratives/falls/admin/teams", admin)).json);
    expect(list.teams.map((t) => [t.id, t.joinMonth, t.active, t.contacts[0]?.email])).toEqual([
      ["north", "2026-01", true, "lead@north.example"],
      ["south", "2026-01", false, "lead@south.example"],
      ["east", "2026-02", true, "lead@east.example"],
    ]);
    const grid = Completeness.parse((await call(w.app, "GET", "/api/v1/collaboratives/falls/completeness?asOf=2026-03-20", admin)).json);
    expect(grid.teams.map((t) => [t.teamId, t.expected])).toEqual([
      ["north", 2],
      ["south", 0],
      ["east", 1],
    ]);
    const audit = AuditList.parse((await call(w.app, "GET", "/api/v1/audit?collaborative=falls&limit=500", admin)).json);
    expect(audit.entries.map((e) => e.action).reverse()).toEqual([
      "collaborative.created",
      "measure.added",
      "team.added",
      "team.added",
      "team.added",
      "token.issued",
      "token.issued",
      "token.issued",
      "measures.reordered",
      "measure.retired",
      "submission.accepted",
      "team.updated",
      "period.lock",
    ]);
    const north = TokenList.parse((await call(w.app, "GET", "/api/v1/tokens?collaborative=falls", admin)).json).tokens.find((t) => t.teamId === "north");
    const revoked = await call(w.app, "POST", `/api/v1/tokens/${north?.id}/revoke`, admin);
    expect(revoked.status).toBe(200);
    expect((await call(w.app, "GET", "/api/v1/me", { token: tokens[0] })).status).toBe(401);
  });
});
