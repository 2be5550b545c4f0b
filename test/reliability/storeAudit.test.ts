// The suite's checks must bite: the store audit (reliability/storeAudit.ts) finds a report answered
// 201 but not stored (lost), a report stored twice (duplicated, on a copy of the table without its
// submissions are append-only, not insert-only), a gap in revisions, and monthly_reports out of step.
import { randomUUID } from "node:crypto";
import { seedCampaign, uniqueReport } from "../../reliability/campaign";
import type { Ledger, Sent } from "../../reliability/load";
import { auditStore, checkConsistency } from "../../reliability/storeAudit";
import { sqliteTarget, type Target } from "../../reliability/target";
import { createApp } from "../../src/server/app";

jest.setTimeout(30_000);

describe("the store audit", () => {
  let target: Target;
  let ledger: Ledger;
  beforeAll(async () => {
    target = sqliteTarget();
    const store = await target.openStore();
    const campaign = await seedCampaign(store, 1);
    const app = createApp({ store, version: "test", rateLimitPerMinute: false });
    const sent: Sent[] = [];
    for (const key of ["k1", "k2"]) {
      const response = await app.request(`/api/v1/collaboratives/reliability/submissions`, {
        method: "POST",
        headers: { authorization: `Bearer ${campaign.teams[0].token}`, "content-type": "application/json", "idempotency-key": key },
        body: JSON.stringify(uniqueReport(key, campaign.months[0], Math.random)),
      });
      sent.push({ key, teamId: "team-1", answer: { status: response.status, replay: false, body: await response.json(), attempts: 1, networkErrors: 0, unavailable: 0, serverErrors: 0, serverErrorBodies: [] }, error: null });
    }
    await store.close();
    ledger = { sent, answered: () => sent.length };
  });
  afterAll(async () => {
    await target.drop();
  });

  it("passes a store where each report is stored once", async () => {
    expect(await auditStore(target, ledger)).toEqual({ sent: 2, stored: 2, lost: 0, duplicated: 0, problems: [] });
  });

  it("counts a report answered 201 that is not in the store as lost", async () => {
    const ghost: Sent = { ...ledger.sent[0], key: `never-stored-${randomUUID()}` };
    const audit = await auditStore(target, { sent: [...ledger.sent, ghost], answered: () => 3 });
    expect(audit).toMatchObject({ sent: 3, stored: 2, lost: 1, duplicated: 0 });
  });

  it("finds a current point that is not its latest revision", async () => {
    await target.query("UPDATE current_points SET numerator = numerator + 1 WHERE measure_id = 'bundle'");
    expect((await checkConsistency(target)).join("\n")).toMatch(/current_points that are not their point's latest revision: 1/);
    await target.query("UPDATE current_points SET numerator = numerator - 1 WHERE measure_id = 'bundle'");
    expect(await checkConsistency(target)).toEqual([]);
  });

  it("finds a duplicate, a revision gap and monthly_reports out of step", async () => {
    // as a faulty write could: a second copy of the latest submission, as revision n + 5
    const [row] = (await target.query("SELECT id FROM submissions ORDER BY revision DESC LIMIT 1")) as Array<{ id: string }>;
    await target.query(
      `INSERT INTO submissions SELECT 'copy-' || id, collaborative_id, team_id, reporting_month, revision + 5, received_at, token_id, created_count, updated_count, unchanged_count, rejected_count, input, raw_body, conflicts, narrative, self_assessment FROM submissions WHERE id = '${row.id}'`,
    );
    const audit = await auditStore(target, ledger);
    expect(audit.duplicated).toBe(1);
    const problems = (await checkConsistency(target)).join("\n");
    expect(problems).toMatch(/revisions are not 1\.\.n without gaps: 1/);
    expect(problems).toMatch(/monthly_reports rows that disagree with submissions: 1/);
  });
});
