/** @jest-environment jsdom */
import "@testing-library/jest-dom";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { TeamStatus } from "../../../src/core/index";
import { OutboxBanner } from "../../../src/taskpane/components/OutboxBanner";
import { countsText } from "../../../src/taskpane/components/SubmitPanel";
import { saveToken } from "../../../src/taskpane/storage/connection";
import { memoryStore } from "../../../src/taskpane/storage/keyValueStore";
import type { QueuedReport } from "../../../src/taskpane/storage/outboxStore";
import { FakeStore, STORE, TOKEN, summary } from "../support/fixtures";
import { renderApp } from "../support/renderApp";
import { bundleSheetWithErrors, fakeHost, fixedPdsaLog, rateSheet } from "../support/workbooks";

async function submitPane(store?: FakeStore) {
  const storage = memoryStore();
  await saveToken(storage, STORE, TOKEN);
  const fake = fakeHost({ "Bundle compliance": bundleSheetWithErrors(), "CLABSI rate": rateSheet() });
  const view = await renderApp({ storage, host: fake.host, ...(store ? { store } : {}) });
  const user = userEvent.setup();
  await user.click(await screen.findByRole("tab", { name: "Submit" }));
  return { ...view, ...fake, user };
}

describe("Submit", () => {
  it("countsText() reads like a sentence", () => {
    expect(countsText({ created: 3, updated: 2, unchanged: 40, rejected: 1 })).toBe("3 new points, 2 changed, 40 unchanged, 1 rejected");
    expect(countsText({ created: 1, updated: 0, unchanged: 0, rejected: 0 })).toBe("1 new point, 0 changed, 0 unchanged, 0 rejected");
    expect(countsText({ created: 0, updated: 0, unchanged: 5, rejected: 0 }, { created: 2, updated: 1, unchanged: 0, rejected: 0 })).toBe(
      "0 new points, 0 changed, 5 unchanged, 0 rejected · PDSA cycles: 2 new, 1 changed, 0 unchanged, 0 rejected",
    );
  });

  it("sends the PDSA log's cycles with the report, and the dry run says what they would do", async () => {
    const storage = memoryStore();
    await saveToken(storage, STORE, TOKEN);
    const fake = fakeHost({ "Bundle compliance": bundleSheetWithErrors(), "CLABSI rate": rateSheet(), "PDSA tracker": fixedPdsaLog() });
    const { store } = await renderApp({ storage, host: fake.host });
    const user = userEvent.setup();
    await user.click(await screen.findByRole("tab", { name: "Submit" }));
    store.dryRunAnswer = summary({ status: "dry_run", counts: { created: 4, updated: 0, unchanged: 0, rejected: 0 }, cycles: { created: 4, updated: 0, unchanged: 0, rejected: 0 }, conflicts: [], revision: null, submissionId: null, receivedAt: null });
    await user.click(screen.getByRole("button", { name: "Check with the data store" }));
    expect(await screen.findByText("4 new points, 0 changed, 0 unchanged, 0 rejected · PDSA cycles: 4 new, 0 changed, 0 unchanged, 0 rejected")).toBeInTheDocument();
    const sent = store.calls.find((c) => c.url.includes("dryRun=true"))?.body as { cycles?: { cycleId: string }[] };
    expect(sent.cycles?.map((c) => c.cycleId)).toEqual(["1", "1b", "2", "3"]);
    // the log was found by its name ("PDSA tracker") and each Create-sheet chart would be labelled; these are hand-built, so none is
    expect(fake.workbook.reads["PDSA tracker"]).toBeGreaterThan(0);
  });

  it("shows this month's status and due date", async () => {
    await submitPane();
    const status = await screen.findByRole("group", { name: "This month's status" });
    expect(status).toHaveTextContent("April 2026 report");
    expect(status).toHaveTextContent("Not due yet");
    expect(status).toHaveTextContent("Due 15 May 2026");
    expect(within(status).queryByRole("group", { name: "Months missing or late" })).toBeNull(); // an older server: no backlog
  });

  it("lists the months still missing (locked ones flagged) and the months sent late since the team joined", async () => {
    const store = new FakeStore();
    store.status = TeamStatus.parse({
      ...store.status,
      backlog: {
        joinMonth: "2026-01",
        missing: [
          { period: "2026-01", dueDate: "2026-02-15", locked: true },
          { period: "2026-03", dueDate: "2026-04-15", locked: false },
        ],
        late: [{ period: "2026-02", dueDate: "2026-03-15", firstReceivedAt: "2026-03-20T09:00:00.000Z" }],
      },
    });
    await submitPane(store);
    const status = await screen.findByRole("group", { name: "This month's status" });
    const backlog = within(status).getByRole("group", { name: "Months missing or late" });
    expect(backlog).toHaveTextContent("Still missing since January 2026: 2 months");
    expect(within(backlog).getByRole("list", { name: "Months still missing" }).textContent).toBe(
      "January 2026: was due 15 February 2026 · locked: ask your collaborative's admin to reopen itMarch 2026: was due 15 April 2026",
    );
    expect(within(within(backlog).getByRole("list", { name: "Months sent late" })).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "February 2026: due 15 March 2026, received 20 March 2026",
    ]);
  });

  it("says every month is reported on time when nothing is missing or late", async () => {
    const store = new FakeStore();
    store.status = TeamStatus.parse({ ...store.status, backlog: { joinMonth: "2026-02", missing: [], late: [] } });
    await submitPane(store);
    expect(await screen.findByText("Every month since February 2026 is reported on time.")).toBeInTheDocument();
  });

  it("a dry run says what would happen and marks the server's conflicts on their cells; Submit then gives a receipt", async () => {
    const { store, user, workbook } = await submitPane();
    store.dryRunAnswer = summary({
      status: "dry_run",
      counts: { created: 3, updated: 2, unchanged: 40, rejected: 1 },
      conflicts: [{ path: ["points", 0, "numerator"], measureId: "bundle", period: "2026-01", code: "PERIOD_LOCKED", message: "2026-01 is locked", severity: "error" }],
      revision: null,
      submissionId: null,
      receivedAt: null,
    });
    expect(screen.getByRole("button", { name: "Submit April 2026 report" })).toBeDisabled();
    await user.click(screen.getByRole("button", { name: "Check with the data store" }));
    expect(await screen.findByText("3 new points, 2 changed, 40 unchanged, 1 rejected")).toBeInTheDocument();
    const conflicts = screen.getByRole("region", { name: "Conflicts from the data store" });
    expect(within(conflicts).getByRole("button", { name: /B2.*2026-01 is locked/ })).toBeInTheDocument();
    expect(workbook.marks).toContainEqual(expect.objectContaining({ sheetName: "Bundle compliance", address: "B2" }));

    await user.click(screen.getByRole("button", { name: "Submit April 2026 report" }));
    expect(await screen.findByText("Received: revision 1")).toBeInTheDocument();
    expect(store.revisions).toHaveLength(1);
    expect(await screen.findByText(/Latest: revision 1/)).toBeInTheDocument();
  });

  it("keeps a report the network dropped, shows it waiting, and Retry now sends it once with the same key", async () => {
    const { store, user, outbox } = await submitPane();
    await user.click(screen.getByRole("button", { name: "Check with the data store" }));
    await screen.findByText(/new points?, /);
    store.failNext(1, "network");
    await user.click(screen.getByRole("button", { name: "Submit April 2026 report" }));
    expect(await screen.findByText("1 report waiting to send")).toBeInTheDocument();
    expect(screen.getByText("Saved, waiting to send")).toBeInTheDocument();
    expect(outbox.snapshot().entries).toHaveLength(1);

    await user.click(screen.getByRole("button", { name: "Retry now" }));
    expect(await screen.findByText("Received: revision 1")).toBeInTheDocument();
    expect(screen.queryByText("1 report waiting to send")).toBeNull();
    const keys = store.calls.filter((c) => c.key !== null).map((c) => c.key);
    expect(keys).toEqual(["key-1", "key-1"]);
    expect(store.revisions).toHaveLength(1);
  });

  it("lets a report be queued when the dry run could not reach the store", async () => {
    const { store, user } = await submitPane();
    store.failNext(1, "network");
    await user.click(screen.getByRole("button", { name: "Check with the data store" }));
    expect(await screen.findByText(/could not be reached/)).toBeInTheDocument();
    store.failNext(1, "network");
    await user.click(screen.getByRole("button", { name: "Submit April 2026 report" }));
    expect(await screen.findByText("1 report waiting to send")).toBeInTheDocument();
  });
});

