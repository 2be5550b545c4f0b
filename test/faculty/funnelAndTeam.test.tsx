/** @jest-environment jsdom */
// The faculty app's funnel plot and team view in jsdom over the fake data store (every answer parsed
// with core's schemas; the fake funnel's limits come from core's funnelPlot): routes by hash, the
// links from the grid and the charts, the pickers, the table beside the plot, the team's charts,
// scores and narratives. Queries by role and name.
import "@testing-library/jest-dom";
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App, type FacultyServices } from "../../src/faculty/App";
import { parseRoute, routeHref } from "../../src/faculty/routes";
import { niceTicks } from "../../src/faculty/chart/Funnel";
import { FACULTY, fakeApi } from "./fakeApi";

function renderAt(hash: string) {
  const listeners: Array<(hash: string) => void> = [];
  const state = { saved: [], faculty: [] };
  const services: FacultyServices = {
    createApi: (token) => fakeApi(token, state),
    tokens: { load: () => FACULTY, save: () => undefined, forget: () => undefined },
    wantedCollaborative: null,
    hash,
    subscribeHash: (listener) => {
      listeners.push(listener);
      return () => listeners.splice(listeners.indexOf(listener), 1);
    },
    download: () => undefined,
  };
  render(
    <FluentProvider theme={webLightTheme}>
      <App services={services} />
    </FluentProvider>,
  );
  const go = (next: string) => act(() => listeners.forEach((l) => l(next)));
  return { user: userEvent.setup(), go };
}

