// The request bodies of the admin API: validated with their core schema through jsonBody, in the
// problem format of the rest of the API (422 VALIDATION, one conflict per field with its path), so
// the admin pages show each message on its field and a script reads the same.

import type * as z from "zod";
import { ApiProblem } from "../problem";
import { jsonBody } from "../validation";

/** Why an unknown field of an admin body is refused: a misspelt setting would otherwise be dropped silently. */
export const ADMIN_UNKNOWN_FIELD = "no such field here (a misspelling?): see /api/v1/openapi.json for the fields";

/** A JSON body of the admin API, validated with its core schema (422 naming each field, 400 for a body that is not JSON). */
export function adminBody<S extends z.ZodType>(schema: S, what: string) {
  return jsonBody(schema, what, { unknownField: ADMIN_UNKNOWN_FIELD });
}

/** 422 VALIDATION for one field whose value the schema allows but the stored state does not (an unknown team, an id that may not change). */
export function fieldProblem(field: string, message: string): ApiProblem {
  return new ApiProblem("VALIDATION", `${field}: ${message}`, { conflicts: [{ path: [field], measureId: null, period: null, code: "SCHEMA", message, severity: "error" }] });
}
