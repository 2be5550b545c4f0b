// docs/DESIGN.md "Stable codes" lists every code of each union in the code, and nothing else: a code
// added to a union (or a status changed) fails here until the list says so.
import { readFileSync } from "node:fs";
import path from "node:path";
import { ApiErrorCode, ConflictCode, PeriodState, ReportStatus, Role, RunChartRule, SheetIssueCode, SubmissionSummary } from "../src/core/index";
import { EXCEL_ERROR_FOR_CODE } from "../src/functions/excelErrors";
import { STATUS_OF_CODE } from "../src/server/problem";

const design = readFileSync(path.join(__dirname, "../docs/DESIGN.md"), "utf8");
const section = design.slice(design.indexOf("## Stable codes"), design.indexOf("\n## ", design.indexOf("## Stable codes") + 1));
/** Each bullet of the section by the union named in its brackets: its backticked codes, the name excepted. */
const bullets = new Map(
  section
    .split(/\n- /)
    .slice(1)
    .map((bullet) => {
      const union = /\(`([^`]+)`/.exec(bullet)?.[1] ?? "";
      const text = bullet.replace(/\s*\n\s*/g, " ");
      const codes = [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]).filter((code) => code !== union);
      return [union, { codes, text }] as const;
    }),
);
const listed = (union: string): string[] => [...(bullets.get(union)?.codes ?? [])].sort();
const sorted = (codes: readonly string[]): string[] => [...codes].sort();

test("the section has one bullet per union, each naming its union", () => {
  expect([...bullets.keys()]).toEqual(["ConflictCode", "SheetIssueCode", "ApiErrorCode", "CoreErrorCode", "SubmissionSummary.status", "ReportStatus", "PeriodState.state", "RunChartRule", "Role"]);
});

test("conflict codes and sheet issue codes (the sheet's own beyond the conflicts)", () => {
  expect(listed("ConflictCode")).toEqual(sorted(ConflictCode.options));
  const conflicts = new Set<string>(ConflictCode.options);
  expect(listed("SheetIssueCode")).toEqual(sorted(SheetIssueCode.options.filter((code) => !conflicts.has(code))));
});

test("HTTP error codes, each with its status", () => {
  expect(listed("ApiErrorCode")).toEqual(sorted(ApiErrorCode.options));
  const text = bullets.get("ApiErrorCode")?.text ?? "";
  const statuses = Object.fromEntries([...text.matchAll(/`([A-Z_]+)` (\d{3})/g)].map((m) => [m[1], Number(m[2])]));
  expect(statuses).toEqual({ ...STATUS_OF_CODE });
});

test("CoreError codes (every one is mapped to an Excel error, so the map's keys are the union)", () => {
  expect(listed("CoreErrorCode")).toEqual(sorted(Object.keys(EXCEL_ERROR_FOR_CODE)));
});

test("the values of the contract's status fields, run-chart rules and roles", () => {
  expect(listed("SubmissionSummary.status")).toEqual(sorted(SubmissionSummary.shape.status.options));
  expect(listed("ReportStatus")).toEqual(sorted(ReportStatus.options));
  expect(listed("PeriodState.state")).toEqual(sorted(PeriodState.shape.state.options));
  expect(listed("RunChartRule")).toEqual(sorted(RunChartRule.options));
  expect(listed("Role")).toEqual(sorted(Role.options));
});
