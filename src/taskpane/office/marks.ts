// Marks bad cells: a fill and a note ("QI check: …"), and takes them away again once the cell is fixed.
// The marked cells and each one's original fill are remembered in the workbook's settings, so the marks
// can be undone in a later session (or by another copy of the add-in) without guessing.
//
// Rules that keep a person's own formatting safe:
// - a cell's fill is restored only if it still has our mark colour (a fill the user changed is kept);
// - only notes that start with "QI check:" are ours to rewrite or delete; a cell that already has a
//   note of its own keeps it, and gets the fill only;
// - notes need ExcelApi 1.18; on older Excel the cells get the fill only (the pane lists the issue).
//
// Excel.run has no rollback: a sync that fails leaves every earlier sync applied. So the register of
// marks is written first, in its own sync, before any fill: whatever fails later, the workbook already
// knows every cell that may carry our fill and can undo it next time. Protected sheets are skipped
// (a fill there fails the batch) and named in the result; notes go in their own step, because Excel
// refuses a note on a cell that has a threaded comment, and such a cell keeps the fill only.
import type { CellMark, MarkResult } from "../host";
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

/** A mark as it will be written: the cell, our fill, and whether the cell's note is ours to write. */
interface Planned {
  mark: CellMark;
  stored: StoredMark;
  range: Excel.Range;
  sheet: Excel.Worksheet;
  note: Excel.Note | null;
}

/**
 * Makes `marks` the set of marked cells. Marks on sheets that no longer exist are forgotten; marks on
 * protected sheets are left as they are (added later, once the sheet is unprotected).
 *
 * Round trips, whatever the number of cells (each step is its own `context.sync()`):
 * 1. the register, the sheet names and which sheets are protected (`WorksheetProtection.protected`);
 * 2. the fills and notes of the cells involved;
 * 3. the register, written before any fill: the new marks plus the old ones not yet undone;
 * 4. the fills: old marks restored ("no fill" is `RangeFill.clear()`, not a white fill, which would
 *    hide the gridlines), new marks set;
 * 5. the notes; if Excel refuses them (a threaded comment on a cell), one sync per note to find
 *    which cells refused, and those keep the fill only;
 * 6. the register again, only when it changed (old marks undone, or notes refused).
 *
 * @returns the protected sheets that were skipped and the cells ("Sheet!B3") that refused a note
 */
