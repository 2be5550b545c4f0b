/** @jest-environment jsdom */
// The admin pages of the faculty app (issue 16) in jsdom over a fake data store that keeps to core's
// admin contract (fakeAdminApi.ts): bad input shown on its field from core's schemas and from the
// server's 422, nothing sent until it is right; a definition file's problems listed with their paths;
// reordering measures by accessible up/down buttons; a refused delete shown with the server's words;
// a token's secret shown once with a copy button and its fallback; months locked and reopened only
// with a reason; the audit log filtered and paged. Queries by role and name.
import "@testing-library/jest-dom";
import { act, configure, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App, type FacultyServices } from "../../src/faculty/App";
import { SECRET_ONCE } from "../../src/faculty/admin/TokensPanel";
import { moved } from "../../src/faculty/admin/MeasuresPanel";
import { ADMIN_TOKEN, adminState, fakeAdminApi, fakeFacultyForAdmin, SECRET, type AdminState } from "./fakeAdminApi";

// two cores shared by many test runs: wait longer than the default second for an answer to show
configure({ asyncUtilTimeout: 8000 });

function renderAdmin(options: { hash: string; state?: AdminState; copyWorks?: boolean }) {
  const state = options.state ?? adminState();
  const copied: string[] = [];
  window.location.hash = options.hash;
  const services: FacultyServices = {
    createApi: () => fakeFacultyForAdmin(state),
    createAdminApi: () => fakeAdminApi(state),
    tokens: { load: () => ADMIN_TOKEN, save: () => undefined, forget: () => undefined },
    wantedCollaborative: null,
    hash: options.hash,
    download: () => undefined,
    copy: async (text) => {
      if (options.copyWorks === false) return false;
      copied.push(text);
      return true;
    },
    today: () => "2026-04-20",
  };
  render(
    <FluentProvider theme={webLightTheme}>
      <App services={services} />
    </FluentProvider>,
  );
  return { state, copied, user: userEvent.setup() };
}

/** The input of a Fluent Field by its label, and the Field's message. */
const field = (name: string | RegExp, root: HTMLElement = document.body) => within(root).getByRole("textbox", { name });
const messageOf = (input: HTMLElement) => input.closest(".fui-Field")?.querySelector(".fui-Field__validationMessage")?.textContent ?? null;

