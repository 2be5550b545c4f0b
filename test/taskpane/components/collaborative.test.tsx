/** @jest-environment jsdom */
// The Collaborative tab: per sharing mode, what the pane shows of the other teams is exactly what the
// data store sent (named: names; blinded: letters; aggregate: the team's own chart and the pool, no
// other team's narrative), and the tab in the whole pane asks the store for the chosen measure.
import "@testing-library/jest-dom";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import type { SharingMode } from "../../../src/core/index";
import { CollaborativePanel, SHARING_TEXT } from "../../../src/taskpane/components/CollaborativePanel";
import { saveToken } from "../../../src/taskpane/storage/connection";
import { memoryStore } from "../../../src/taskpane/storage/keyValueStore";
import { collaborative, FakeStore, STORE, TOKEN } from "../support/fixtures";
import { renderApp } from "../support/renderApp";
import { sharedViews } from "../support/sharedViews";

function panel(sharing: SharingMode, overrides: Partial<Parameters<typeof CollaborativePanel>[0]> = {}) {
  const { charts, learning } = sharedViews(sharing);
  return render(
    <FluentProvider theme={webLightTheme}>
      <CollaborativePanel
        sharing={sharing}
        measures={collaborative.measures}
        measureId="bundle"
        onMeasureChange={() => undefined}
        charts={charts}
        learning={learning}
        loading={false}
        error={null}
        onRefresh={() => undefined}
        {...overrides}
      />
    </FluentProvider>,
  );
}

const chartNames = () => within(screen.getByRole("region", { name: "Run charts" })).getAllByRole("listitem").map((li) => li.getAttribute("aria-label"));
const narrativeNames = () => within(screen.getByRole("region", { name: "What other teams tested and learned" })).queryAllByRole("listitem").map((li) => li.getAttribute("aria-label"));

describe("CollaborativePanel, per sharing mode", () => {
  it("named: says so; the pool, the team's own chart first, then the other teams by name, each an accessible chart; their narratives by name", () => {
    panel("named");
    expect(screen.getByText(SHARING_TEXT.named)).toBeInTheDocument();
    expect(chartNames()).toEqual(["The collaborative (pooled)", "Riverside Clinic (your team)", "Harbour Hospital", "Lakeside Clinic"]);
    expect(screen.getByRole("img", { name: "Harbour Hospital run chart of Bundle compliance" })).toBeInTheDocument();
    expect(narrativeNames()).toEqual(["Harbour Hospital, April 2026", "Lakeside Clinic, March 2026"]);
    expect(screen.getByText("Dressing change cart on every ward")).toBeInTheDocument();
    expect(screen.getByText("Night shift needs its own huddle")).toBeInTheDocument();
  });

  it("blinded: letters for the other teams in charts and narratives, and no other team's name anywhere", () => {
    const { container } = panel("blinded");
    expect(screen.getByText(SHARING_TEXT.blinded)).toBeInTheDocument();
    expect(chartNames()).toEqual(["The collaborative (pooled)", "Riverside Clinic (your team)", "Team A", "Team C"]);
    expect(narrativeNames()).toEqual(["Team A, April 2026", "Team C, March 2026"]);
    expect(container.textContent).not.toMatch(/Harbour|Lakeside/);
  });

  it("aggregate: the team's own chart and the pool (its withheld months said), no other team's chart or narrative, the % at 4+ withheld", () => {
    const { container } = panel("aggregate");
    expect(screen.getByText(SHARING_TEXT.aggregate)).toBeInTheDocument();
    expect(chartNames()).toEqual(["The collaborative (pooled)", "Riverside Clinic (your team)"]);
    expect(screen.getByText(/4 months are withheld: fewer than 3 other teams reported/)).toBeInTheDocument();
    expect(narrativeNames()).toEqual([]);
    expect(screen.getByText(/other teams' narratives are not shown/)).toBeInTheDocument();
    const scores = screen.getByRole("region", { name: "Teams at 4 or above" });
    expect(within(scores).getAllByText("withheld: fewer than 3 other teams scored")).toHaveLength(4);
    expect(container.textContent).not.toMatch(/Harbour|Lakeside|Team A|Team C/);
  });

  it("aggregate: a narrative that reached the pane by mistake is still not shown (the mode, not the list, decides)", () => {
    const { learning } = sharedViews("named");
    panel("aggregate", { learning: { ...learning, sharing: "aggregate" } });
    expect(narrativeNames()).toEqual([]);
    expect(screen.queryByText("Dressing change cart on every ward")).not.toBeInTheDocument();
  });

  it("the % at 4+ newest month first, with its counts; a month without scores says so", () => {
    panel("named");
    const rows = within(screen.getByRole("region", { name: "Teams at 4 or above" })).getAllByRole("listitem").map((li) => li.textContent);
    expect(rows).toEqual(["April 2026" + "67% (2 of 3 scored teams)", "March 2026" + "33% (1 of 3 scored teams)", "February 2026" + "0% (0 of 3 scored teams)", "January 2026" + "no scores yet"]);
  });

  it("shows the data store's error, and Refresh asks again", async () => {
    const refresh = jest.fn();
    panel("named", { error: "The data store could not be reached.", onRefresh: refresh });
    expect(screen.getByText("The data store could not be reached.")).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole("button", { name: "Refresh" }));
    expect(refresh).toHaveBeenCalledTimes(1);
  });
});

describe("the Collaborative tab in the pane", () => {
  it("asks the store for the first measure's run charts and the learning when opened, and again for the measure chosen", async () => {
    const store = new FakeStore();
    store.shared = sharedViews("blinded");
    const storage = memoryStore();
    await saveToken(storage, STORE, TOKEN);
    await renderApp({ storage, store });
    const user = userEvent.setup();
    const tab = await screen.findByRole("tab", { name: "Collaborative" });
    expect(store.calls.some((c) => c.url.includes("/learning"))).toBe(false); // nothing asked while the tab is closed
    await user.click(tab);
    expect(await screen.findByRole("region", { name: "Run charts" })).toBeInTheDocument();
    // the mode the server states wins: the fixture collaborative is named, the answer blinded
    expect(screen.getByText(SHARING_TEXT.blinded)).toBeInTheDocument();
    expect(store.calls.map((c) => c.url).filter((u) => /runcharts|learning/.test(u))).toEqual([
      `${STORE}/api/v1/collaboratives/${collaborative.id}/runcharts?measureId=bundle`,
      `${STORE}/api/v1/collaboratives/${collaborative.id}/learning`,
    ]);
    await user.selectOptions(screen.getByRole("combobox", { name: "Measure" }), "clabsi-rate");
    await waitFor(() => expect(store.calls.some((c) => c.url.endsWith("/runcharts?measureId=clabsi-rate"))).toBe(true));
  });
});
