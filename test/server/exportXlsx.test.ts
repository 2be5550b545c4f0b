// GET …/export.xlsx: the workbook read back with exceljs: its sheets, values, and the formula guard
// it shares with the CSV export (a leading ' on text that would start a formula; numbers untouched).
import ExcelJS from "exceljs";
import { neutraliseFormula } from "../../src/server/views/formulaGuard";
import { csvText } from "../../src/server/views/csv";
import { xlsxValue } from "../../src/server/views/xlsx";
import { call, makeWorld, type World } from "./helpers";

const base = "/api/v1/collaboratives/sepsis";

async function download(w: World, token: string): Promise<{ status: number; headers: Headers; workbook: ExcelJS.Workbook }> {
  const response = await w.app.request(`${base}/export.xlsx`, { headers: { authorization: `Bearer ${token}` } });
  const workbook = new ExcelJS.Workbook();
  if (response.status === 200) await workbook.xlsx.load(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, workbook };
}

/** A sheet as objects keyed by its header row. */
function rowsOf(workbook: ExcelJS.Workbook, name: string): Array<Record<string, unknown>> {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const out: Array<Record<string, unknown>> = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const values = row.values as unknown[];
    out.push(Object.fromEntries(header.map((h, i) => [h, values[i + 1] ?? null])));
  });
  return out;
}