describe("admin: a new collaborative", () => {
  it("an admin token with no collaborative opens the form; bad input is shown on each field and nothing is sent; fixed, it is created", async () => {
    const { user, state } = renderAdmin({ hash: "", state: adminState({ empty: true }) });
    expect(await screen.findByRole("heading", { name: "New collaborative", level: 2 })).toBeInTheDocument();
    await user.type(field(/^Collaborative id/), "Bad Id");
    await user.type(field(/^Start month/), "2027-13");
    await user.type(field(/^End month/), "2026-12");
    await user.clear(field(/^Due day/));
    await user.type(field(/^Due day/), "31");
    const measure = screen.getByRole("group", { name: "Measure 1" });
    await user.type(field(/^Measure id/, measure), "abx-1h");
    await user.type(field(/^Goal/, measure), "95 %");
    await user.click(screen.getByRole("button", { name: "Create collaborative" }));

    expect(await screen.findByText("Not created: fix the fields marked in red.")).toBeInTheDocument();
    expect(messageOf(field(/^Collaborative id/))).toBe("use lowercase letters, digits and dashes, e.g. clabsi-rate");
    expect(field(/^Collaborative id/)).toHaveAttribute("aria-invalid", "true");
    expect(messageOf(field(/^Collaborative name/))).toBe("cannot be empty");
    expect(messageOf(field(/^Start month/))).toBe("use a month written YYYY-MM, e.g. 2026-03");
    expect(messageOf(field(/^Due day/))).toMatch(/^Too big|28/);
    expect(messageOf(field(/^Measure name/, measure))).toBe("cannot be empty");
    expect(messageOf(field(/^Goal/, measure))).toBe("enter a number, e.g. 15");
    expect(state.calls).toEqual([]);

    // typing in a field clears its message
    await user.clear(field(/^Collaborative id/));
    await user.type(field(/^Collaborative id/), "sepsis-2027");
    expect(messageOf(field(/^Collaborative id/))).toBeNull();
    await user.type(field(/^Collaborative name/), "Sepsis 2027");
    await user.clear(field(/^Start month/));
    await user.type(field(/^Start month/), "2027-01");
    await user.clear(field(/^End month/));
    await user.type(field(/^End month/), "2027-12");
    await user.clear(field(/^Due day/));
    await user.type(field(/^Due day/), "10");
    await user.type(field(/^Measure name/, measure), "Antibiotics within 1 hour");
    await user.clear(field(/^Goal/, measure));
    await user.type(field(/^Goal/, measure), "95");
    await user.click(screen.getByRole("button", { name: "Create collaborative" }));

    // created, and the measures tab of the new collaborative opens
    expect(await screen.findByRole("heading", { name: "Measures", level: 2 })).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Sepsis 2027");
    expect(window.location.hash).toBe("#/admin/measures");
    expect(state.calls).toEqual([
      [
        "createCollaborative",
        expect.objectContaining({ id: "sepsis-2027", name: "Sepsis 2027", startMonth: "2027-01", endMonth: "2027-12", dueDay: 10, lockAfterDays: 60, remindersEnabled: true, reminderDaysBefore: 3, measures: [expect.objectContaining({ id: "abx-1h", goal: 95, kind: "percent" })] }),
      ],
    ]);
  });

  it("a definition file: its problems listed with their paths and shown on the fields; a good one fills the form and its teams are added", async () => {
    const { user, state } = renderAdmin({ hash: "#/admin/new", state: adminState({ empty: true }) });
    const input = await screen.findByLabelText("Definition file");
    const bad = { id: "flow", name: "", startMonth: "2027-01", endMonth: "2026-12", measures: [{ id: "los", name: "Length of stay", type: "outcome", kind: "median", improvementDirection: "decrease" }], colour: "blue" };
    await user.upload(input, new File([JSON.stringify(bad)], "flow.json", { type: "application/json" }));
    const problems = await screen.findByRole("list", { name: "Problems in the file" });
    const lines = within(problems).getAllByRole("listitem").map((li) => li.textContent);
    expect(lines).toEqual(expect.arrayContaining(["name: cannot be empty", "measures.0.kind: choose one of: percent, rate, count, mean", 'colour: unknown field "colour": remove it']));
    expect(screen.getByText(/^flow\.json: \d problems to fix/)).toBeInTheDocument();
    expect(messageOf(field(/^Collaborative name/))).toBe("cannot be empty");

    const notJson = new File(["{ id: flow"], "broken.json", { type: "application/json" });
    await user.upload(input, notJson);
    expect(await screen.findByText(/^the file is not JSON: /)).toBeInTheDocument();

    const good = {
      id: "flow",
      name: "Patient Flow",
      startMonth: "2027-01",
      endMonth: "2027-12",
      measures: [
        { id: "los", name: "Length of stay", type: "outcome", kind: "mean", unit: "days", improvementDirection: "decrease" },
        { id: "discharge-noon", name: "Discharges before noon", type: "process", kind: "percent", unit: "%", improvementDirection: "increase", goal: 40 },
      ],
      teams: [{ id: "north", name: "North Ward" }],
    };
    await user.upload(input, new File([JSON.stringify(good)], "flow.json", { type: "application/json" }));
    expect(await screen.findByText("flow.json read: 2 measures, 1 teams. Check the form, then create.")).toBeInTheDocument();
    expect(field(/^Collaborative name/)).toHaveValue("Patient Flow");
    expect(field(/^Measure name/, screen.getByRole("group", { name: "Measure 2" }))).toHaveValue("Discharges before noon");
    await user.click(screen.getByRole("button", { name: "Create collaborative" }));
    await screen.findByRole("heading", { name: "Measures", level: 2 });
    expect(state.calls.map((c) => c[0])).toEqual(["createCollaborative", "addTeam"]);
    expect(state.teams.flow!.map((t) => t.name)).toEqual(["North Ward"]);
  });
});

