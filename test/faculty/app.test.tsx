/** @jest-environment jsdom */
// The faculty app in jsdom over a fake data store whose every answer is parsed with core's schemas
// (fakeApi.ts): sign-in refusals, the grid's marks and totals, run charts under the named rule set,
// % at 4+, the comparison and measure switch, scoring (rationale required, suggestion before and
// after saving, the server's refusal named with its field), the CSV export and the collaborative
// picker. Queries by role and name, as Fluent's testing guidance asks.
import "@testing-library/jest-dom";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App, TEAM_TOKEN_REFUSED, type FacultyServices } from "../../src/faculty/App";
import { RATIONALE_NEEDED, SCORE_NEEDED } from "../../src/faculty/views/Scoring";
import { ADMIN, FACULTY, fakeApi, SUGGESTED, TEAM } from "./fakeApi";

function renderFaculty(options: { token?: string | null; wanted?: string | null; saveFails?: boolean } = {}) {
  let stored: string | null = options.token ?? null;
  const state = { saved: [] as { score: number; rationale: string }[], faculty: [] as { teamId: string; period: string; score: number; rationale: string }[], saveFails: options.saveFails ?? false, csv: "period,team\n2026-01,alpha\n" };
  const downloads: { blob: Blob; filename: string }[] = [];
  const services: FacultyServices = {
    createApi: (token) => fakeApi(token, state),
    tokens: { load: () => stored, save: (t) => (stored = t), forget: () => (stored = null) },
    wantedCollaborative: options.wanted ?? null,
    hash: "",
    download: (blob, filename) => downloads.push({ blob, filename }),
  };
  render(
    <FluentProvider theme={webLightTheme}>
      <App services={services} />
    </FluentProvider>,
  );
  return { state, downloads, token: () => stored, user: userEvent.setup() };
}

async function signIn(user: ReturnType<typeof userEvent.setup>, token: string) {
  await user.type(await screen.findByLabelText(/Faculty token/), token);
  await user.click(screen.getByRole("button", { name: "Open" }));
}

describe("faculty app: sign-in", () => {
  it("names a refused token on the token field and forgets it", async () => {
    const { user, token } = renderFaculty();
    await signIn(user, "qi_wrong");
    expect(await screen.findByText("The token was not accepted: paste the faculty token again, or ask the admin for a new one.")).toBeInTheDocument();
    expect(screen.getByLabelText(/Faculty token/)).toHaveAttribute("aria-invalid", "true");
    expect(token()).toBeNull();
  });

  it("refuses a team token with the sentence that says which token to use", async () => {
    const { user } = renderFaculty();
    await signIn(user, TEAM);
    expect(await screen.findByText(TEAM_TOKEN_REFUSED)).toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: "Who reported" })).not.toBeInTheDocument();
  });

  it("opens the faculty token's collaborative, and Sign out forgets the token", async () => {
    const { user, token } = renderFaculty();
    await signIn(user, FACULTY);
    expect(await screen.findByRole("heading", { level: 1, name: "Sepsis Collaborative" })).toBeInTheDocument();
    expect(document.title).toBe("Sepsis Collaborative · Faculty");
    expect(token()).toBe(FACULTY);
    await user.click(screen.getByRole("button", { name: "Sign out" }));
    expect(await screen.findByRole("heading", { name: "Sign in with your faculty token" })).toBeInTheDocument();
    expect(token()).toBeNull();
  });

  it("an admin picks the collaborative named in the address (?c=), from a picker of all", async () => {
    renderFaculty({ token: ADMIN, wanted: "sepsis" });
    expect(await screen.findByRole("heading", { level: 1, name: "Sepsis Collaborative" })).toBeInTheDocument();
    const picker = screen.getByRole("combobox", { name: "Collaborative" });
    expect(picker).toHaveValue("sepsis");
    expect(within(picker).getAllByRole("option").map((o) => o.textContent)).toEqual(["Other Collaborative", "Sepsis Collaborative"]);
  });
});

