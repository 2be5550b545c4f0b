/** @jest-environment jsdom */
import "@testing-library/jest-dom";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { saveToken } from "../../../src/taskpane/storage/connection";
import { memoryStore } from "../../../src/taskpane/storage/keyValueStore";
import { collaborative, FakeStore, me, STORE, TOKEN } from "../support/fixtures";
import { renderApp } from "../support/renderApp";
import { bundleSheetWithErrors, fakeHost, fixedPdsaLog, rateSheet } from "../support/workbooks";

async function sheetsPane(store = new FakeStore()) {
  const storage = memoryStore();
  await saveToken(storage, STORE, TOKEN);
  const fake = fakeHost({ "Insertion audit": bundleSheetWithErrors(), "CLABSI rate": rateSheet() });
  const view = await renderApp({ storage, host: fake.host, store });
  const user = userEvent.setup();
  await user.click(await screen.findByRole("tab", { name: "Sheets" }));
  return { ...view, ...fake, user };
}

describe("Measure sheets", () => {
  it("lists each measure with its type, kind, direction and goal, and whether it has a sheet", async () => {
    await sheetsPane();
    const list = screen.getByRole("list", { name: "Measures" });
    const rate = within(list).getByRole("listitem", { name: "CLABSI rate" });
    for (const text of ["Outcome", "Rate per 1,000 line-days", "Lower is better", "Goal 1"]) expect(within(rate).getByText(text)).toBeInTheDocument();
    expect(within(rate).getByRole("combobox", { name: "Sheet for CLABSI rate" })).toHaveValue("CLABSI rate");
    const bundle = within(list).getByRole("listitem", { name: "Bundle compliance" });
    expect(within(bundle).getByText("Process")).toBeInTheDocument();
    expect(within(bundle).getByText("Goal 95%")).toBeInTheDocument();
    expect(within(bundle).getByRole("combobox", { name: "Sheet for Bundle compliance" })).toHaveValue("");
    expect(within(bundle).getByRole("button", { name: "Create sheet" })).toBeEnabled();
    expect(screen.getByText("2 of 3 measures have no sheet yet.")).toBeInTheDocument();
  });

  it("leaves a retired measure out: no card, no Create sheet, not counted (core's activeMeasures)", async () => {
    const store = new FakeStore();
    store.me = { ...me, collaborative: { ...collaborative, measures: collaborative.measures.map((m) => (m.id === "falls" ? { ...m, retired: true } : m)) } };
    await sheetsPane(store);
    const list = screen.getByRole("list", { name: "Measures" });
    expect(within(list).getAllByRole("listitem", { name: /^(Bundle compliance|CLABSI rate|Falls)$/ }).length).toBe(2);
    expect(within(list).getByRole("listitem", { name: "CLABSI rate" })).toBeInTheDocument();
    expect(within(list).queryByRole("listitem", { name: "Falls" })).toBeNull();
    expect(screen.getByText("1 of 2 measures have no sheet yet.")).toBeInTheDocument();
  });

  it("maps a hand-built sheet to its measure, remembers it in the workbook and shows the reader's notes", async () => {
    const { user, workbook } = await sheetsPane();
    await user.selectOptions(screen.getByRole("combobox", { name: "Sheet for Bundle compliance" }), "Insertion audit");
    const notes = await screen.findByRole("list", { name: "What the reader noticed on Insertion audit" });
    expect(within(notes).getByText(/Series found under the header row 1/)).toBeInTheDocument();
    expect(screen.getByText("Chosen by you · 5 months read")).toBeInTheDocument();
    expect(workbook.settings.sheetMap).toEqual({ bundle: "Insertion audit" });
  });

  it("previews a sheet's run chart under the collaborative's rule set, naming the rules (core's teamRunCharts)", async () => {
    const { user } = await sheetsPane();
    await user.selectOptions(screen.getByRole("combobox", { name: "Sheet for CLABSI rate" }), "CLABSI rate");
    expect(await screen.findByText("Chosen by you · 4 months read · IHI rules: no signal")).toBeInTheDocument();
  });

  it("creates a missing measure sheet from the layout", async () => {
    const { user, workbook } = await sheetsPane();
    const falls = screen.getByRole("listitem", { name: "Falls" });
    await user.click(within(falls).getByRole("button", { name: "Create sheet" }));
    expect(await within(falls).findByRole("combobox", { name: "Sheet for Falls" })).toHaveValue("Falls");
    expect(workbook.sheets.Falls?.[0]).toEqual(["Month", "Count", "Value", "Goal", "Annotation", "Chart value", "Median"]);
    // The run chart plots Chart value: #N/A (a gap, not a drop to 0) for each month without data.
    workbook.setCell("Falls", "B3", 4);
    expect(workbook.chartSeries("Falls").map((series) => [series.name, series.points])).toEqual([
      ["Value", ["#N/A", 4, "#N/A", "#N/A", "#N/A"]],
      ["Median", [4, 4, 4, 4, 4]],
    ]);
    const layout = workbook.created[0] as { tableName: string; rows: unknown[][] };
    expect(layout.tableName).toBe("qi_falls");
    expect(layout.rows[0]?.[0]).toBe("2026-01");
    expect(layout.rows).toHaveLength(5); // January to May 2026 (today), not the whole year
  });
});

describe("The PDSA log on the Sheets tab", () => {
  it("offers Create PDSA log when the workbook has none, and makes the table with the log's headers", async () => {
    const { user, workbook } = await sheetsPane();
    const card = screen.getByRole("region", { name: "PDSA log" });
    expect(within(card).getByRole("combobox", { name: "Sheet for the PDSA log" })).toHaveValue("");
    await user.click(within(card).getByRole("button", { name: "Create PDSA log" }));
    expect(await within(card).findByRole("combobox", { name: "Sheet for the PDSA log" })).toHaveValue("PDSA log");
    expect(workbook.sheets["PDSA log"]?.[0]).toEqual(["Cycle", "Change idea", "Measures it aims to move", "Prediction", "Start date", "End date", "What happened", "Decision"]);
    expect(within(card).queryByRole("button", { name: "Create PDSA log" })).toBeNull();
  });

  it("finds a log kept by hand by its name, or takes the sheet the team chooses, and says what it read", async () => {
    const storage = memoryStore();
    await saveToken(storage, STORE, TOKEN);
    const fake = fakeHost({ "CLABSI rate": rateSheet(), "Tests of change": fixedPdsaLog() });
    await renderApp({ storage, host: fake.host });
    const user = userEvent.setup();
    await user.click(await screen.findByRole("tab", { name: "Sheets" }));
    const card = screen.getByRole("region", { name: "PDSA log" });
    await user.selectOptions(within(card).getByRole("combobox", { name: "Sheet for the PDSA log" }), "Tests of change");
    expect(await within(card).findByText("Chosen by you · 4 cycles read")).toBeInTheDocument();
    expect(within(card).getByRole("list", { name: "What the reader noticed in the PDSA log" })).toHaveTextContent(/PDSA log found under the header row 2/);
    expect(fake.workbook.settings.pdsaSheet).toBe("Tests of change");
  });
});
