// Field errors of the admin forms: one message per field, keyed by the field's path in the request
// body ("name", "measures.0.goal", "contacts.1.email"). The same keys come from the client-side zod
// check with core's schemas (issues) and from the server's 422 (its conflicts carry the body path),
// so a message lands on the field it is about whichever side found it.
import type * as z from "zod";
import { ApiFailure } from "../../web/api/index";

export type FieldErrors = Record<string, string>;

/** "measures.0.goal" for ["measures", 0, "goal"]; "" for the whole body. */
export function pathKey(path: readonly PropertyKey[]): string {
  return path.map(String).join(".");
}

/** zod's wording made plain for a form: a missing or non-number value says what to type. */
export function plainMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type") {
    if (issue.expected === "number") return "enter a number, e.g. 15";
    return "required";
  }
  if (issue.code === "invalid_union") {
    // one of several forms (e.g. a date or a date and time): the last alternative's words, the plainest
    const last = issue.errors[issue.errors.length - 1]?.[0];
    return last ? plainMessage(last) : issue.message;
  }
  if (issue.code === "invalid_value") return `choose one of: ${issue.values.map(String).join(", ")}`;
  if (issue.code === "unrecognized_keys") return `unknown field${issue.keys.length === 1 ? "" : "s"} ${issue.keys.map((k) => `"${k}"`).join(", ")}: remove ${issue.keys.length === 1 ? "it" : "them"}`;
  return issue.message;
}

/** The first message per field of zod's issues (client-side validation). */
export function issuesToFieldErrors(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const k = pathKey([...prefix, ...issue.path, key]);
        out[k] ??= `unknown field "${key}": remove it`;
      }
      continue;
    }
    const k = pathKey([...prefix, ...issue.path]);
    out[k] ??= plainMessage(issue);
  }
  return out;
}

/** Every issue as "path: message", for an imported file whose fields are not all on the form. */
export function issueLines(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const where = issue.code === "unrecognized_keys" ? pathKey([...issue.path, ...issue.keys.slice(0, 1)]) : pathKey(issue.path);
    return `${where === "" ? "(the whole file)" : where}: ${plainMessage(issue)}`;
  });
}

/**
 * A failed request as field errors and one sentence: a 422's conflicts land on their fields (a
 * `prefix` path is taken off first, e.g. the server's "contacts" when the form is the contact rows);
 * the sentence is the server's message (a 409 says why, e.g. "retire the measure instead").
 */
export function failureToErrors(error: unknown): { fields: FieldErrors; message: string } {
  if (!(error instanceof ApiFailure)) return { fields: {}, message: error instanceof Error ? error.message : String(error) };
  const fields: FieldErrors = {};
  for (const conflict of error.conflicts) {
    const k = pathKey(conflict.path);
    fields[k] ??= conflict.message;
  }
  return { fields, message: error.message };
}

/** The props Fluent's Field takes to show a field's error: state and message, or none. */
export function fieldState(errors: FieldErrors, key: string): { validationState: "error" | "none"; validationMessage: string | null } {
  const message = errors[key];
  return message ? { validationState: "error", validationMessage: message } : { validationState: "none", validationMessage: null };
}

/** The errors without the one for `key` (a field the user just changed). */
export function withoutKey(errors: FieldErrors, key: string): FieldErrors {
  if (!(key in errors)) return errors;
  const { [key]: _gone, ...rest } = errors;
  return rest;
}

/** A file's text (FileReader: every browser, and jsdom in the tests). */
export function readFileText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error("the file could not be read"));
    reader.readAsText(file);
  });
}

/** A number field's text as the schema's value: blank is absent, anything else is a number (NaN is refused by the schema). */
export function numberOrAbsent(text: string): number | undefined {
  const t = text.trim();
  if (t === "") return undefined;
  const n = Number(t.replace(/,/g, ""));
  return Number.isFinite(n) ? n : Number.NaN;
}
