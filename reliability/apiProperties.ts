// Property-based tests (fast-check) through the API, on one engine: random reports (arbitraries.ts)
// and random measure sheets read by core's validator and turned into reports (as the task pane
// does) are sent to the submissions route of an app over the scenario's own store. For every one:
// no 5xx; a refusal (any 4xx) or an unchanged report (200) writes no data (the append-only tables
// submissions, point_revisions and assessment_scores do not grow: every other data table is derived
// from them in the same transaction; the audit row and the idempotency key of a refusal are
// kept on purpose); a 201 adds exactly one submission; and a sheet the validator passes without an
// error is not refused by the server (the pane and the server check alike).

import fc from "fast-check";
import { readMeasureSheet, toSubmission, validateWorkbook, type MeasureSheetReading } from "../src/core/index";
import { createApp } from "../src/server/app";
import { COLLABORATIVE_ID, seedCampaign } from "./campaign";
import { bodyArb, sheetArb } from "./arbitraries";
import { failureOf, type PropertyOutcome } from "./runChartProperties";
import { makeTarget, type Engine, type Target } from "./target";

export type ApiPropertyOutcome = PropertyOutcome & { engine: Engine; requests: number; serverErrors: number };

async function dataRows(target: Target): Promise<{ submissions: number; pointRevisions: number; scores: number }> {
  const [row] = await target.query(
    "SELECT (SELECT COUNT(*) FROM submissions) AS s, (SELECT COUNT(*) FROM point_revisions) AS p, (SELECT COUNT(*) FROM assessment_scores) AS a",
  );
  return { submissions: Number(row.s), pointRevisions: Number(row.p), scores: Number(row.a) };
}

/** Reports and sheets, `numRuns` each, on a fresh database of `engine`. */
export async function apiProperties(engine: Engine, numRuns: number, seed: number): Promise<ApiPropertyOutcome[]> {
  const target = await makeTarget(engine);
  const store = await target.openStore();
  try {
    const campaign = await seedCampaign(store, 2);
    const logged: string[] = [];
    const app = createApp({ store, version: "reliability", rateLimitPerMinute: false, failedAuthPerMinute: false, logError: (message, error) => logged.push(`${message}: ${(error as Error)?.stack ?? String(error)}`) });
    const path = `/api/v1/collaboratives/${COLLABORATIVE_ID}/submissions`;
    const token = campaign.teams[0].token;
    let requests = 0;
    let serverErrors = 0;

    /** Send; check the status and what was written. */
    const send = async (body: string, key: string | null): Promise<{ status: number; json: any }> => {
      const before = await dataRows(target);
      const headers: Record<string, string> = { authorization: `Bearer ${token}`, "content-type": "application/json" };
      if (key !== null) headers["idempotency-key"] = key;
      const response = await app.request(path, { method: "POST", headers, body });
      const text = await response.text();
      requests++;
      const after = await dataRows(target);
      if (response.status >= 500) {
        serverErrors++;
        throw new Error(`${response.status} ${text.slice(0, 300)}; logged: ${logged.slice(-1).join("").slice(0, 800)}`);
      }
      const grew = after.submissions - before.submissions;
      const expected = response.status === 201 ? 1 : 0;
      if (grew !== expected || (expected === 0 && (after.pointRevisions !== before.pointRevisions || after.scores !== before.scores))) {
        throw new Error(`answered ${response.status} but the data tables went from ${JSON.stringify(before)} to ${JSON.stringify(after)}: ${text.slice(0, 300)}`);
      }
      let json: unknown = null;
      try {
        json = JSON.parse(text);
      } catch {
        throw new Error(`answered ${response.status} with a body that is not JSON: ${text.slice(0, 200)}`);
      }
      return { status: response.status, json };
    };

    const outcomes: ApiPropertyOutcome[] = [];
    const run = async (name: string, property: fc.IAsyncProperty<any>) => {
      const before = serverErrors;
      const startRequests = requests;
      const startedAt = Date.now();
      const details = await fc.check(property, { numRuns, seed });
      outcomes.push({ name, engine, runs: details.numRuns, failure: failureOf(details), requests: requests - startRequests, serverErrors: serverErrors - before, seconds: (Date.now() - startedAt) / 1000 });
    };

    await run(
      "random reports: no 5xx, no data written on refusal, one submission per 201",
      fc.asyncProperty(bodyArb(campaign.months), fc.option(fc.string({ minLength: 0, maxLength: 12 }), { freq: 3 }), async (body, key) => {
        await send(body, key);
      }),
    );

    const [bundle, harm] = campaign.collaborative.measures;
    const asOf = new Date().toISOString().slice(0, 10);
    await run(
      "random sheets through core's validator, then the API: no throw, no 5xx, no data written on refusal, a sheet without errors not refused",
      fc.asyncProperty(sheetArb(campaign.months), sheetArb(campaign.months), fc.constantFrom(...campaign.months), async (bundleCells, harmCells, month) => {
        const sheets: Array<{ measureId: string; reading: MeasureSheetReading }> = [
          { measureId: bundle.id, reading: readMeasureSheet({ sheetName: "Bundle", values: bundleCells, measure: bundle }) },
          { measureId: harm.id, reading: readMeasureSheet({ sheetName: "Harm", values: harmCells, measure: harm }) },
        ];
        const issues = [...sheets.flatMap((s) => s.reading.issues), ...validateWorkbook({ collaborative: campaign.collaborative, sheets, reportingMonth: month, asOf })];
        const { submission } = toSubmission({ sheets, reportingMonth: month, startMonth: campaign.collaborative.startMonth });
        const answer = await send(JSON.stringify(submission), null);
        const errors = issues.filter((i) => i.severity === "error");
        if (errors.length === 0 && answer.status >= 400) {
          throw new Error(`the validator found no error, the server answered ${answer.status}: ${JSON.stringify(answer.json).slice(0, 600)}`);
        }
      }),
    );
    return outcomes;
  } finally {
    await store.close();
    await target.drop();
  }
}
