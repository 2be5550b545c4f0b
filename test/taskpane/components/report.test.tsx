/** @jest-environment jsdom */
import "@testing-library/jest-dom";
import { fireEvent, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { ReportPanel, narrativeLimit } from "../../../src/taskpane/components/ReportPanel";
import { EMPTY_DRAFT, loadDraft, type ReportDraft } from "../../../src/taskpane/storage/drafts";
import { ASSESSMENT_SCALE } from "../../../src/core/scoring/assessmentScale";
import { Narrative } from "../../../src/core/schema";
import type { AssessmentSuggestion } from "../../../src/taskpane/qiCore";
import { saveToken } from "../../../src/taskpane/storage/connection";
import { memoryStore } from "../../../src/taskpane/storage/keyValueStore";
import { STORE, TOKEN } from "../support/fixtures";
import { renderApp } from "../support/renderApp";

const suggestion: AssessmentSuggestion = { score: 2.5, label: "Changes tested, but no improvement", reasons: ["3 changes tested.", "Not yet 3.0 (Modest improvement): no measure shows improvement."] };

function Harness(props: { initial?: ReportDraft; onChange?: (d: ReportDraft) => void; withSuggestion?: boolean }) {
  const [draft, setDraft] = useState(props.initial ?? EMPTY_DRAFT);
  const [month, setMonth] = useState("2026-04");
  return (
    <FluentProvider theme={webLightTheme}>
      <ReportPanel
        months={["2026-01", "2026-02", "2026-03", "2026-04"]}
        reportingMonth={month}
        dueMonth="2026-04"
        onMonthChange={setMonth}
        draft={draft}
        onDraftChange={(d) => {
          setDraft(d);
          props.onChange?.(d);
        }}
        scale={ASSESSMENT_SCALE}
        suggestion={props.withSuggestion === false ? null : suggestion}
      />
    </FluentProvider>
  );
}

describe("Report", () => {
  it("takes the narrative limits from the shared schema", () => {
    expect(narrativeLimit("lessons")).toBe(Narrative.shape.lessons.unwrap().maxLength);
    expect(narrativeLimit("helpWanted")).toBe(4000);
  });

  it("counts characters and flags a field over its limit with how much to cut", async () => {
    render(<Harness />);
    const lessons = screen.getByRole("textbox", { name: "Lessons learned" });
    await userEvent.setup().type(lessons, "Huddles");
    expect(screen.getByText(/7 \/ 4000 characters/)).toBeInTheDocument();
    fireEvent.change(lessons, { target: { value: "x".repeat(4010) } });
    expect(screen.getByText("4010 / 4000 characters: shorten it by 10 to send it.")).toBeInTheDocument();
    expect(lessons).toHaveAttribute("aria-invalid", "true");
  });

  it("shows every level of the IHI scale with its description, and the suggested score with its reasons", async () => {
    const changes: ReportDraft[] = [];
    render(<Harness onChange={(d) => changes.push(d)} />);
    const scale = screen.getByRole("radiogroup", { name: "Self-assessment (IHI scale)" });
    const radios = within(scale).getAllByRole("radio");
    expect(radios).toHaveLength(ASSESSMENT_SCALE.length + 1);
    for (const level of ASSESSMENT_SCALE) expect(within(scale).getByText(level.description)).toBeInTheDocument();
    const suggested = screen.getByRole("group", { name: "Suggested score" });
    expect(within(suggested).getByText("Your data suggest 2.5: Changes tested, but no improvement")).toBeInTheDocument();
    expect(within(suggested).getByText("Not yet 3.0 (Modest improvement): no measure shows improvement.")).toBeInTheDocument();

    const user = userEvent.setup();
    await user.click(within(suggested).getByRole("button", { name: "Use 2.5" }));
    expect(within(scale).getByRole("radio", { name: /^2\.5 Changes tested/ })).toBeChecked();
    await user.click(within(scale).getByRole("radio", { name: /^4\.0 Significant improvement/ }));
    expect(changes[changes.length - 1]?.selfAssessment).toBe(4);
  });

  it("offers the months with the due one marked", () => {
    render(<Harness withSuggestion={false} />);
    const month = screen.getByRole("combobox", { name: "Reporting month" });
    expect(within(month).getAllByRole("option").map((o) => o.textContent)).toEqual(["April 2026 (due)", "March 2026", "February 2026", "January 2026"]);
    expect(screen.getByText("Validate your sheets to see the score your data suggest.")).toBeInTheDocument();
  });

  it("saves what is typed in the add-in's storage as it is typed", async () => {
    const storage = memoryStore();
    await saveToken(storage, STORE, TOKEN);
    await renderApp({ storage });
    const user = userEvent.setup();
    await user.click(await screen.findByRole("tab", { name: "Report" }));
    await user.type(screen.getByRole("textbox", { name: "Barriers" }), "Night shift cover");
    expect(await loadDraft(storage, "clabsi-2026", "riverside", "2026-04")).toMatchObject({ barriers: "Night shift cover" });
  });
});
