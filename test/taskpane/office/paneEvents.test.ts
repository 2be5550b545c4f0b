// Office.addin.onVisibilityModeChanged (SharedRuntime 1.1) calls its handler with a
// VisibilityModeChangedMessage whose visibilityMode is Office.VisibilityMode.taskpane ("Taskpane") when
// the pane is shown and .hidden ("Hidden") when it is hidden, and resolves to a function that removes
// the handler (@types/office-js: Office.Addin.onVisibilityModeChanged, Office.VisibilityMode;
// https://learn.microsoft.com/javascript/api/office/office.visibilitymode). A fake source stands in.
import { officePaneEvents, paneEventsFrom, type VisibilitySource } from "../../../src/taskpane/office/paneEvents";
import { watchOfficeTheme } from "../../../src/taskpane/office/environment";

function fakeAddin(): VisibilitySource & { emit(mode: string): void; registered: number } {
  const handlers: ((message: { visibilityMode: string }) => void)[] = [];
  return {
    registered: 0,
    async onVisibilityModeChanged(handler) {
      handlers.push(handler);
      this.registered += 1;
      return async () => undefined;
    },
    emit(mode) {
      for (const handler of handlers) handler({ visibilityMode: mode });
    },
  };
}

afterEach(() => {
  delete (globalThis as { Office?: unknown }).Office;
});

describe("paneEventsFrom(Office.addin)", () => {
  it("calls listeners when the pane is shown (Taskpane), not when it is hidden, and registers one handler", () => {
    const addin = fakeAddin();
    const events = paneEventsFrom(addin);
    const shown: string[] = [];
    const stopA = events.onShown(() => shown.push("a"));
    events.onShown(() => shown.push("b"));
    addin.emit("Hidden");
    expect(shown).toEqual([]);
    addin.emit("Taskpane");
    expect(shown).toEqual(["a", "b"]);
    stopA();
    addin.emit("Taskpane");
    expect(shown).toEqual(["a", "b", "b"]);
    expect(addin.registered).toBe(1);
  });

  it("gives events that never fire when the registration fails", async () => {
    const events = paneEventsFrom({ onVisibilityModeChanged: () => Promise.reject(new Error("not supported")) });
    const stop = events.onShown(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 0));
    stop();
  });
});

describe("officePaneEvents()", () => {
  it("is null outside Office and where the host lacks SharedRuntime 1.1", () => {
    expect(officePaneEvents()).toBeNull();
    (globalThis as { Office?: unknown }).Office = { context: { requirements: { isSetSupported: () => false } }, addin: fakeAddin() };
    expect(officePaneEvents()).toBeNull();
  });

  it("listens on Office.addin where SharedRuntime 1.1 is supported", () => {
    const addin = fakeAddin();
    const asked: string[] = [];
    (globalThis as { Office?: unknown }).Office = {
      context: { requirements: { isSetSupported: (set: string, version: string) => asked.push(`${set} ${version}`) > 0 } },
      addin,
    };
    const events = officePaneEvents();
    let shown = 0;
    events?.onShown(() => (shown += 1));
    addin.emit("Taskpane");
    expect(shown).toBe(1);
    expect(asked).toEqual(["SharedRuntime 1.1"]);
  });
});

// Office.context.officeTheme (@types/office-js: Office.Context.officeTheme, Office.OfficeTheme.isDarkTheme)
// is read again when the pane is shown: the runtime, and the theme read at boot, outlive a closed pane.
describe("watchOfficeTheme(paneEvents, onTheme)", () => {
  it("reads Office's theme again each time the pane is shown", () => {
    const addin = fakeAddin();
    const officeTheme = { isDarkTheme: false };
    (globalThis as { Office?: unknown }).Office = { context: { officeTheme } };
    const kinds: (string | null)[] = [];
    const stop = watchOfficeTheme(paneEventsFrom(addin), (kind) => kinds.push(kind));
    addin.emit("Taskpane");
    officeTheme.isDarkTheme = true;
    addin.emit("Taskpane");
    stop();
    addin.emit("Taskpane");
    expect(kinds).toEqual(["light", "dark"]);
    expect(watchOfficeTheme(null, () => kinds.push("never"))()).toBeUndefined();
  });
});