describe("admin: a definition file whose team is refused", () => {
  it("the collaborative is created, the refused team named with the server's reason, and it opens on request", async () => {
    const { user, state } = renderAdmin({ hash: "#/admin/new", state: adminState({ empty: true }) });
    const file = {
      id: "flow",
      name: "Patient Flow",
      startMonth: "2027-01",
      endMonth: "2027-12",
      measures: [{ id: "los", name: "Length of stay", type: "outcome", kind: "mean", improvementDirection: "decrease" }],
      teams: [
        { id: "north", name: "North Ward" },
        { id: "south", name: "South Ward", joinMonth: "2029-01" },
      ],
    };
    await user.upload(await screen.findByLabelText("Definition file"), new File([JSON.stringify(file)], "flow.json", { type: "application/json" }));
    await screen.findByText("flow.json read: 1 measures, 2 teams. Check the form, then create.");
    await user.click(screen.getByRole("button", { name: "Create collaborative" }));
    expect(await screen.findByText(/^Created Patient Flow, but not every team from the file: South Ward \(the team has 1 problem; the first at joinMonth: use a month from 2027-01 to 2027-12\)\. Add it under Teams\.$/)).toBeInTheDocument();
    expect(state.teams.flow!.map((t) => t.id)).toEqual(["north"]);
    await user.click(screen.getByRole("button", { name: "Open Patient Flow" }));
    expect(await screen.findByRole("heading", { name: "Measures", level: 2 })).toBeInTheDocument();
  });
});

describe("admin: settings", () => {
  it("sends only what changed (PATCH), and shows a bad value on its field", async () => {
    const { user, state } = renderAdmin({ hash: "#/admin/settings" });
    await screen.findByRole("heading", { name: "Settings" });
    await user.clear(field(/^Lock after/));
    await user.type(field(/^Lock after/), "-3");
    await user.click(screen.getByRole("button", { name: "Save settings" }));
    expect(messageOf(field(/^Lock after/))).toBe("use 0 (never lock) or more days");
    expect(state.calls).toEqual([]);
    await user.clear(field(/^Lock after/));
    await user.type(field(/^Lock after/), "30");
    await user.selectOptions(screen.getByRole("combobox", { name: /^Rule set/ }), "mdc");
    await user.click(screen.getByRole("button", { name: "Save settings" }));
    expect(await screen.findByText("Saved: lockAfterDays, ruleSet.")).toBeInTheDocument();
    expect(state.calls).toEqual([["patchCollaborative", "sepsis", { lockAfterDays: 30, ruleSet: "mdc" }]]);
  });
});

