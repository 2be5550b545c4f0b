// What each scenario found, and the suite's one last line: `N sent, N stored, 0 lost, 0 duplicated,
// 0 server errors`. The run passes only when every report sent is stored exactly once, no answer was
// a 5xx other than the documented 503, and no scenario found a problem.

import type { Audit } from "./storeAudit";
import type { Ledger } from "./load";

export type ScenarioResult = {
  name: string;
  /** a property-based test: no load of its own (its 5xx still count as server errors) */
  property?: boolean;
  engine: string;
  sent: number;
  stored: number;
  lost: number;
  duplicated: number;
  /** 5xx answers other than 503 */
  serverErrors: number;
  /** 503 answers (retried, as documented) */
  unavailable: number;
  /** attempts without an HTTP answer (the server was killed) */
  networkErrors: number;
  problems: string[];
  seconds: number;
};

/** A scenario's result from its load's ledger and the audit of its store. */
export function resultOf(name: string, engine: string, ledger: Ledger | null, audit: Audit | null, startedAt: number, problems: string[] = []): ScenarioResult {
  const answers = (ledger?.sent ?? []).flatMap((s) => (s.answer ? [s.answer] : []));
  const serverErrorBodies = answers.flatMap((a) => a.serverErrorBodies);
  return {
    name,
    engine,
    sent: audit?.sent ?? 0,
    stored: audit?.stored ?? 0,
    lost: audit?.lost ?? 0,
    duplicated: audit?.duplicated ?? 0,
    serverErrors: answers.reduce((n, a) => n + a.serverErrors, 0),
    unavailable: answers.reduce((n, a) => n + a.unavailable, 0),
    networkErrors: answers.reduce((n, a) => n + a.networkErrors, 0),
    problems: [...(audit?.problems ?? []), ...problems, ...(serverErrorBodies.length > 0 ? [`server errors: ${serverErrorBodies.slice(0, 3).join(" | ")}`] : [])],
    seconds: (Date.now() - startedAt) / 1000,
  };
}

export function passed(r: ScenarioResult): boolean {
  return r.sent === r.stored && r.lost === 0 && r.duplicated === 0 && r.serverErrors === 0 && r.problems.length === 0;
}

/** One line per scenario. */
export function describeResult(r: ScenarioResult): string {
  if (r.property) return `${passed(r) ? "ok  " : "FAIL"} ${r.engine.padEnd(8)} ${r.name}: ${r.serverErrors} server errors, ${r.problems.length === 0 ? "held" : "FAILED"} (${r.seconds.toFixed(1)} s)`;
  const extra = `${r.networkErrors} network errors and ${r.unavailable} 503s retried, ${r.seconds.toFixed(1)} s`;
  return `${passed(r) ? "ok  " : "FAIL"} ${r.engine.padEnd(8)} ${r.name}: ${r.sent} sent, ${r.stored} stored, ${r.lost} lost, ${r.duplicated} duplicated, ${r.serverErrors} server errors (${extra})`;
}

/** The last line, over every scenario. */
export function summaryLine(results: readonly ScenarioResult[]): string {
  const sum = (f: (r: ScenarioResult) => number) => results.reduce((n, r) => n + f(r), 0);
  return `${sum((r) => r.sent)} sent, ${sum((r) => r.stored)} stored, ${sum((r) => r.lost)} lost, ${sum((r) => r.duplicated)} duplicated, ${sum((r) => r.serverErrors)} server errors`;
}