describe("the exports' one formula guard", () => {
  it("neutraliseFormula(text) prefixes ' to text starting with =, +, -, @, tab or CR, and the CSV and xlsx writers both use it", () => {
    for (const danger of ["=1+1", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://x","click")']) {
      expect(neutraliseFormula(danger)).toBe(`'${danger}`);
      expect(xlsxValue(danger)).toBe(`'${danger}`);
      expect(csvText(danger).replace(/^"|"$/g, "").replace(/""/g, '"')).toBe(`'${danger}`);
    }
    for (const safe of ["ok", "1+1=2", "", "a-b"]) expect(neutraliseFormula(safe)).toBe(safe);
    expect(xlsxValue(-3.5)).toBe(-3.5);
    expect(xlsxValue(Number.NaN)).toBeNull();
    expect(xlsxValue(null)).toBeNull();
    expect(xlsxValue("")).toBeNull();
  });
});

describe("GET export.xlsx", () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld();
    await w.store.addTeam("sepsis", { id: "evil", name: '=HYPERLINK("http://x","click")', organisation: "+cmd|' /C calc'!A0" }, "2026-01-01T00:00:00.000Z", { tokenId: null, label: "t" });
    const send = async (token: string, body: unknown, at: string) => {
      w.clock.set(at);
      const reply = await call(w.app, "POST", `${base}/submissions`, { token, body });
      if (reply.status !== 201) throw new Error(reply.text);
    };
    await send(
      w.tokens.alpha,
      {
        reportingMonth: "2026-02",
        points: [
          { measureId: "abx-1h", period: "2026-02", numerator: 40, denominator: 50, annotation: "=HYPERLINK(\"http://evil\",\"x\")" },
          { measureId: "door-to-abx", period: "2026-02", value: -3.5, annotation: "-2+3" },
        ],
        narrative: { changesTested: "@triage screen", lessons: "huddles work", barriers: "+staffing", helpWanted: "" },
        cycles: [
          { cycleId: "1", changeIdea: "Sepsis screen at triage", measureIds: ["abx-1h"], prediction: "more within the hour", startDate: "2026-02-02", endDate: "2026-02-27", whatHappened: "night shift missed it", decision: "adapt" },
          { cycleId: "2", changeIdea: "=HYPERLINK(\"http://evil\",\"grab bag\")", measureIds: ["abx-1h", "door-to-abx"], prediction: "", startDate: "2026-02-16", endDate: null, whatHappened: "", decision: null },
        ],
      },
      "2026-03-05T10:00:00.000Z",
    );
    await send(w.tokens.alpha, { reportingMonth: "2026-02", points: [{ measureId: "abx-1h", period: "2026-02", numerator: 45, denominator: 50 }] }, "2026-03-06T10:00:00.000Z");
    await call(w.app, "POST", `${base}/submissions?teamId=evil`, { token: w.tokens.admin, body: { reportingMonth: "2026-02", points: [{ measureId: "abx-1h", period: "2026-02", numerator: 1, denominator: 2 }] } });
    const scored = await call(w.app, "PUT", `${base}/teams/alpha/scores/2026-02`, { token: w.tokens.faculty, body: { score: 3.5, rationale: "=1+1 compliance up" } });
    if (scored.status !== 200) throw new Error(scored.text);
  });
  afterAll(async () => w.close());

  it("is a workbook with About, Points, Point revisions, Narratives, Scores and PDSA cycles", async () => {
    const { status, headers, workbook } = await download(w, w.tokens.faculty);
    expect(status).toBe(200);
    expect(headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(headers.get("content-disposition")).toBe('attachment; filename="sepsis-export.xlsx"');
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["About", "Points", "Point revisions", "Narratives", "Scores", "PDSA cycles"]);
    expect(rowsOf(workbook, "About").find((r) => r.field === "sharing")).toEqual({ field: "sharing", value: "named" });
  });

  it("Points: the current values, numbers as numbers (negative included), formula-like text kept as text with a leading '", async () => {
    const points = rowsOf((await download(w, w.tokens.admin)).workbook, "Points");
    const abx = points.find((p) => p.team_id === "alpha" && p.measure_id === "abx-1h");
    expect(abx).toMatchObject({ team: "Alpha Hospital", period: "2026-02", numerator: 45, denominator: 50, value: 90, revision: 2, annotation: "'=HYPERLINK(\"http://evil\",\"x\")" });
    expect(points.find((p) => p.measure_id === "door-to-abx")).toMatchObject({ value: -3.5, annotation: "'-2+3", numerator: null });
    expect(points.find((p) => p.team_id === "evil")).toMatchObject({ team: "'=HYPERLINK(\"http://x\",\"click\")", organisation: "'+cmd|' /C calc'!A0" });
  });

  it("no cell of any sheet is a formula, and no text cell starts a formula", async () => {
    const { workbook } = await download(w, w.tokens.faculty);
    let cells = 0;
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          cells += 1;
          expect(cell.type === ExcelJS.ValueType.Number || cell.type === ExcelJS.ValueType.String).toBe(true);
          if (typeof cell.value === "string") expect(cell.value).not.toMatch(/^[=+\-@\t\r]/);
        }),
      ),
    );
    expect(cells).toBeGreaterThan(50);
  });

  it("Point revisions: every change in order, with its report's revision", async () => {
    const revisions = rowsOf((await download(w, w.tokens.faculty)).workbook, "Point revisions").filter((r) => r.team_id === "alpha" && r.measure_id === "abx-1h");
    expect(revisions.map((r) => [r.revision, r.change, r.numerator, r.value, r.received_at])).toEqual([
      [1, "created", 40, 80, "2026-03-05T10:00:00.000Z"],
      [2, "updated", 45, 90, "2026-03-06T10:00:00.000Z"],
    ]);
  });

  it("Narratives and Scores: every field by name, guarded", async () => {
    const { workbook } = await download(w, w.tokens.faculty);
    expect(rowsOf(workbook, "Narratives")).toEqual([
      { team_id: "alpha", team: "Alpha Hospital", reporting_month: "2026-02", revision: 1, received_at: "2026-03-05T10:00:00.000Z", changes_tested: "'@triage screen", lessons: "huddles work", barriers: "'+staffing", help_wanted: null },
    ]);
    expect(rowsOf(workbook, "Scores")).toEqual([
      expect.objectContaining({ team_id: "alpha", period: "2026-02", source: "faculty", score: 3.5, rationale: "'=1+1 compliance up", by: "faculty" }),
    ]);
  });

  it("PDSA cycles: each team's cycles as last sent, measures by id and name, the revision that sent them, guarded", async () => {
    const cycles = rowsOf((await download(w, w.tokens.faculty)).workbook, "PDSA cycles");
    expect(cycles.map((c) => [c.team_id, c.cycle, c.change_idea, c.measure_ids, c.start_date, c.end_date, c.decision, c.revision])).toEqual([
      ["alpha", "1", "Sepsis screen at triage", "abx-1h", "2026-02-02", "2026-02-27", "adapt", 1],
      ["alpha", "2", "'=HYPERLINK(\"http://evil\",\"grab bag\")", "abx-1h, door-to-abx", "2026-02-16", null, null, 1],
    ]);
    expect(cycles[0]).toMatchObject({ team: "Alpha Hospital", measures: "Antibiotics within 1 hour", what_happened: "night shift missed it" });
  });

  it("teams may not export (403), whatever the sharing mode", async () => {
    expect((await download(w, w.tokens.alpha)).status).toBe(403);
    expect((await download(w, w.tokens.otherFaculty)).status).toBe(403);
  });
});
