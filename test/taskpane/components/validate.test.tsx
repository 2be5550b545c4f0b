/** @jest-environment jsdom */
import "@testing-library/jest-dom";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { IssueList } from "../../../src/taskpane/components/IssueList";
import type { PaneIssue } from "../../../src/taskpane/workbook/checkWorkbook";
import { saveToken } from "../../../src/taskpane/storage/connection";
import { memoryStore } from "../../../src/taskpane/storage/keyValueStore";
import { STORE, TOKEN } from "../support/fixtures";
import { renderApp } from "../support/renderApp";
import { bundleSheetWithErrors, fakeHost, fixedPdsaLog, rateSheet } from "../support/workbooks";

const issue = (p: Partial<PaneIssue>): PaneIssue => ({ key: p.key ?? "k", severity: "error", code: "X", sheetName: "Bundle", address: "B3", period: null, message: "B3: bad", source: "sheet", ...p });

describe("IssueList", () => {
  it("groups issues by sheet with errors before warnings, and selecting one calls back with it", async () => {
    const selected: PaneIssue[] = [];
    const issues = [
      issue({ key: "1", sheetName: "Bundle", address: "D9", severity: "warning", message: "D9: looks high" }),
      issue({ key: "2", sheetName: "Bundle", address: "B3", message: 'B3: holds "n/a"' }),
      issue({ key: "3", sheetName: "CLABSI rate", address: "C4", message: "C4: denominator is 0" }),
      issue({ key: "4", sheetName: null, address: null, message: "No data for Falls" }),
    ];
    render(
      <FluentProvider theme={webLightTheme}>
        <IssueList issues={issues} onSelect={(i) => selected.push(i)} />
      </FluentProvider>,
    );
    const groups = screen.getAllByRole("region").filter((r) => r.tagName === "SECTION");
    expect(groups.map((g) => g.getAttribute("aria-label"))).toEqual(["Bundle", "CLABSI rate", "Whole report"]);
    expect(within(groups[0]!).getByRole("heading", { level: 3 })).toHaveTextContent("Bundle · 1 error, 1 warning");
    const items = within(groups[0]!).getAllByRole("button");
    expect(items.map((b) => b.textContent)).toEqual(['ErrorB3holds "n/a"', "WarningD9looks high"]);
    // an issue without a cell is not a button
    expect(within(groups[2]!).queryByRole("button")).toBeNull();
    expect(within(groups[2]!).getByText("No data for Falls")).toBeInTheDocument();

    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: /C4/ }));
    expect(selected.map((i) => i.key)).toEqual(["3"]);
    screen.getByRole("button", { name: /B3/ }).focus();
    await user.keyboard("{Enter}");
    expect(selected.map((i) => i.key)).toEqual(["3", "2"]);
  });
});