describe("admin: measures", () => {
  it("moved() swaps a measure with its neighbour and leaves the ends alone", () => {
    expect(moved(["a", "b", "c"], 1, -1)).toEqual(["b", "a", "c"]);
    expect(moved(["a", "b", "c"], 1, 1)).toEqual(["a", "c", "b"]);
    expect(moved(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
  });

  it("reorders with up/down buttons named for the measure, keeps the focus on the moved one, and says where it went", async () => {
    const { user, state } = renderAdmin({ hash: "#/admin/measures" });
    const list = await screen.findByRole("list", { name: "Measure set" });
    const names = () => within(list).getAllByRole("listitem").map((li) => li.getAttribute("aria-label"));
    expect(names()).toEqual(["Antibiotics within 1 hour", "Lactate measured", "Sepsis mortality"]);
    expect(screen.getByRole("button", { name: "Move Antibiotics within 1 hour up" })).toBeDisabled();
    expect(screen.getByRole("button", { name: "Move Sepsis mortality down" })).toBeDisabled();

    await user.click(screen.getByRole("button", { name: "Move Antibiotics within 1 hour down" }));
    await waitFor(() => expect(names()).toEqual(["Lactate measured", "Antibiotics within 1 hour", "Sepsis mortality"]));
    expect(screen.getByText("Moved Antibiotics within 1 hour down to position 2.")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("button", { name: "Move Antibiotics within 1 hour down" })).toHaveFocus());
    // by keyboard: the focused button again
    await user.keyboard("{Enter}");
    await waitFor(() => expect(names()).toEqual(["Lactate measured", "Sepsis mortality", "Antibiotics within 1 hour"]));
    // at the bottom, the focus moves to its other button
    await waitFor(() => expect(screen.getByRole("button", { name: "Move Antibiotics within 1 hour up" })).toHaveFocus());
    await user.click(screen.getByRole("button", { name: "Move Sepsis mortality up" }));
    await waitFor(() => expect(names()).toEqual(["Sepsis mortality", "Lactate measured", "Antibiotics within 1 hour"]));
    expect(state.calls).toEqual([
      ["orderMeasures", "sepsis", ["lactate", "abx-1h", "mortality"]],
      ["orderMeasures", "sepsis", ["lactate", "mortality", "abx-1h"]],
      ["orderMeasures", "sepsis", ["mortality", "lactate", "abx-1h"]],
    ]);
  });

  it("adds a measure (bad input on its field), edits one, retires and brings it back; a delete the server refuses shows why", async () => {
    const { user, state } = renderAdmin({ hash: "#/admin/measures" });
    await user.click(await screen.findByRole("button", { name: "New measure" }));
    const form = screen.getByRole("form", { name: "New measure" });
    await user.type(field(/^Measure id/, form), "abx-1h");
    await user.type(field(/^Measure name/, form), "Duplicate");
    await user.click(within(form).getByRole("button", { name: "Add measure" }));
    expect(messageOf(field(/^Measure id/, form))).toBe("the collaborative already has a measure abx-1h: choose another id");
    await user.clear(field(/^Measure id/, form));
    await user.type(field(/^Measure id/, form), "fluids");
    await user.clear(field(/^Measure name/, form));
    await user.type(field(/^Measure name/, form), "Fluids within 3 hours");
    await user.selectOptions(within(form).getByRole("combobox", { name: /^Kind/ }), "rate");
    await user.type(field(/^Multiplier/, form), "0");
    await user.click(within(form).getByRole("button", { name: "Add measure" }));
    expect(messageOf(field(/^Multiplier/, form))).toMatch(/>0|positive|Too small/);
    await user.clear(field(/^Multiplier/, form));
    await user.type(field(/^Multiplier/, form), "1000");
    await user.click(within(form).getByRole("button", { name: "Add measure" }));
    expect(await screen.findByText("Added Fluids within 3 hours.")).toBeInTheDocument();
    expect(state.calls.at(-1)).toEqual(["addMeasure", "sepsis", expect.objectContaining({ id: "fluids", kind: "rate", multiplier: 1000 })]);

    await user.click(screen.getByRole("button", { name: "Edit Lactate measured" }));
    const edit = screen.getByRole("form", { name: "Edit measure" });
    expect(field(/^Measure id/, edit)).toBeDisabled();
    await user.type(field(/^Goal/, edit), "90");
    await user.click(within(edit).getByRole("button", { name: "Save measure" }));
    expect(await screen.findByText("Saved Lactate measured.")).toBeInTheDocument();
    expect(state.calls.at(-1)).toEqual(["putMeasure", "sepsis", expect.objectContaining({ id: "lactate", goal: 90 })]);

    await user.click(screen.getByRole("button", { name: "Retire Antibiotics within 1 hour" }));
    expect(await screen.findByText("Retired Antibiotics within 1 hour: no longer reported; its data stay.")).toBeInTheDocument();
    expect(within(screen.getByRole("listitem", { name: "Antibiotics within 1 hour" })).getByText("retired")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Bring back Antibiotics within 1 hour" }));
    expect(await screen.findByText("Antibiotics within 1 hour is reported again.")).toBeInTheDocument();
    expect(state.collaboratives[0]!.measures.find((m) => m.id === "abx-1h")!.retired).toBeUndefined();

    // a measure with values in the run charts is not offered for deletion
    expect(screen.queryByRole("button", { name: "Delete Antibiotics within 1 hour" })).not.toBeInTheDocument();
    expect(screen.getByRole("listitem", { name: "Antibiotics within 1 hour" })).toHaveTextContent("has data: retire it rather than delete");
    // the server has the last word: its 409 is shown as it says
    await user.click(screen.getByRole("button", { name: "Delete Lactate measured" }));
    expect(await screen.findByText("lactate has data from 1 team: a measure with data is never deleted; retire it instead")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Delete Fluids within 3 hours" }));
    expect(await screen.findByText("Deleted Fluids within 3 hours.")).toBeInTheDocument();
    expect(screen.queryByRole("listitem", { name: "Fluids within 3 hours" })).not.toBeInTheDocument();
  });
});

describe("admin: teams", () => {
  it("adds a team with contacts: a bad e-mail on its row's field, the server's refusal of the join month on the join month", async () => {
    const { user, state } = renderAdmin({ hash: "#/admin/teams" });
    await user.click(await screen.findByRole("button", { name: "New team" }));
    const form = screen.getByRole("form", { name: "New team" });
    await user.type(field(/^Team id/, form), "riverside");
    await user.type(field(/^Team name/, form), "Riverside General");
    await user.type(field(/^Join month/, form), "2025-11");
    await user.click(within(form).getByRole("button", { name: "Add contact" }));
    await user.click(within(form).getByRole("button", { name: "Add contact" }));
    await user.type(field(/^Contact 1 name/, form), "Ada Lovelace");
    await user.type(field(/^Contact 1 e-mail/, form), "ada@riverside.org");
    await user.type(field(/^Contact 1 role/, form), "data lead");
    await user.type(field(/^Contact 2 name/, form), "Bob");
    await user.type(field(/^Contact 2 e-mail/, form), "bob at riverside");
    await user.click(within(form).getByRole("button", { name: "Add team" }));
    expect(messageOf(field(/^Contact 2 e-mail/, form))).toBe("must be an e-mail address such as name@hospital.org");
    expect(messageOf(field(/^Contact 1 e-mail/, form))).toBeNull();
    expect(state.calls).toEqual([]);

    await user.click(within(form).getByRole("button", { name: "Remove contact 2" }));
    expect(within(form).queryByRole("textbox", { name: /^Contact 2/ })).not.toBeInTheDocument();
    await user.click(within(form).getByRole("button", { name: "Add team" }));
    // the server's 422 names joinMonth: shown on the join month field
    await waitFor(() => expect(messageOf(field(/^Join month/, form))).toBe("use a month from 2026-01 to 2026-06"));
    expect(screen.getByText(/^Not added: the team has 1 problem/)).toBeInTheDocument();
    await user.clear(field(/^Join month/, form));
    await user.type(field(/^Join month/, form), "2026-03");
    await user.click(within(form).getByRole("button", { name: "Add team" }));
    expect(await screen.findByText("Added Riverside General.")).toBeInTheDocument();
    const item = screen.getByRole("listitem", { name: "Riverside General" });
    expect(item).toHaveTextContent("joins Mar 26 · 1 contact");
    expect(state.teams.sepsis!.at(-1)!.contacts).toEqual([{ name: "Ada Lovelace", email: "ada@riverside.org", role: "data lead" }]);
  });

  it("renames, opts out of reminders and adds a contact (only what changed is sent); deactivates and reactivates", async () => {
    const { user, state } = renderAdmin({ hash: "#/admin/teams" });
    await user.click(await screen.findByRole("button", { name: "Edit Alpha Hospital" }));
    const form = screen.getByRole("form", { name: "Edit Alpha Hospital" });
    await user.clear(field(/^Team name/, form));
    await user.type(field(/^Team name/, form), "Alpha General");
    await user.click(within(form).getByRole("switch", { name: /^Reminders for this team/ }));
    await user.click(within(form).getByRole("button", { name: "Add contact" }));
    await user.type(field(/^Contact 1 name/, form), "Cy");
    await user.type(field(/^Contact 1 e-mail/, form), "cy@alpha.org");
    await user.click(within(form).getByRole("button", { name: "Save team" }));
    expect(await screen.findByText("Saved Alpha General.")).toBeInTheDocument();
    expect(state.calls).toEqual([
      ["patchTeam", "sepsis", "alpha", { name: "Alpha General", remindersOptOut: true }],
      ["putContacts", "sepsis", "alpha", [{ name: "Cy", email: "cy@alpha.org", role: "" }]],
    ]);
    expect(within(screen.getByRole("listitem", { name: "Alpha General" })).getByText("no reminders")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Deactivate Alpha General" }));
    expect(await screen.findByText("Alpha General deactivated: no longer expected to report or reminded; its data stay.")).toBeInTheDocument();
    expect(within(screen.getByRole("listitem", { name: "Alpha General" })).getByText("inactive")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Reactivate Alpha General" }));
    expect(await screen.findByText("Alpha General takes part again.")).toBeInTheDocument();
    expect(state.calls.slice(2)).toEqual([
      ["patchTeam", "sepsis", "alpha", { active: false }],
      ["patchTeam", "sepsis", "alpha", { active: true }],
    ]);
  });
});

describe("admin: tokens", () => {
  it("issues a team token: a missing label on its field; the secret shown once with the warning and a copy button, then gone for good", async () => {
    const { user, state, copied } = renderAdmin({ hash: "#/admin/tokens" });
    await user.click(await screen.findByRole("button", { name: "Issue token" }));
    expect(messageOf(field(/^Label/))).toMatch(/^give the token a label people will recognise/);
    await user.type(field(/^Expires/), "2026-04-01");
    await user.type(field(/^Label/), "Alpha data lead");
    await user.click(screen.getByRole("button", { name: "Issue token" }));
    expect(messageOf(field(/^Expires/))).toBe("use a date after today (2026-04-20), or leave it blank for no expiry");
    await user.clear(field(/^Expires/));
    await user.type(field(/^Expires/), "30 June");
    await user.click(screen.getByRole("button", { name: "Issue token" }));
    expect(messageOf(field(/^Expires/))).toBe("use a date such as 2027-06-30");
    expect(state.calls).toEqual([]);
    await user.clear(field(/^Expires/));
    await user.type(field(/^Expires/), "2027-06-30");
    await user.click(screen.getByRole("button", { name: "Issue token" }));

    const shown = await screen.findByRole("region", { name: "New token" });
    expect(shown).toHaveTextContent(SECRET_ONCE);
    expect(within(shown).getByRole("textbox", { name: "The token" })).toHaveValue(SECRET);
    expect(within(shown).getByRole("heading")).toHaveTextContent("Token for Alpha data lead (team, Alpha Hospital)");
    await user.click(within(shown).getByRole("button", { name: "Copy token" }));
    expect(await within(shown).findByText("Copied to the clipboard.")).toBeInTheDocument();
    expect(copied).toEqual([SECRET]);
    expect(state.calls).toEqual([["issueToken", { role: "team", collaborativeId: "sepsis", teamId: "alpha", label: "Alpha data lead", expiresAt: "2027-06-30" }]]);

    // the list: prefix, role, team, label, expiry, state; never the secret
    const table = screen.getByRole("table", { name: "Issued tokens" });
    expect([...within(table).getAllByRole("row")[1]!.querySelectorAll("td")].map((c) => c.textContent)).toEqual([`${SECRET.slice(0, 7)}…`, "team", "Alpha Hospital", "Alpha data lead", "2026-04-20", "through 2027-06-30", "active", "Revoke"]);
    await user.click(within(shown).getByRole("button", { name: "I have copied it" }));
    expect(screen.queryByRole("region", { name: "New token" })).not.toBeInTheDocument();
    expect(document.body.textContent).not.toContain(SECRET);
    expect([...document.querySelectorAll("input")].some((i) => i.value === SECRET)).toBe(false);
  });

  it("when the browser refuses the clipboard, the secret is selected for copying by hand", async () => {
    const { user } = renderAdmin({ hash: "#/admin/tokens", copyWorks: false });
    await user.selectOptions(await screen.findByRole("combobox", { name: /^Role/ }), "faculty");
    expect(screen.queryByRole("combobox", { name: /^Team/ })).not.toBeInTheDocument();
    await user.type(field(/^Label/), "Coach Kim");
    await user.click(screen.getByRole("button", { name: "Issue token" }));
    const shown = await screen.findByRole("region", { name: "New token" });
    await user.click(within(shown).getByRole("button", { name: "Copy token" }));
    expect(await within(shown).findByText(/^The browser did not allow copying: the token is selected in the field, press Ctrl\+C/)).toBeInTheDocument();
    const input = within(shown).getByRole<HTMLInputElement>("textbox", { name: "The token" });
    expect(input).toHaveFocus();
    expect(input.value.slice(input.selectionStart ?? 0, input.selectionEnd ?? 0)).toBe(SECRET);
  });

  it("revokes only after confirming", async () => {
    const state = adminState();
    state.tokens.push({ id: "tok-9", prefix: "qi_abcd", role: "faculty", collaborativeId: "sepsis", teamId: null, label: "Coach Kim", createdAt: "2026-03-01T00:00:00.000Z", expiresAt: null, revokedAt: null });
    const { user } = renderAdmin({ hash: "#/admin/tokens", state });
    await user.click(await screen.findByRole("button", { name: "Revoke Coach Kim" }));
    const ask = await screen.findByRole("group", { name: "Revoke Coach Kim?" });
    expect(ask).toHaveTextContent("It stops working at once, for good");
    expect(within(ask).getByRole("button", { name: "Keep it" })).toHaveFocus();
    await user.click(within(ask).getByRole("button", { name: "Keep it" }));
    expect(screen.queryByRole("group", { name: "Revoke Coach Kim?" })).not.toBeInTheDocument();
    expect(state.calls).toEqual([]);
    await user.click(screen.getByRole("button", { name: "Revoke Coach Kim" }));
    await user.click(within(await screen.findByRole("group", { name: "Revoke Coach Kim?" })).getByRole("button", { name: "Revoke token" }));
    await waitFor(() => expect(screen.getByRole("table", { name: "Issued tokens" })).toHaveTextContent("revoked 2026-04-21"));
    expect(state.calls).toEqual([["revokeToken", "tok-9"]]);
    expect(screen.queryByRole("button", { name: "Revoke Coach Kim" })).not.toBeInTheDocument();
  });
});

describe("admin: months and the audit log", () => {
  it("locks a month; reopening needs a reason, said on the reason field", async () => {
    const { user, state } = renderAdmin({ hash: "#/admin/months" });
    await user.click(await screen.findByRole("button", { name: "Lock Feb 26" }));
    expect(await screen.findByText("Feb 26 is locked: reports for it are refused until it is reopened.")).toBeInTheDocument();
    expect(within(screen.getByRole("row", { name: "Feb 26" })).getByText("locked by an admin")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Reopen Feb 26" }));
    const form = screen.getByRole("form", { name: "Reopen Feb 26" });
    await user.click(within(form).getByRole("button", { name: "Reopen" }));
    const reason = within(form).getByRole("textbox", { name: /^Why reopen Feb 26/ });
    expect(messageOf(reason)).toMatch(/^say why the month is reopened \(at least \d+ characters\)/);
    await user.type(reason, "late data from ward 4");
    await user.click(within(form).getByRole("button", { name: "Reopen" }));
    expect(await screen.findByText("Feb 26 is reopened.")).toBeInTheDocument();
    expect(within(screen.getByRole("row", { name: "Feb 26" })).getByText("late data from ward 4")).toBeInTheDocument();
    expect(state.calls).toEqual([
      ["changePeriod", "sepsis", "2026-02", "lock", {}],
      ["changePeriod", "sepsis", "2026-02", "reopen", { reason: "late data from ward 4" }],
    ]);
  });

  it("the audit log: newest first, filtered by who and what, older pages on request", async () => {
    const { user, state } = renderAdmin({ hash: "#/admin/audit" });
    const table = await screen.findByRole("table", { name: "Audit log" });
    expect(within(table).getAllByRole("row")).toHaveLength(51);
    await user.click(screen.getByRole("button", { name: "Older" }));
    await waitFor(() => expect(within(table).getAllByRole("row")).toHaveLength(61));
    expect(screen.queryByRole("button", { name: "Older" })).not.toBeInTheDocument();

    await user.type(field(/^Who/), "cli");
    await user.type(field(/^What/), "period.lock");
    await user.click(screen.getByRole("button", { name: "Filter" }));
    await waitFor(() => expect(within(screen.getByRole("table", { name: "Audit log" })).getAllByRole("row")).toHaveLength(11));
    const rows = within(screen.getByRole("table", { name: "Audit log" })).getAllByRole("row").slice(1);
    for (const row of rows) expect(row).toHaveTextContent(/admin cli.*period\.lock.*period: 2026-01/);
    expect(state.calls.at(-1)).toEqual(["audit", expect.objectContaining({ collaborativeId: "sepsis", actor: "cli", action: "period.lock", limit: 50 })]);
  });

  it("tabs are addressed by the hash: choosing one changes it, and a changed hash opens its tab", async () => {
    const { user } = renderAdmin({ hash: "#/admin/settings" });
    await user.click(await screen.findByRole("tab", { name: "Teams" }));
    expect(await screen.findByRole("heading", { name: "Teams", level: 2 })).toBeInTheDocument();
    expect(window.location.hash).toBe("#/admin/teams");
    await act(async () => {
      window.location.hash = "#/admin/months";
      window.dispatchEvent(new HashChangeEvent("hashchange"));
    });
    expect(await screen.findByRole("heading", { name: "Months", level: 2 })).toBeInTheDocument();
    expect(screen.getByRole("tab", { name: "Months" })).toHaveAttribute("aria-selected", "true");
  });
});
