// The query parameters an operation takes are the ones the OpenAPI document lists for it.

import type { MiddlewareHandler } from "hono";
import { OPERATIONS } from "../openapi";
import { ApiProblem } from "../problem";
import type { AppEnv } from "../routes/context";

/**
 * 400 for a query parameter the OpenAPI document does not list for the operation: a misspelt or
 * renamed parameter (e.g. a client still sending a name the API no longer uses) would otherwise be
 * ignored silently and answer for every team or month. The document's operations are the one list.
 */
export function onlyDocumentedQuery(): MiddlewareHandler<AppEnv> {
  const table = OPERATIONS.map((op) => ({
    method: op.method.toUpperCase(),
    path: new RegExp(`^${op.path.replace(/\./g, "\\.").replace(/\{\w+\}/g, "[^/]+")}$`),
    names: (op.params ?? []).filter((p) => p.in === "query").map((p) => p.name),
  }));
  return async (c, next) => {
    const url = new URL(c.req.url);
    const op = table.find((o) => o.method === c.req.method && o.path.test(url.pathname));
    const unknown = op === undefined ? undefined : [...url.searchParams.keys()].find((name) => !op.names.includes(name));
    if (op !== undefined && unknown !== undefined) {
      const takes = op.names.length === 0 ? "it takes no query parameters" : `it takes ${op.names.join(", ")}`;
      throw new ApiProblem("BAD_REQUEST", `unknown query parameter ${JSON.stringify(unknown)} for ${c.req.method} ${url.pathname}: ${takes} (see /api/v1/openapi.json)`);
    }
    await next();
  };
}