describe("routes", () => {
  it("parseRoute(hash) reads the dashboard, the funnel (with measure and month) and a team; anything else is the dashboard", () => {
    expect(parseRoute("")).toEqual({ view: "dashboard" });
    expect(parseRoute("#/funnel")).toEqual({ view: "funnel", measureId: null, period: null });
    expect(parseRoute("#/funnel/abx-1h/2026-02")).toEqual({ view: "funnel", measureId: "abx-1h", period: "2026-02" });
    expect(parseRoute("#/funnel/abx-1h/2026-13")).toEqual({ view: "funnel", measureId: "abx-1h", period: null });
    expect(parseRoute("#/team/alpha")).toEqual({ view: "team", teamId: "alpha" });
    expect(parseRoute("#/team/Al%ZZ")).toEqual({ view: "dashboard" });
    expect(parseRoute("#/nowhere")).toEqual({ view: "dashboard" });
    expect(routeHref({ view: "team", teamId: "alpha" })).toBe("#/team/alpha");
    expect(routeHref({ view: "funnel", measureId: "abx-1h", period: "2026-02" })).toBe("#/funnel/abx-1h/2026-02");
  });
  it("niceTicks(lo, hi) steps by 1, 2 or 5 times a power of ten", () => {
    expect(niceTicks(0, 50)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(niceTicks(42.5, 97)).toEqual([60, 80]);
  });
});

describe("faculty app: funnel plot", () => {
  it("is linked from the dashboard, and the grid and the charts link each team to its page", async () => {
    const { go } = renderAt("");
    const grid = await screen.findByRole("table", { name: "Who reported" });
    expect(within(grid).getByRole("link", { name: "Alpha Hospital" })).toHaveAttribute("href", "#/team/alpha");
    const card = screen.getByRole("article", { name: "Bravo Clinic: Antibiotics within 1 hour" });
    expect(within(card).getByRole("link", { name: "Bravo Clinic" })).toHaveAttribute("href", "#/team/bravo");
    expect(screen.getByRole("link", { name: "Funnel plots" })).toHaveAttribute("href", "#/funnel");
    // the ranked comparison points to the funnel of the same measure (a percent measure)
    expect(screen.getByRole("link", { name: "Read Antibiotics within 1 hour on the funnel plot" })).toHaveAttribute("href", "#/funnel/abx-1h");
    go("#/funnel");
    expect(await screen.findByRole("heading", { name: "Funnel plot" })).toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: "Who reported" })).not.toBeInTheDocument();
  });

  it("draws the month's teams against their denominators with the limits and the overall value, and tabulates them by name (not by rank)", async () => {
    const { user } = renderAt("#/funnel/abx-1h/2026-02");
    const plot = await screen.findByRole("img", { name: /^Funnel plot of Antibiotics within 1 hour, 2026-02: 2 teams/ });
    // only percent and rate measures are offered (readmissions is a count)
    expect(within(screen.getByRole("combobox", { name: "Measure" })).getAllByRole("option").map((o) => o.textContent)).toEqual(["Antibiotics within 1 hour"]);
    const titles = [...plot.querySelectorAll("title")].map((t) => t.textContent);
    expect(titles).toEqual(expect.arrayContaining(["overall 63.7%", "Alpha Hospital: 72.5% (29 of 40), within the 95% limits", "Bravo Clinic: 55.0% (22 of 40), within the 95% limits"]));
    expect(plot.querySelectorAll('path[data-mark="line"]')).toHaveLength(4);
    const table = screen.getByRole("table", { name: "Teams on the funnel of Antibiotics within 1 hour, Feb 26" });
    expect(within(table).getAllByRole("row").map((r) => [...r.querySelectorAll("th, td")].map((c) => c.textContent))).toEqual([
      ["Team", "Value", "Numerator / denominator", "Against the limits"],
      ["Alpha Hospital", "72.5%", "29 / 40", "within the 95% limits"],
      ["Bravo Clinic", "55.0%", "22 / 40", "within the 95% limits"],
    ]);
    expect(within(table).getByRole("link", { name: "Bravo Clinic" })).toHaveAttribute("href", "#/team/bravo");
    expect(screen.getByText(/^Overall 63\.7% \(all teams' numerators over all denominators\)\. Dashed: 95% limits .* from exact limits/)).toBeInTheDocument();
    // another month redraws; a month without reports says so
    await user.selectOptions(screen.getByRole("combobox", { name: "Month" }), "2026-01");
    expect(await screen.findByText("No team reported Antibiotics within 1 hour with a denominator for Jan 26.")).toBeInTheDocument();
    await user.selectOptions(screen.getByRole("combobox", { name: "Month" }), "2026-03");
    expect(await screen.findByRole("img", { name: /2026-03: 1 teams/ })).toBeInTheDocument();
  });

  it("the overdispersion switch asks for the adjusted limits and says what φ was", async () => {
    const { user } = renderAt("#/funnel/abx-1h/2026-02");
    await screen.findByRole("img", { name: /^Funnel plot of/ });
    await user.click(screen.getByRole("switch", { name: "Adjust for overdispersion" }));
    expect(await screen.findByText(/Overdispersion: φ = [\d.]+ \(2 teams, 10% winsorised\)/)).toBeInTheDocument();
  });
});

describe("faculty app: team view", () => {
  it("shows every measure's run chart of the team, titled by measure, with the rules and goal", async () => {
    renderAt("#/team/alpha");
    expect(await screen.findByRole("heading", { name: "Alpha Hospital" })).toBeInTheDocument();
    const abx = screen.getByRole("article", { name: "Alpha Hospital: Antibiotics within 1 hour" });
    expect(within(abx).getByRole("heading", { name: "Antibiotics within 1 hour" })).toBeInTheDocument();
    expect([...abx.querySelectorAll("title")].map((t) => t.textContent)).toEqual(expect.arrayContaining(["goal 95.0%", "median 72.5%", "Feb 26: Sepsis huddle started"]));
    expect(screen.getByRole("article", { name: "Alpha Hospital: Readmissions" })).toBeInTheDocument();
    expect(screen.queryByRole("article", { name: /^Bravo Clinic/ })).not.toBeInTheDocument();
    expect(screen.getByText("process · % · higher is better · goal 95.0%")).toBeInTheDocument();
  });

  it("shows the scores over time with the faculty's rationale and why the data suggest theirs, and the narratives newest first", async () => {
    renderAt("#/team/alpha");
    const table = await screen.findByRole("table", { name: "Alpha Hospital: scores and their rationale" });
    const rows = within(table).getAllByRole("row").map((r) => [...r.querySelectorAll("th, td")].map((c) => c.textContent));
    expect(rows[0]).toEqual(["Month", "Self", "Faculty", "Faculty's rationale", "Suggested"]);
    expect(rows.at(-1)).toEqual(["Jan 26", "2.0", "2.5", "Screening tested on one ward (faculty)", "2.0 · Activity, but no changesNo change tested yet."]);
    // the suggestion's reasons open under its score (a disclosure), not in a column of their own
    expect(within(table).getByText("2.0 · Activity, but no changes").tagName).toBe("SUMMARY");
    const chart = screen.getByRole("img", { name: "Alpha Hospital: self, faculty and suggested scores per month" });
    expect([...chart.querySelectorAll("title")].map((t) => t.textContent)).toEqual(expect.arrayContaining(["Jan 26: faculty 2.5", "Jan 26: self-assessment 2.0", "Mar 26: suggested 3.5"]));
    const months = screen.getAllByRole("article", { name: /^Alpha Hospital, / });
    expect(months.map((m) => m.getAttribute("aria-label"))).toEqual(["Alpha Hospital, Feb 26", "Alpha Hospital, Jan 26"]);
    expect(within(months[1]!).getByText("Night shift missed the screen")).toBeInTheDocument();
    expect(within(months[0]!).getByText("Pharmacy delays")).toBeInTheDocument();
  });

  it("marks the team's PDSA cycles on each measure's chart and lists them with their decisions", async () => {
    renderAt("#/team/alpha");
    const table = await screen.findByRole("table", { name: "Alpha Hospital: PDSA cycles" });
    const rows = within(table).getAllByRole("row").map((r) => [...r.querySelectorAll("th, td")].map((c) => c.textContent));
    expect(rows[0]).toEqual(["Cycle", "Change idea", "Measures", "Started", "Ended", "Decision", "What happened"]);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[4], r[5]])).toEqual([
      ["1", "Sepsis screen at triage", "2026-03-06", "adopt"],
      ["2", "Antibiotic grab bag", "running", "–"],
      ["3", "Discharge call", "running", "–"],
    ]);
    const abx = screen.getByRole("article", { name: "Alpha Hospital: Antibiotics within 1 hour" });
    const titles = [...abx.querySelectorAll("title")].map((t) => t.textContent ?? "");
    expect(titles.some((t) => t.includes("Sepsis screen at triage"))).toBe(true);
    // cycle 3 aims at readmissions only: not on the antibiotics chart
    expect(titles.some((t) => t.includes("Discharge call"))).toBe(false);
  });

  it("an unknown team says so and links back", async () => {
    renderAt("#/team/zulu");
    expect(await screen.findByText('There is no team "zulu" in this collaborative.')).toBeInTheDocument();
    await waitFor(() => expect(screen.getAllByRole("link", { name: "Back to the dashboard" })[0]).toHaveAttribute("href", "#/"));
  });
});