describe("faculty app: the dashboard", () => {
  it("summary: the reporting month, its counts, and % of teams at 4+ with its denominator", async () => {
    renderFaculty({ token: FACULTY });
    const month = await screen.findByRole("group", { name: "Reporting month" });
    expect(month).toHaveTextContent("Mar 26due 2026-04-15");
    expect(screen.getByRole("group", { name: "On time" })).toHaveTextContent("1of 2 teams");
    expect(screen.getByRole("group", { name: "Missing" })).toHaveTextContent("1past the due date");
    expect(screen.getByRole("group", { name: "Teams at 4+" })).toHaveTextContent("–no scores yet");
  });

  it("grid: one row per team with its mark for each month, titles with the received date, and the totals", async () => {
    renderFaculty({ token: FACULTY });
    const table = await screen.findByRole("table", { name: "Who reported" });
    const rows = within(table).getAllByRole("row");
    expect(rows.map((row) => [...row.querySelectorAll("th, td")].map((c) => c.textContent))).toEqual([
      ["Team", "Jan 26", "Feb 26", "Mar 26"],
      ["Alpha Hospital", "✓", "✓", "✓"],
      ["Bravo Clinic", "✓", "late", "missing"],
      ["Received", "2/2", "2/2", "1/2"],
    ]);
    expect(within(rows[2]!).getByText("late")).toHaveAttribute("title", "Bravo Clinic, Feb 26: late (received 2026-03-20, revision 2)");
    expect(within(rows[2]!).getByText("missing")).toHaveAttribute("title", "Bravo Clinic, Mar 26: missing");
  });

  it("run charts: a chart per team with its latest value, median, goal, the signal named with its meaning, the change tested, and the rules in the key", async () => {
    renderFaculty({ token: FACULTY });
    const alpha = await screen.findByRole("article", { name: "Alpha Hospital: Antibiotics within 1 hour" });
    expect(alpha).toHaveTextContent("latest 96.0% (Mar 26) · trend: improvement");
    const svg = within(alpha).getByRole("img", { name: "Alpha Hospital run chart of Antibiotics within 1 hour" });
    const titles = [...svg.querySelectorAll("title")].map((t) => t.textContent);
    expect(titles).toEqual(expect.arrayContaining(["goal 95.0%", "median 72.5%", "Feb 26: Sepsis huddle started", "Jan 26: 60.0% (part of a signal: trend)", "Mar 26: 96.0% (part of a signal: trend)"]));
    expect(svg.querySelectorAll('circle[data-mark="signal"]')).toHaveLength(3);
    const bravo = screen.getByRole("article", { name: "Bravo Clinic: Antibiotics within 1 hour" });
    expect(bravo).toHaveTextContent("latest 55.0% (Feb 26)");
    // a month without data is a gap: two points, one line segment
    expect(bravo.querySelectorAll("circle")).toHaveLength(2);
    expect(bravo.querySelector('path[data-mark="line"]')?.getAttribute("d")).toMatch(/^M[\d.]+,[\d.]+ L[\d.]+,[\d.]+$/);
    expect(screen.getByText(/^Read by the IHI rules \(the collaborative's rule set\): a shift \(6 or more points in a row on one side of the median\)\. /)).toBeInTheDocument();
    expect(screen.getByText("process · % · higher is better · goal 95.0%")).toBeInTheDocument();
  });

  it("run charts: the team's PDSA cycles of the measure where they started and ended, with the change idea and decision on hover", async () => {
    renderFaculty({ token: FACULTY });
    const alpha = await screen.findByRole("article", { name: "Alpha Hospital: Antibiotics within 1 hour" });
    const svg = within(alpha).getByRole("img", { name: "Alpha Hospital run chart of Antibiotics within 1 hour" });
    const marks = svg.querySelector('g[data-mark="cycles"]');
    expect([...(marks?.querySelectorAll("g[data-cycle]") ?? [])].map((g) => g.getAttribute("data-cycle"))).toEqual(["C1", "C2"]);
    const titles = [...(marks?.querySelectorAll("title") ?? [])].map((t) => t.textContent);
    expect(titles).toEqual(["Jan 26: C1 start: Sepsis screen at triage", "Mar 26: C1 end (adopt): Sepsis screen at triage", "Feb 26: C2 start: Antibiotic grab bag"]);
    // the start of C1 is at January's x, its end at March's; C2 still runs (no end mark)
    const x = (title: string) => Number(marks?.querySelector(`g[data-mark="cycle-${title}"] line, g[data-mark="cycle-${title}"] rect`)?.getAttribute(title === "start" ? "x1" : "x"));
    expect(x("start")).toBeLessThan(x("end"));
    expect(marks?.querySelectorAll('g[data-mark="cycle-end"]')).toHaveLength(1);
    // another team's chart shows none of alpha's cycles
    const bravo = screen.getByRole("article", { name: "Bravo Clinic: Antibiotics within 1 hour" });
    expect(bravo.querySelector('g[data-mark="cycles"]')).toBeNull();
    expect(screen.getByText(/Teal flags: PDSA cycles aiming at this measure/)).toBeInTheDocument();
  });

  it("% at 4+: a bar per scored month with its percent and its counts", async () => {
    const { user } = renderFaculty({ token: FACULTY });
    await screen.findByRole("heading", { name: "Score a team" });
    const bars = screen.getByRole("img", { name: "Percent of teams at 4 or above per month" });
    expect(bars.querySelectorAll("rect")).toHaveLength(0);
    // score alpha 4.0 for Mar 26: 1 of 1 scored teams at 4+
    await user.selectOptions(screen.getByRole("combobox", { name: /^Score/ }), "4");
    await user.type(screen.getByRole("textbox", { name: /^Rationale/ }), "Bundle reliable for 3 months");
    await user.click(screen.getByRole("button", { name: "Save score" }));
    await waitFor(() => expect(bars.querySelectorAll("rect")).toHaveLength(1));
    expect(bars.querySelector("rect title")?.textContent).toBe("Mar 26: 1 of 1 scored teams at 4 or above (2 teams)");
    // the axis says 100% once, the bar's label once more
    expect(within(bars).getAllByText("100%")).toHaveLength(2);
    expect(screen.getByRole("group", { name: "Teams at 4+" })).toHaveTextContent("100%Mar 26, 1 of 1 scored");
  });

  it("comparison: the latest values in team order, not ranked; switching measure redraws charts and comparison", async () => {
    const { user } = renderFaculty({ token: FACULTY });
    const compare = await screen.findByRole("img", { name: "Latest values by team" });
    expect([...compare.querySelectorAll("rect title")].map((t) => t.textContent)).toEqual(["Alpha Hospital: 96.0% in Mar 26", "Bravo Clinic: 55.0% in Feb 26"]);
    await user.click(screen.getByRole("tab", { name: "Readmissions" }));
    expect(screen.getByRole("tab", { name: "Readmissions" })).toHaveAttribute("aria-selected", "true");
    expect(await screen.findByText("Readmissions: each team's latest value, in team order (not ranked).")).toBeInTheDocument();
    // not a league table: Alpha before Bravo as in the charts, though lower is better and Bravo's 1 is lower
    const redrawn = screen.getByRole("img", { name: "Latest values by team" });
    expect([...redrawn.querySelectorAll("rect title")].map((t) => t.textContent)).toEqual(["Alpha Hospital: 5.00 in Mar 26", "Bravo Clinic: 1.00 in Feb 26"]);
    expect(screen.getByRole("article", { name: "Alpha Hospital: Readmissions" })).toHaveTextContent("latest 5.00 (Mar 26)");
    expect(screen.getByText("balancing · lower is better")).toBeInTheDocument();
  });

  it("exports the CSV under the collaborative's name", async () => {
    const { user, downloads } = renderFaculty({ token: FACULTY });
    await user.click(await screen.findByRole("button", { name: "Export CSV" }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0]!.filename).toBe("sepsis-points.csv");
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsText(downloads[0]!.blob);
    });
    expect(text).toBe("period,team\n2026-01,alpha\n");
  });

  it("exports the Excel workbook under the collaborative's name", async () => {
    const { user, downloads } = renderFaculty({ token: FACULTY });
    await user.click(await screen.findByRole("button", { name: "Export Excel" }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0]!.filename).toBe("sepsis-export.xlsx");
    expect(downloads[0]!.blob.type).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  });
});

describe("faculty app: reminders", () => {
  it("lists the reminder ledger with each status, says when e-mail is off, and names a reminder that could not go; the dashboard links to it", async () => {
    renderFaculty({ token: FACULTY });
    const section = await screen.findByRole("region", { name: "Reminders" });
    expect(screen.getByRole("link", { name: "Reminders sent to teams and faculty" })).toHaveAttribute("href", "#reminders");
    expect(section).toHaveAttribute("id", "reminders");
    expect(await within(section).findByText(/E-mail is not configured \(QI_SMTP_URL\)/)).toBeInTheDocument();
    const rows = within(within(section).getByRole("table")).getAllByRole("row").slice(1);
    expect(rows.map((r) => within(r).getAllByRole("cell")[1]?.textContent)).toEqual(["late · bravo · 2026-03", "due soon · bravo · 2026-03"]);
    expect(rows[0]).toHaveTextContent("no one");
    expect(rows[0]).toHaveTextContent("would send (no SMTP)");
    expect(rows[0]).toHaveTextContent("team bravo has no contacts");
    expect(rows[1]).toHaveTextContent("lead@bravo.example");
    expect(rows[1]).toHaveTextContent("is due in 3 days (15 April 2026)");
  });
});

describe("faculty app: scoring", () => {
  it("shows the suggestion and its reasons before saving, refuses a missing score and a blank rationale on their fields, then saves and shows the suggestion beside the score", async () => {
    const { user, state } = renderFaculty({ token: FACULTY });
    const suggested = await screen.findByRole("group", { name: "Suggested from the team's data" });
    expect(await within(suggested).findByText("The team's data suggest 3.5 · Improvement.")).toBeInTheDocument();
    expect(within(suggested).getAllByRole("listitem").map((li) => li.textContent)).toEqual(SUGGESTED.reasons);
    expect(screen.getByText("Not scored by faculty for Mar 26 yet.")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Save score" }));
    expect(await screen.findByText(SCORE_NEEDED)).toBeInTheDocument();
    // the empty rationale is flagged at the same time, on its own field
    expect(screen.getByText(RATIONALE_NEEDED)).toBeInTheDocument();
    await user.selectOptions(screen.getByRole("combobox", { name: /^Score/ }), "4");
    expect(screen.getByRole("combobox", { name: /^Score/ })).not.toHaveAttribute("aria-invalid", "true");
    await user.type(screen.getByRole("textbox", { name: /^Rationale/ }), "   ");
    await user.click(screen.getByRole("button", { name: "Save score" }));
    expect(await screen.findByText(RATIONALE_NEEDED)).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: /^Rationale/ })).toHaveAttribute("aria-invalid", "true");
    expect(state.saved).toEqual([]);

    await user.type(screen.getByRole("textbox", { name: /^Rationale/ }), "Bundle reliable for 3 months");
    await user.click(screen.getByRole("button", { name: "Save score" }));
    const saved = await screen.findByRole("status", { name: "Saved score" });
    await within(saved).findByText("Saved: Alpha Hospital, Mar 26: 4.0 · Significant improvement.");
    expect(saved).toHaveTextContent("Suggested from the team's data: 3.5 · Improvement.");
    expect(within(saved).getAllByRole("listitem").map((li) => li.textContent)).toEqual(SUGGESTED.reasons);
    // the rationale is trimmed by core's ScoreInput before it is sent
    expect(state.saved).toEqual([{ score: 4, rationale: "Bundle reliable for 3 months" }]);
    expect(await screen.findByText("Current faculty score: 4.0 · Significant improvement (faculty, 2026-04-16): Bundle reliable for 3 months.")).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: /^Rationale/ })).toHaveValue("");
  });

  it("another team without data: no suggestion, said so", async () => {
    const { user } = renderFaculty({ token: FACULTY });
    await user.selectOptions(await screen.findByRole("combobox", { name: /^Team/ }), "bravo");
    expect(await screen.findByText("No suggestion: the team has no data up to Mar 26.")).toBeInTheDocument();
  });

  it("a refusal from the server is shown with the field it names", async () => {
    const { user } = renderFaculty({ token: FACULTY, saveFails: true });
    await user.selectOptions(await screen.findByRole("combobox", { name: /^Score/ }), "3");
    await user.type(screen.getByRole("textbox", { name: /^Rationale/ }), "Modest improvement");
    await user.click(screen.getByRole("button", { name: "Save score" }));
    expect(await screen.findByText("Not saved: period: 2026-03 is locked: an admin can reopen it")).toBeInTheDocument();
  });
});