describe("OutboxBanner", () => {
  const entry: QueuedReport = {
    idempotencyKey: "k",
    storeUrl: STORE,
    collaborativeId: "c",
    teamId: "t",
    reportingMonth: "2026-04",
    body: { reportingMonth: "2026-04", points: [] },
    queuedAt: "2026-05-10T09:00:00.000Z",
    attempts: 1,
    nextAttemptAt: "2026-05-10T09:00:05.000Z",
    lastError: "The data store could not be reached. Check your connection; nothing is lost.",
  };

  it("says how many reports wait and offers Retry now", async () => {
    let retried = 0;
    const { rerender } = render(
      <FluentProvider theme={webLightTheme}>
        <OutboxBanner entries={[entry, { ...entry, idempotencyKey: "k2", reportingMonth: "2026-03" }]} sending={false} onRetry={() => retried++} />
      </FluentProvider>,
    );
    expect(screen.getByText("2 reports waiting to send")).toBeInTheDocument();
    expect(screen.getByText(/April 2026, March 2026/)).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole("button", { name: "Retry now" }));
    expect(retried).toBe(1);
    rerender(
      <FluentProvider theme={webLightTheme}>
        <OutboxBanner entries={[]} sending={false} onRetry={() => retried++} />
      </FluentProvider>,
    );
    expect(screen.queryByText(/waiting to send/)).toBeNull();
  });
});
