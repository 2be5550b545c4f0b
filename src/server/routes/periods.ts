// Months: GET …/periods (due dates and lock state) and POST …/periods/{period}/lock | reopen (admin,
// audited; refused by core's checkPeriodChange, as the admin CLI is).

import { Hono } from "hono";
import * as z from "zod";
import { checkPeriodChange, periodLockState, PeriodChangeInput } from "../../core/index";
import { actorOf } from "../auth";
import { ApiProblem } from "../problem";
import { asOfOrToday, jsonBody, optionalDayValue, params, periodValue, query } from "../validation";
import { periodStates } from "../views/periods";
import { authOf, collaborativeOf, onlyRoles, type AppEnv, type RouteDeps } from "./context";

const PeriodsQuery = z.object({ asOf: optionalDayValue });
const PeriodParams = z.object({ id: z.string(), period: periodValue("period") });

export function periodRoutes(deps: RouteDeps): Hono<AppEnv> {
  const { store } = deps;
  const app = new Hono<AppEnv>();

  app.get("/collaboratives/:id/periods", deps.guard, query(PeriodsQuery), async (c) => {
    const collaborative = await collaborativeOf(deps, c);
    const asOf = asOfOrToday(c.req.valid("query").asOf, deps.clock());
    const events = await store.latestPeriodEvents(collaborative.id);
    return c.json({ collaborativeId: collaborative.id, asOf, periods: periodStates(collaborative, events, asOf) });
  });

  for (const action of ["lock", "reopen"] as const) {
    // The body is optional (a lock needs no reason): an empty one reads as {}.
    app.post(`/collaboratives/:id/periods/:period/${action}`, deps.guard, onlyRoles("admin"), params(PeriodParams), jsonBody(PeriodChangeInput, `the ${action} request`, { optional: true }), async (c) => {
      const auth = authOf(c);
      const collaborative = await collaborativeOf(deps, c);
      const { period } = c.req.valid("param");
      const input = c.req.valid("json");
      const { change, problems } = checkPeriodChange(collaborative, action, period, input.reason);
      if (change === null) {
        throw new ApiProblem("VALIDATION", `${period} cannot be ${action === "lock" ? "locked" : "reopened"}: ${problems.map((p) => p.message).join("; ")}`, {
          conflicts: problems.map((p) => ({ path: [p.field], measureId: null, period, code: p.code, message: p.message, severity: "error" as const })),
        });
      }
      const now = deps.clock();
      await store.addPeriodEvent(collaborative.id, { ...change, at: now.toISOString() }, actorOf(auth));
      const events = await store.latestPeriodEvents(collaborative.id);
      const asOf = now.toISOString().slice(0, 10);
      return c.json({ collaborativeId: collaborative.id, asOf, periods: [periodLockState(collaborative, period, events.get(period), asOf)] });
    });
  }

  return app;
}
