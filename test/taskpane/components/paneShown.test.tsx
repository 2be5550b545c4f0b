/** @jest-environment jsdom */
// The shared runtime outlives the pane: with lifetime="long" the page is not reloaded when the pane
// reopens, and Office.addin.onVisibilityModeChanged reports { visibilityMode: "Taskpane" } when it is
// shown again (https://learn.microsoft.com/javascript/api/office/office.addin,
// https://learn.microsoft.com/javascript/api/office/office.visibilitymode; SharedRuntime 1.1). The pane
// gets those events as a PaneEvents service; here a fake event source stands in for Office.
import "@testing-library/jest-dom";
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { PaneEvents } from "../../../src/taskpane/office/paneEvents";
import { forgetToken, saveToken } from "../../../src/taskpane/storage/connection";
import { memoryStore } from "../../../src/taskpane/storage/keyValueStore";
import { keyValueOutboxStore, type QueuedReport } from "../../../src/taskpane/storage/outboxStore";
import { collaborative, STORE, TOKEN } from "../support/fixtures";
import { renderApp } from "../support/renderApp";
import { fakeHost, rateSheet } from "../support/workbooks";

/** A PaneEvents the test fires by hand. */
function fakePaneEvents(): PaneEvents & { show(): void; listeners: number } {
  const listeners = new Set<() => void>();
  return {
    onShown(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    show() {
      for (const listener of [...listeners]) listener();
    },
    get listeners() {
      return listeners.size;
    },
  };
}

async function connectedPane() {
  const storage = memoryStore();
  await saveToken(storage, STORE, TOKEN);
  const fake = fakeHost({ "CLABSI rate": rateSheet() });
  const paneEvents = fakePaneEvents();
  const view = await renderApp({ storage, host: fake.host, paneEvents });
  const user = userEvent.setup();
  await screen.findByRole("tab", { name: "Validate", selected: true });
  return { ...view, ...fake, paneEvents, user };
}

describe("the pane shown again by Office (shared runtime, not reloaded)", () => {
  it("lists sheets added while the pane was closed, and keeps the tab the user was on", async () => {
    const { user, workbook, paneEvents } = await connectedPane();
    await user.click(screen.getByRole("tab", { name: "Sheets" }));
    const combo = () => within(screen.getByRole("listitem", { name: "Falls" })).getByRole("combobox", { name: "Sheet for Falls" });
    expect(within(combo()).queryByRole("option", { name: "Falls log" })).not.toBeInTheDocument();

    workbook.sheets["Falls log"] = [["Month", "Count"], ["2026-01", 2]];
    act(() => paneEvents.show());
    expect(await within(combo()).findByRole("option", { name: "Falls log" })).toBeInTheDocument();
    expect(screen.getByRole("tab", { name: "Sheets" })).toHaveAttribute("aria-selected", "true");
  });

  it("sends a report another workbook queued in the shared storage meanwhile", async () => {
    const { store, storage, paneEvents } = await connectedPane();
    const queued: QueuedReport = {
      idempotencyKey: "from-the-other-workbook",
      storeUrl: STORE,
      collaborativeId: collaborative.id,
      teamId: "riverside",
      reportingMonth: "2026-04",
      body: { reportingMonth: "2026-04", points: [] },
      queuedAt: "2026-05-10T08:00:00.000Z",
      attempts: 1,
      nextAttemptAt: null,
      lastError: "The data store could not be reached.",
    };
    await keyValueOutboxStore(storage).put(queued);
    expect(store.revisions).toHaveLength(0);

    act(() => paneEvents.show());
    await waitFor(() => expect(store.revisions.map((r) => r.key)).toEqual(["from-the-other-workbook"]));
    expect(await keyValueOutboxStore(storage).list()).toEqual([]);
  });

  it("checks the connection again: a token forgotten meanwhile sends the pane back to Connect", async () => {
    const { storage, store, paneEvents } = await connectedPane();
    const meCalls = () => store.calls.filter((c) => c.url.endsWith("/api/v1/me")).length;
    expect(meCalls()).toBe(1);
    act(() => paneEvents.show());
    await waitFor(() => expect(meCalls()).toBe(2)); // the saved token is checked against /me again
    expect(screen.getByRole("tab", { name: "Validate" })).toHaveAttribute("aria-selected", "true");

    await forgetToken(storage, STORE);
    act(() => paneEvents.show());
    expect(await screen.findByRole("tab", { name: "Connect", selected: true })).toBeInTheDocument();
    expect(screen.getByRole("tab", { name: "Validate" })).toBeDisabled();
  });

  it("stops listening when the pane unmounts", async () => {
    const { unmount, paneEvents } = await connectedPane();
    expect(paneEvents.listeners).toBe(1);
    unmount();
    expect(paneEvents.listeners).toBe(0);
  });
});