export async function markCells(run: ExcelRun, supports: SupportsApi, marks: readonly CellMark[]): Promise<MarkResult> {
  const notesSupported = supports("ExcelApi", "1.18");
  const patternSupported = supports("ExcelApi", "1.9");
  return run(async (context) => {
    const workbook = context.workbook;
    const setting = workbook.settings.getItemOrNullObject(MARKS_KEY);
    setting.load("isNullObject, value");
    const sheets = workbook.worksheets;
    sheets.load("items/name, items/protection/protected");
    await context.sync();

    const previous = setting.isNullObject ? [] : parseStoredMarks(setting.value);
    const protectedSheets = new Set(sheets.items.filter((s) => s.protection.protected).map((s) => s.name));
    const writable = new Set(sheets.items.map((s) => s.name).filter((name) => !protectedSheets.has(name)));
    const skipped = new Set<string>();
    const wanted = new Map<string, CellMark>();
    for (const mark of marks) {
      if (protectedSheets.has(mark.sheetName)) skipped.add(mark.sheetName);
      else if (writable.has(mark.sheetName)) wanted.set(keyOf(mark), mark);
    }
    // Old marks on a protected sheet stay in the register untouched, to be undone once it is unprotected.
    const kept = previous.filter((p) => protectedSheets.has(p.sheetName));
    for (const p of kept) skipped.add(p.sheetName);
    const previousByKey = new Map(previous.filter((p) => writable.has(p.sheetName)).map((p) => [keyOf(p), p]));

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

    const planned: Planned[] = current.map(({ mark, stored, sheet, range, note }) => {
      const fill = MARK_FILL[mark.severity];
      let originalFill: string | null;
      if (stored) originalFill = stored.originalFill;
      else if (patternSupported) originalFill = range.format.fill.pattern === "None" ? null : (range.format.fill.color ?? null);
      else originalFill = sameColour(range.format.fill.color, "#FFFFFF") ? null : (range.format.fill.color ?? null);
      if (stored && !sameColour(range.format.fill.color, stored.fill)) originalFill = range.format.fill.color ?? null; // the user re-filled it meanwhile
      const ours = note !== null && (note.isNullObject || (typeof note.content === "string" && note.content.startsWith(NOTE_PREFIX)));
      return { mark, range, sheet, note, stored: { sheetName: mark.sheetName, address: mark.address, fill, originalFill, note: ours } };
    });
    const writeRegister = (entries: readonly StoredMark[]) => {
      if (entries.length > 0) workbook.settings.add(MARKS_KEY, JSON.stringify(entries));
      else if (!setting.isNullObject) setting.delete();
    };

    // Round trip 3: the register first, so a failure below never leaves a fill the add-in cannot undo.
    const firstRegister = [...planned.map((p) => p.stored), ...stale.map((s) => s.stored), ...kept];
    const changed = firstRegister.length > 0 || previous.length > 0;
    if (changed) {
      writeRegister(firstRegister);
      await context.sync();
    }

    // Round trip 4: the fills.
    for (const { stored, range } of stale) {
      if (!sameColour(range.format.fill.color, stored.fill)) continue; // the user changed it: theirs now
      if (stored.originalFill === null) range.format.fill.clear();
      else range.format.fill.color = stored.originalFill;
    }
    for (const { stored, range } of planned) range.format.fill.color = stored.fill;
    if (stale.length + planned.length > 0) await context.sync();

    // Round trip 5: the notes, all at once; cell by cell only if Excel refuses one.
    type NoteWrite = { key: string; write: () => void; added?: { sheet: Excel.Worksheet; address: string; text: string } };
    const noteWrites: NoteWrite[] = [];
    for (const { stored, note } of stale) {
      if (note && !note.isNullObject && typeof note.content === "string" && note.content.startsWith(NOTE_PREFIX)) noteWrites.push({ key: keyOf(stored), write: () => note.delete() });
    }
    for (const p of planned) {
      if (!p.stored.note || !p.note) continue;
      const text = noteText(p.mark);
      const key = keyOf(p.stored);
      if (p.note.isNullObject) noteWrites.push({ key, write: () => void p.sheet.notes.add(p.range, text), added: { sheet: p.sheet, address: p.mark.address, text } });
      else if (p.note.content !== text) {
        const existing = p.note;
        noteWrites.push({ key, write: () => void (existing.content = text) });
      }
    }
    const refused = new Set<string>();
    if (noteWrites.length > 0) {
      try {
        for (const { write } of noteWrites) write();
        await context.sync();
      } catch {
        // The writes before the refused one may have applied (no rollback): each is checked, then retried alone.
        for (const { key, write, added } of noteWrites) {
          try {
            if (added) {
              const now = added.sheet.notes.getItemOrNullObject(added.address);
              now.load("isNullObject, content");
              await context.sync();
              if (!now.isNullObject) {
                if (now.content !== added.text) refused.add(key);
                continue;
              }
            }
            write();
            await context.sync();
          } catch {
            refused.add(key);
          }
        }
      }
    }
    const notesRefused: string[] = [];
    for (const p of planned) {
      if (refused.has(keyOf(p.stored))) {
        p.stored.note = false;
        notesRefused.push(`${p.mark.sheetName}!${p.mark.address}`);
      }
    }

    // Round trip 6: the register as it now stands, when it differs from the one written first.
    const finalRegister = [...planned.map((p) => p.stored), ...kept];
    if (changed && (stale.length > 0 || notesRefused.length > 0)) {
      writeRegister(finalRegister);
      await context.sync();
    }
    return { skippedSheets: [...skipped], notesRefused };
  });
}
