// Setting a collaborative up (admin): create one (a form or an imported definition file), change its
// settings, and keep its measure set: add, edit or retire, reorder, delete one that has no data.
// Every answer is the collaborative's definition as stored, so a page redraws from it. An admin token
// bound to a collaborative may change only that one, and may not create collaboratives (that takes a
// global admin token, which a bound one could otherwise mint for itself through a new collaborative).

import { Hono } from "hono";
import * as z from "zod";
import { CollaborativeDefinition, CollaborativeSettingsPatch, MeasureDefinition, MeasureOrder, measureOrderProblem } from "../../core/index";
import { actorOf } from "../auth";
import { ApiProblem } from "../problem";
import { params, slugParam, validate } from "../validation";
import { ADMIN_UNKNOWN_FIELD, adminBody, fieldProblem } from "./adminBody";
import { authOf, collaborativeOf, onlyRoles, type AppContext, type AppEnv, type RouteDeps } from "./context";

const MeasureParams = z.object({ id: z.string(), measureId: z.string() });

export function adminCollaborativeRoutes(deps: RouteDeps): Hono<AppEnv> {
  const { store } = deps;
  const app = new Hono<AppEnv>();
  const admin = onlyRoles("admin");

  /** The collaborative as stored now (after a change). */
  const stored = async (id: string): Promise<CollaborativeDefinition> => {
    const record = await store.getCollaborative(id);
    if (!record) throw new ApiProblem("NOT_FOUND", `no collaborative ${id}`);
    return record.definition;
  };
  const now = () => deps.clock().toISOString();
  const actor = (c: AppContext) => actorOf(authOf(c));

  app.post("/collaboratives", deps.guard, admin, adminBody(CollaborativeDefinition, "the collaborative"), async (c) => {
    const auth = authOf(c);
    if (auth.collaborativeId !== null) {
      throw new ApiProblem("FORBIDDEN", `your admin token is bound to ${auth.collaborativeId}: creating a collaborative needs a global admin token`);
    }
    const definition = c.req.valid("json");
    await store.createCollaborative(definition, now(), actor(c));
    return c.json(await stored(definition.id), 201);
  });

  app.patch("/collaboratives/:id", deps.guard, admin, adminBody(CollaborativeSettingsPatch, "the settings"), async (c) => {
    const collaborative = await collaborativeOf(deps, c);
    const patch = c.req.valid("json");
    // the settings as they would be, checked by the same schema as a new collaborative (endMonth before startMonth is 422 on endMonth)
    validate(CollaborativeDefinition, { ...collaborative, ...patch }, "the settings", ADMIN_UNKNOWN_FIELD);
    await store.updateCollaborative(collaborative.id, patch, now(), actor(c));
    return c.json(await stored(collaborative.id));
  });

  app.post("/collaboratives/:id/measures", deps.guard, admin, adminBody(MeasureDefinition, "the measure"), async (c) => {
    const collaborative = await collaborativeOf(deps, c);
    const measure = c.req.valid("json");
    if (collaborative.measures.length >= 100) throw fieldProblem("id", "a collaborative has at most 100 measures: retire or delete one first");
    await store.addMeasure(collaborative.id, measure, now(), actor(c));
    return c.json(await stored(collaborative.id), 201);
  });

  app.put("/collaboratives/:id/measures-order", deps.guard, admin, adminBody(MeasureOrder, "the measure order"), async (c) => {
    const collaborative = await collaborativeOf(deps, c);
    const { measureIds } = c.req.valid("json");
    const problem = measureOrderProblem(
      collaborative.measures.map((m) => m.id),
      measureIds,
    );
    if (problem) throw fieldProblem("measureIds", problem);
    await store.reorderMeasures(collaborative.id, measureIds, now(), actor(c));
    return c.json(await stored(collaborative.id));
  });

  app.put("/collaboratives/:id/measures/:measureId", deps.guard, admin, params(MeasureParams), adminBody(MeasureDefinition, "the measure"), async (c) => {
    const collaborative = await collaborativeOf(deps, c);
    const measureId = slugParam(c.req.valid("param").measureId, "measure id");
    const measure = c.req.valid("json");
    if (measure.id !== measureId) throw fieldProblem("id", `a measure's id cannot change (it is the key of its data): send id ${JSON.stringify(measureId)}, or add a new measure and retire this one`);
    if (!collaborative.measures.some((m) => m.id === measureId)) throw new ApiProblem("NOT_FOUND", `no measure ${measureId} in ${collaborative.id}`);
    await store.updateMeasure(collaborative.id, measure, now(), actor(c));
    return c.json(await stored(collaborative.id));
  });

  app.delete("/collaboratives/:id/measures/:measureId", deps.guard, admin, params(MeasureParams), async (c) => {
    const collaborative = await collaborativeOf(deps, c);
    const measureId = slugParam(c.req.valid("param").measureId, "measure id");
    await store.deleteMeasure(collaborative.id, measureId, now(), actor(c));
    return c.json(await stored(collaborative.id));
  });

  return app;
}