describe("Validate", () => {
  async function connectedPane() {
    const storage = memoryStore();
    await saveToken(storage, STORE, TOKEN);
    const fake = fakeHost({ "Bundle compliance": bundleSheetWithErrors(), "CLABSI rate": rateSheet(), Notes: [["Meeting notes"]] });
    const view = await renderApp({ storage, host: fake.host });
    await screen.findByRole("tab", { name: "Validate", selected: true });
    return { ...view, ...fake };
  }

  it("reads the sheets, lists the issues by sheet with their cells, marks the cells, and a click selects the cell", async () => {
    const { workbook } = await connectedPane();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Validate sheets" }));
    expect(await screen.findByText(/^3 errors to fix/)).toBeInTheDocument();
    const bundle = screen.getByRole("region", { name: "Bundle compliance" });
    expect(within(bundle).getByRole("button", { name: /B3.*"n\/a"/ })).toBeInTheDocument();
    expect(within(bundle).getByRole("button", { name: /B4.*numerator 12 is larger than denominator 10/ })).toBeInTheDocument();
    expect(within(bundle).getByRole("button", { name: /A5.*already on row 4/ })).toBeInTheDocument();
    expect(workbook.marks.map((m) => `${m.sheetName}!${m.address}:${m.severity}`)).toEqual(
      expect.arrayContaining(["Bundle compliance!B3:error", "Bundle compliance!B4:error", "Bundle compliance!A5:error"]),
    );

    await user.click(within(bundle).getByRole("button", { name: /B4/ }));
    expect(workbook.selected).toEqual({ sheetName: "Bundle compliance", address: "B4" });
  });

  it("clears the marks of fixed cells when validating again", async () => {
    const { workbook } = await connectedPane();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Validate sheets" }));
    await screen.findByText(/^3 errors to fix/);
    workbook.setCell("Bundle compliance", "B3", 7);
    workbook.setCell("Bundle compliance", "B4", 9);
    workbook.setCell("Bundle compliance", "D4", 90);
    workbook.setCell("Bundle compliance", "A5", "2026-04");
    for (const cell of ["A6", "B6", "C6", "D6"]) workbook.setCell("Bundle compliance", cell, "");
    await user.click(screen.getByRole("button", { name: "Validate again" }));
    expect(await screen.findByText(/Ready to submit|All sheets are ready to submit/)).toBeInTheDocument();
    expect(workbook.marks.filter((m) => m.severity === "error")).toEqual([]);
  });

  it("says which sheets are protected, so their cells could not be marked", async () => {
    const { workbook } = await connectedPane();
    workbook.protectedSheets.push("Bundle compliance");
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Validate sheets" }));
    await screen.findByText(/^3 errors to fix/);
    expect(await screen.findByText('Sheet "Bundle compliance" is protected: unprotect it to see the marks on its cells.')).toBeInTheDocument();
    expect(workbook.marks.filter((m) => m.sheetName === "Bundle compliance")).toEqual([]);
  });

  it("shows a host failure on screen", async () => {
    const { workbook } = await connectedPane();
    delete workbook.sheets["CLABSI rate"];
    const user = userEvent.setup();
    // the sheet list is stale: the pane still thinks "CLABSI rate" exists
    await user.click(screen.getByRole("button", { name: "Validate sheets" }));
    expect(await screen.findByText("Could not read the workbook")).toBeInTheDocument();
    expect(screen.getByText(/"CLABSI rate" does not exist/)).toBeInTheDocument();
  });
});

describe("Validate with a PDSA log", () => {
  it("labels the cycles on the run chart of a sheet made by Create sheet, at the months they started and ended", async () => {
    const storage = memoryStore();
    await saveToken(storage, STORE, TOKEN);
    const fake = fakeHost({ "Bundle compliance": bundleSheetWithErrors(), "PDSA log": fixedPdsaLog() });
    await renderApp({ storage, host: fake.host });
    const user = userEvent.setup();
    await user.click(await screen.findByRole("tab", { name: "Sheets" }));
    const rate = screen.getByRole("listitem", { name: "CLABSI rate" });
    await user.click(within(rate).getByRole("button", { name: "Create sheet" }));
    await within(rate).findByText(/Found by its name/);
    const months = fake.workbook.sheets["CLABSI rate"]!.slice(1).map((row) => row[0]);

    await user.click(screen.getByRole("tab", { name: "Validate" }));
    await user.click(screen.getByRole("button", { name: "Validate sheets" }));
    await screen.findByRole("button", { name: "Validate again" });
    // cycle 1b (started 2026-03-01) and 2 (2026-03-09 to 2026-03-31, adopted) in March; cycle 3 (2026-04-01) in April
    expect(fake.workbook.cycleLabels["CLABSI rate"]).toEqual([
      { point: months.indexOf("2026-03"), text: "C1b start; C2 start; C2 end: adopt" },
      { point: months.indexOf("2026-04"), text: "C3 start" },
    ]);
    // the hand-built bundle sheet has no chart the add-in drew: nothing labelled there
    expect(fake.workbook.cycleLabels["Bundle compliance"]).toBeUndefined();
  });
});
