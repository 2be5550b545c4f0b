// Marks bad cells: a fill and a note ("QI check: …"), and takes them away again once the cell is fixed.
// The marked cells and each one's original fill are remembered in the workbook's settings, so the marks
// can be undone in a later session (or by another copy of the add-in) without guessing.
//
// Rules that keep a person's own formatting safe:
// - a cell's fill is restored only if it still has our mark colour (a fill the user changed is kept);
// - only notes that start with "QI check:" are ours to rewrite or delete; a cell that already has a
//   note of its own keeps it, and gets the fill only;
// - notes need ExcelApi 1.18; on older Excel the cells get the fill only (the pane lists the issue).
import type { CellMark } from "../host";
import type { ExcelRun, SupportsApi } from "./run";

export const MARKS_KEY = "qi.marks";
export const NOTE_PREFIX = "QI check: ";
/** Light red and light yellow, the fills Excel's own conditional-formatting presets use. */
export const MARK_FILL = { error: "#FFC7CE", warning: "#FFEB9C" } as const;

/** What the workbook remembers per marked cell. */
export interface StoredMark {
  sheetName: string;
  address: string;
  /** The fill we set. */
  fill: string;
  /** The cell's fill before; null for no fill. */
  originalFill: string | null;
  /** Whether we added a note (and may delete it). */
  note: boolean;
}

const keyOf = (mark: { sheetName: string; address: string }) => `${mark.sheetName}!${mark.address.replace(/\$/g, "").toUpperCase()}`;

export function parseStoredMarks(raw: unknown): StoredMark[] {
  let value = raw;
  if (typeof raw === "string") {
    try {
      value = JSON.parse(raw);
    } catch {
      return [];
    }
  }
  if (!Array.isArray(value)) return [];
  return value.filter(
    (m): m is StoredMark =>
      m !== null && typeof m === "object" && typeof m.sheetName === "string" && typeof m.address === "string" && typeof m.fill === "string",
  );
}

function noteText(mark: CellMark): string {
  return NOTE_PREFIX + mark.message;
}

function sameColour(a: string | null | undefined, b: string | null | undefined): boolean {
  return typeof a === "string" && typeof b === "string" && a.toUpperCase() === b.toUpperCase();
}

/**
 * Makes `marks` the set of marked cells in three round trips, whatever the number of cells: the stored
 * marks and sheet names, then the fills and notes of the cells involved, then every write. Marks on
 * sheets that no longer exist are forgotten.
 */
export async function markCells(run: ExcelRun, supports: SupportsApi, marks: readonly CellMark[]): Promise<void> {
  const notesSupported = supports("ExcelApi", "1.18");
  const patternSupported = supports("ExcelApi", "1.9");
  await run(async (context) => {
    const workbook = context.workbook;
    const setting = workbook.settings.getItemOrNullObject(MARKS_KEY);
    setting.load("isNullObject, value");
    const sheets = workbook.worksheets;
    sheets.load("items/name");
    await context.sync();

    const previous = setting.isNullObject ? [] : parseStoredMarks(setting.value);
    const sheetNames = new Set(sheets.items.map((s) => s.name));
    const wanted = new Map<string, CellMark>();
    for (const mark of marks) if (sheetNames.has(mark.sheetName)) wanted.set(keyOf(mark), mark);
    const previousByKey = new Map(previous.filter((p) => sheetNames.has(p.sheetName)).map((p) => [keyOf(p), p]));

    // Round trip 2: read fills and notes of every cell we will touch.
    const cell = (sheetName: string, address: string) => {
      const sheet = workbook.worksheets.getItem(sheetName);
      const range = sheet.getRange(address);
      range.format.fill.load(patternSupported ? "color, pattern" : "color");
      let note: Excel.Note | null = null;
      if (notesSupported) {
        note = sheet.notes.getItemOrNullObject(address);
        note.load("isNullObject, content");
      }
      return { sheet, range, note };
    };
    const stale = [...previousByKey.entries()].filter(([key]) => !wanted.has(key)).map(([, stored]) => ({ stored, ...cell(stored.sheetName, stored.address) }));
    const current = [...wanted.entries()].map(([key, mark]) => ({ mark, stored: previousByKey.get(key) ?? null, ...cell(mark.sheetName, mark.address) }));
    await context.sync();

    // Round trip 3: undo stale marks, set new ones, remember them.
    for (const { stored, range, note } of stale) {
      if (sameColour(range.format.fill.color, stored.fill)) {
        if (stored.originalFill === null) range.format.fill.clear();
        else range.format.fill.color = stored.originalFill;
      }
      if (note && !note.isNullObject && typeof note.content === "string" && note.content.startsWith(NOTE_PREFIX)) note.delete();
    }
    const remembered: StoredMark[] = [];
    for (const { mark, stored, sheet, range, note } of current) {
      const fill = MARK_FILL[mark.severity];
      let originalFill: string | null;
      if (stored) originalFill = stored.originalFill;
      else if (patternSupported) originalFill = range.format.fill.pattern === "None" ? null : (range.format.fill.color ?? null);
      else originalFill = sameColour(range.format.fill.color, "#FFFFFF") ? null : (range.format.fill.color ?? null);
      if (stored && !sameColour(range.format.fill.color, stored.fill)) originalFill = range.format.fill.color ?? null; // the user re-filled it meanwhile
      range.format.fill.color = fill;

      let ours = false;
      if (note) {
        if (note.isNullObject) {
          sheet.notes.add(range, noteText(mark));
          ours = true;
        } else if (typeof note.content === "string" && note.content.startsWith(NOTE_PREFIX)) {
          if (note.content !== noteText(mark)) note.content = noteText(mark);
          ours = true;
        }
      }
      remembered.push({ sheetName: mark.sheetName, address: mark.address, fill, originalFill, note: ours });
    }
    if (remembered.length === 0) {
      if (!setting.isNullObject) setting.delete();
    } else {
      workbook.settings.add(MARKS_KEY, JSON.stringify(remembered));
    }
    await context.sync();
  });
}
