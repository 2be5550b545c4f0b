// The admin pages' API client (src/faculty/admin/adminApi.ts) against the real data store (createApp
// over SQLite, app.request, no socket): each method the pages call reaches its endpoint of core's
// admin contract and its answer parses with the contract's schema; the server's refusals come back
// as ApiFailures with the path of the field (the pages show them on that field) or its 409 sentence.
// Needs the admin API routes (branch `admin`); on a tree without them every call answers 404.
import { createAdminApi, type AdminApi } from "../../src/faculty/admin/adminApi";
import { ApiFailure } from "../../src/web/api/index";
import { februaryReport, makeWorld, type World } from "../server/helpers";

const ORIGIN = "http://store.test";

describe("the admin pages' API client against the real data store", () => {
  let w: World;
  let admin: AdminApi;
  const viaApp = (url: string, init?: RequestInit) => Promise.resolve(w.app.request(url.slice(ORIGIN.length), init));
  beforeEach(async () => {
    w = await makeWorld();
    admin = createAdminApi({ token: w.tokens.admin, baseUrl: ORIGIN, fetch: viaApp });
  });
  afterEach(async () => w.close());

  it("creates a collaborative, changes its settings and its measure set (add, edit, reorder, retire, delete)", async () => {
    const created = await admin.createCollaborative({
      id: "flow",
      name: "Patient Flow",
      aim: "",
      startMonth: "2026-01",
      endMonth: "2026-12",
      dueDay: 15,
      lockAfterDays: 60,
      sharing: "named",
      ruleSet: "ihi",
      measures: [{ id: "los", name: "Length of stay", type: "outcome", kind: "mean", improvementDirection: "decrease", operationalDefinition: "", required: true }],
    });
    expect(created.id).toBe("flow");
    expect((await admin.patchCollaborative("flow", { dueDay: 10, ruleSet: "mdc" })).dueDay).toBe(10);
    await admin.addMeasure("flow", { id: "noon", name: "Discharges before noon", type: "process", kind: "percent", unit: "%", improvementDirection: "increase", operationalDefinition: "", required: true });
    const edited = await admin.putMeasure("flow", { id: "noon", name: "Discharges before noon", type: "process", kind: "percent", unit: "%", improvementDirection: "increase", goal: 40, operationalDefinition: "", required: true });
    expect(edited.measures.find((m) => m.id === "noon")?.goal).toBe(40);
    expect((await admin.orderMeasures("flow", { measureIds: ["noon", "los"] })).measures.map((m) => m.id)).toEqual(["noon", "los"]);
    const retired = await admin.putMeasure("flow", { id: "los", name: "Length of stay", type: "outcome", kind: "mean", improvementDirection: "decrease", operationalDefinition: "", required: true, retired: true });
    expect(retired.measures.find((m) => m.id === "los")?.retired).toBe(true);
    expect((await admin.deleteMeasure("flow", "noon")).measures.map((m) => m.id)).toEqual(["los"]);
  });

  it("a measure with data is not deleted: 409 with the server's sentence", async () => {
    const res = await w.app.request("/api/v1/collaboratives/sepsis/submissions", {
      method: "POST",
      headers: { authorization: `Bearer ${w.tokens.alpha}`, "content-type": "application/json" },
      body: JSON.stringify(februaryReport()),
    });
    expect(res.status).toBe(201);
    const refused = await admin.deleteMeasure("sepsis", "abx-1h").catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiFailure);
    expect(refused).toMatchObject({ status: 409 });
    expect((refused as ApiFailure).message).toMatch(/retire/i);
  });

  it("teams: add with contacts and a join month, patch, contacts, and the list; a second team with the same id is 409", async () => {
    const team = await admin.addTeam("sepsis", { id: "delta", name: "Delta Hospital", organisation: "", joinMonth: "2026-03", contacts: [{ name: "Ada", email: "ada@delta.org", role: "data lead" }] });
    expect(team).toMatchObject({ id: "delta", joinMonth: "2026-03", joinMonthSet: true, contacts: [{ email: "ada@delta.org" }] });
    expect(await admin.patchTeam("sepsis", "delta", { name: "Delta General", remindersOptOut: true, joinMonth: null })).toMatchObject({ name: "Delta General", remindersOptOut: true, joinMonthSet: false });
    expect((await admin.putContacts("sepsis", "delta", { contacts: [] })).contacts).toEqual([]);
    expect((await admin.teams("sepsis")).teams.map((t) => t.id)).toContain("delta");
    const refused = await admin.addTeam("sepsis", { id: "delta", name: "Again", organisation: "", contacts: [] }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiFailure);
    expect(refused).toMatchObject({ status: 409, message: "team delta already exists in sepsis" });
  });

  it("tokens: issued once with the secret, listed without it, revoked; an expiry in the past is refused on expiresAt", async () => {
    const issued = await admin.issueToken({ role: "team", collaborativeId: "sepsis", teamId: "alpha", label: "Alpha data lead", expiresAt: "2099-06-30" });
    expect(issued.token).toMatch(/^qi_/);
    const listed = await admin.tokens("sepsis");
    expect(listed.tokens.find((t) => t.id === issued.info.id)).toMatchObject({ label: "Alpha data lead", revokedAt: null });
    expect(JSON.stringify(listed)).not.toContain(issued.token);
    expect((await admin.revokeToken(issued.info.id)).revokedAt).not.toBeNull();
    const refused = await admin.issueToken({ role: "faculty", collaborativeId: "sepsis", teamId: null, label: "Old", expiresAt: "2000-01-01" }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ kind: "validation", status: 422 });
    expect((refused as ApiFailure).conflicts.map((c) => c.path)).toEqual([["expiresAt"]]);
  });

  it("months: lock, reopen with a reason (422 on reason without one); the audit log filtered and paged", async () => {
    await admin.changePeriod("sepsis", "2026-01", "lock", {});
    expect((await admin.periods("sepsis")).periods.find((p) => p.period === "2026-01")).toMatchObject({ locked: true, state: "manual" });
    const refused = await admin.changePeriod("sepsis", "2026-01", "reopen", {}).catch((error: unknown) => error);
    expect(refused).toMatchObject({ kind: "validation", status: 422 });
    expect((refused as ApiFailure).conflicts.map((c) => c.path)).toEqual([["reason"]]);
    await admin.changePeriod("sepsis", "2026-01", "reopen", { reason: "late data from ward 4" });
    const page = await admin.audit({ collaborativeId: "sepsis", limit: 1 });
    expect(page.entries).toHaveLength(1);
    expect(page.nextBefore).not.toBeNull();
    const older = await admin.audit({ collaborativeId: "sepsis", limit: 1, before: page.nextBefore! });
    expect(older.entries[0]!.id).toBeLessThan(page.entries[0]!.id);
    const locks = await admin.audit({ collaborativeId: "sepsis", action: page.entries[0]!.action });
    expect(locks.entries.every((e) => e.action === page.entries[0]!.action)).toBe(true);
  });
});
