// The submission reducer on its own: each outcome of a dry run or a submission is one action, and
// the three pieces of state (dry run, submit step, prepared report) move together.
import { INITIAL_SUBMISSION, submissionReducer, type SubmissionState } from "../../../src/taskpane/hooks/useSubmission";
import type { WorkbookCheck } from "../../../src/taskpane/workbook/checkWorkbook";
import { summary } from "../support/fixtures";

const prepared = { reportingMonth: "2026-04" } as unknown as WorkbookCheck;
const dryRunSummary = summary({ status: "dry_run", revision: null, submissionId: null, receivedAt: null });

function after(...actions: Parameters<typeof submissionReducer>[1][]): SubmissionState {
  return actions.reduce(submissionReducer, INITIAL_SUBMISSION);
}

describe("submissionReducer(state, action)", () => {
  it("dryRunStarted forgets the prepared report until the dry run answers", () => {
    const state = after({ type: "dryRunAnswered", summary: dryRunSummary, issues: [], prepared }, { type: "dryRunStarted" });
    expect(state.prepared).toBeNull();
    expect(state.dryRun.running).toBe(true);
  });

  it("dryRunFailed keeps a report to queue only when given one (offline), with the error", () => {
    expect(after({ type: "dryRunStarted" }, { type: "dryRunFailed", issues: [], error: "offline", prepared }).prepared).toBe(prepared);
    const refused = after({ type: "dryRunStarted" }, { type: "dryRunFailed", issues: [], error: "locked", prepared: null });
    expect(refused.prepared).toBeNull();
    expect(refused.dryRun).toEqual({ running: false, summary: null, issues: [], error: "locked" });
  });

  it("sent shows the receipt and clears the dry run's 'if you submit now'", () => {
    const sent = summary();
    const state = after(
      { type: "dryRunAnswered", summary: dryRunSummary, issues: [], prepared },
      { type: "submitStarted" },
      { type: "sent", summary: sent, issues: [], key: "key-1" },
    );
    expect(state.submit).toEqual({ running: false, summary: sent, issues: [], error: null, queued: false, key: "key-1" });
    expect(state.dryRun.summary).toBeNull();
    expect(state.prepared).toBe(prepared);
  });

  it("queued then queuedSent keeps the key and shows the receipt", () => {
    const sent = summary();
    const queued = after({ type: "submitStarted" }, { type: "queued", error: "offline", key: "key-2" });
    expect(queued.submit).toMatchObject({ queued: true, key: "key-2", error: "offline" });
    const state = submissionReducer(queued, { type: "queuedSent", summary: sent });
    expect(state.submit).toEqual({ running: false, summary: sent, issues: [], error: null, queued: false, key: "key-2" });
  });

  it("reset returns to the initial state (on disconnecting)", () => {
    expect(after({ type: "submitStarted" }, { type: "queued", error: "offline", key: "k" }, { type: "reset" })).toEqual(INITIAL_SUBMISSION);
  });
});
