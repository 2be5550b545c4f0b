// An in-memory workbook implementing the task pane's ExcelHost, for tests. It is ONE self-contained
// function so Playwright can ship it into the page with page.addInitScript(installFakeWorkbook, seed)
// (no imports or outer variables may be used inside it); jsdom tests call it directly on their window.
//
// It defines:
// - window.__QI_TEST_HOST__: the ExcelHost (marked `qiTestHost: 1`, the marker src/taskpane/index.tsx
//   requires before it uses an injected host outside Office);
// - window.__QI_TEST_WORKBOOK__: the workbook itself, so a test can read marks and the selection and
//   "type" into cells (setCell) as a data lead would.

export type FakeCell = string | number | boolean | null;

export interface FakeWorkbookSeed {
  /** Sheet name → rows of cells starting at A1 ("" for blank). A string starting with "=" is a formula whose value is given in `values` when needed. */
  sheets: Record<string, FakeCell[][]>;
  settings?: Record<string, unknown>;
  /** Milliseconds each readSheet block takes, to see the progress bar (default 0). */
  readDelayMs?: number;
}

export interface FakeMark {
  sheetName: string;
  address: string;
  severity: "error" | "warning";
  message: string;
}

export interface FakeWorkbook {
  sheets: Record<string, FakeCell[][]>;
  settings: Record<string, unknown>;
  marks: FakeMark[];
  selected: { sheetName: string; address: string } | null;
  created: unknown[];
  /** How many times each sheet was read. */
  reads: Record<string, number>;
  setCell(sheetName: string, address: string, value: FakeCell): void;
  getCell(sheetName: string, address: string): FakeCell;
}

export function installFakeWorkbook(seed: FakeWorkbookSeed): void {
  const target = globalThis as unknown as { __QI_TEST_HOST__?: unknown; __QI_TEST_WORKBOOK__?: FakeWorkbook };
  const parse = (address: string) => {
    const match = /^\$?([A-Z]+)\$?(\d+)$/.exec(address.toUpperCase());
    if (!match) throw new Error(`not a cell address: ${address}`);
    let column = 0;
    for (const letter of match[1]!) column = column * 26 + letter.charCodeAt(0) - 64;
    return { row: Number(match[2]) - 1, column: column - 1 };
  };
  const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  const workbook: FakeWorkbook = {
    sheets: copy(seed.sheets),
    settings: copy(seed.settings ?? {}),
    marks: [],
    selected: null,
    created: [],
    reads: {},
    setCell(sheetName, address, value) {
      const sheet = workbook.sheets[sheetName];
      if (!sheet) throw new Error(`no sheet ${sheetName}`);
      const { row, column } = parse(address);
      while (sheet.length <= row) sheet.push([]);
      const cells = sheet[row]!;
      while (cells.length <= column) cells.push("");
      cells[column] = value;
    },
    getCell(sheetName, address) {
      const { row, column } = parse(address);
      return workbook.sheets[sheetName]?.[row]?.[column] ?? "";
    },
  };

  const host = {
    qiTestHost: 1,
    kind: "test",
    async listSheets() {
      return Object.keys(workbook.sheets);
    },
    async readSheet(sheetName: string, onProgress?: (p: { rowsRead: number; rowCount: number }) => void) {
      const sheet = workbook.sheets[sheetName];
      if (!sheet) throw new Error(`The sheet "${sheetName}" does not exist (it may have been renamed or deleted).`);
      workbook.reads[sheetName] = (workbook.reads[sheetName] ?? 0) + 1;
      const rowCount = sheet.length;
      const columnCount = Math.max(0, ...sheet.map((r) => r.length));
      const values = sheet.map((r) => Array.from({ length: columnCount }, (_, c) => {
        const cell = r[c];
        return cell === undefined || cell === null ? "" : cell;
      }));
      for (let done = 0; done < rowCount; done += 10) {
        if (seed.readDelayMs) await sleep(seed.readDelayMs);
        onProgress?.({ rowsRead: Math.min(rowCount, done + 10), rowCount });
      }
      return {
        sheetName,
        values,
        formulas: copy(values),
        numberFormat: values.map((r) => r.map(() => "General")),
        origin: { row: 0, column: 0 },
      };
    },
    async createMeasureSheet(layout: { sheetName: string; headers: string[]; rows: FakeCell[][] }) {
      let name = layout.sheetName;
      for (let i = 2; workbook.sheets[name]; i++) name = `${layout.sheetName} (${i})`;
      // Formulas are not evaluated here: a formula cell reads as blank, as an empty Value would.
      workbook.sheets[name] = [layout.headers.slice(), ...layout.rows.map((row) => row.map((cell) => (typeof cell === "string" && cell.startsWith("=") ? "" : cell)))];
      workbook.created.push(copy(layout));
      return { sheetName: name };
    },
    async markCells(marks: FakeMark[]) {
      workbook.marks = copy(marks);
    },
    async clearMarks() {
      workbook.marks = [];
    },
    async selectCell(sheetName: string, address: string) {
      if (!workbook.sheets[sheetName]) throw new Error(`no sheet ${sheetName}`);
      workbook.selected = { sheetName, address };
    },
    async getSettings() {
      return copy(workbook.settings);
    },
    async saveSettings(settings: Record<string, unknown>) {
      workbook.settings = copy(settings);
    },
  };
  target.__QI_TEST_HOST__ = host;
  target.__QI_TEST_WORKBOOK__ = workbook;
}
