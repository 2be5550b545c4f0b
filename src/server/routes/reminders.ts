// The reminder ledger of a collaborative (faculty, admin): what the reminder job sent, failed to
// send, or, without SMTP configured, would have sent. Contacts' addresses appear here, so team
// tokens may not read it.

import { Hono } from "hono";
import * as z from "zod";
import type { RemindersResponse } from "../../core/index";
import { ApiProblem } from "../problem";
import { query } from "../validation";
import { collaborativeOf, onlyRoles, type AppEnv, type RouteDeps } from "./context";

const RemindersQuery = z.object({ limit: z.string().optional() });

export function reminderRoutes(deps: RouteDeps, options: { smtpConfigured: boolean }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/collaboratives/:id/reminders", deps.guard, onlyRoles("faculty", "admin"), query(RemindersQuery), async (c) => {
    const collaborative = await collaborativeOf(deps, c);
    const raw = c.req.valid("query").limit;
    const limit = raw === undefined ? 200 : Number(raw);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new ApiProblem("BAD_REQUEST", `limit must be a whole number from 1 to 1000, got ${JSON.stringify(raw)}`);
    const body: RemindersResponse = { collaborativeId: collaborative.id, smtpConfigured: options.smtpConfigured, reminders: await deps.store.listReminders(collaborative.id, { limit }) };
    return c.json(body);
  });
  return app;
}
