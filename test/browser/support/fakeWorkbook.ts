// An in-memory workbook implementing the task pane's ExcelHost, for tests. It is ONE self-contained
// function so Playwright can ship it into the page with page.addInitScript(installFakeWorkbook, seed)
// (no imports or outer variables may be used inside it); jsdom tests call it directly on their window.
//
// It defines:
// - window.__QI_TEST_HOST__: the ExcelHost (marked `qiTestHost: 1`, the marker src/taskpane/index.tsx
//   requires before it uses an injected host outside Office);
// - window.__QI_TEST_WORKBOOK__: the workbook itself, so a test can read marks and the selection and
//   "type" into cells (setCell) as a data lead would.
//
// A sheet made by createMeasureSheet keeps the layout's formulas and evaluates the few the layout
// writes, as Excel would: the Value formulas ("" until both counts are typed), "Chart value"
// (=IF(ISNUMBER([@Value]),[@Value],NA()): #N/A, a gap in a line chart, for a month without data),
// "Median" (=QI.CENTERLINE([Value]): the median of the numbers, #N/A when there are none) and a constant
// Goal (=95). Its run chart is kept as series bound to table columns, read with chartSeries().

export type FakeCell = string | number | boolean | null;

export interface FakeWorkbookSeed {
  /** Sheet name → rows of cells starting at A1 ("" for blank). A string starting with "=" is a formula whose value is given in `values` when needed. */
  sheets: Record<string, FakeCell[][]>;
  settings?: Record<string, unknown>;
  /** Milliseconds each readSheet block takes, to see the progress bar (default 0). */
  readDelayMs?: number;
  /** Protected sheets: marks are not written there (markCells reports them, as the Excel adapter does). */
  protectedSheets?: string[];
}

/** One series of a created sheet's run chart: its name and the points Excel would plot ("#N/A" is a gap). */
export interface FakeChartSeries {
  name: string;
  /** The table column the series is bound to. */
  column: string;
  points: FakeCell[];
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
  protectedSheets: string[];
  /** Formulas of created sheets (sheet name → rows below the header, null where a cell holds a constant). */
  formulas: Record<string, (string | null)[][]>;
  /** Run charts of created sheets: the x column and each series' table column. */
  charts: Record<string, { x: string; series: { name: string; column: string }[] }>;
  /** The data labels labelCycles put on each sheet's chart (the value series' points), as Excel would show them. */
  cycleLabels: Record<string, { point: number; text: string }[]>;
  setCell(sheetName: string, address: string, value: FakeCell): void;
  getCell(sheetName: string, address: string): FakeCell;
  /** The points of each series of a created sheet's chart, as Excel would plot them now. */
  chartSeries(sheetName: string): FakeChartSeries[];
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

  // The formulas the measure-sheet layout writes, evaluated column by column (so Median sees every Value).
  const evaluate = (sheetName: string): void => {
    const sheet = workbook.sheets[sheetName];
    const formulas = workbook.formulas[sheetName];
    if (!sheet || !formulas) return;
    const headers = (sheet[0] ?? []).map(String);
    const at = (row: number, header: string): FakeCell => sheet[row + 1]?.[headers.indexOf(header)] ?? "";
    const isNumber = (cell: FakeCell): cell is number => typeof cell === "number" && Number.isFinite(cell);
    for (let c = 0; c < headers.length; c++) {
      for (let r = 0; r < formulas.length; r++) {
        const formula = formulas[r]?.[c];
        if (typeof formula !== "string") continue;
        let m: RegExpExecArray | null;
        let value: FakeCell = ""; // a formula the fake does not know reads as blank
        if ((m = /^=(-?\d+(?:\.\d+)?)$/.exec(formula))) value = Number(m[1]);
        else if ((m = /^=IF\(OR\(\[@(\w+)\]="",\[@(\w+)\]=""\),"",\[@\w+\]\/\[@\w+\]\*([\d.]+)\)$/.exec(formula))) {
          const n = at(r, m[1]!);
          const d = at(r, m[2]!);
          value = n === "" || d === "" ? "" : isNumber(n) && isNumber(d) ? (n / d) * Number(m[3]) : "#VALUE!";
        } else if ((m = /^=IF\(\[@(\w+)\]="","",\[@\w+\]\)$/.exec(formula))) value = at(r, m[1]!);
        else if ((m = /^=IF\(ISNUMBER\(\[@(\w+)\]\),\[@\w+\],NA\(\)\)$/.exec(formula))) {
          const v = at(r, m[1]!);
          value = isNumber(v) ? v : "#N/A";
        } else if ((m = /^=QI\.CENTERLINE\(\[(\w+)\]\)$/.exec(formula))) {
          const numbers = formulas.map((_, row) => at(row, m![1]!)).filter(isNumber).sort((a, b) => a - b);
          const mid = Math.floor(numbers.length / 2);
          value = numbers.length === 0 ? "#N/A" : numbers.length % 2 === 1 ? numbers[mid]! : (numbers[mid - 1]! + numbers[mid]!) / 2;
        }
        const cells = sheet[r + 1]!;
        while (cells.length <= c) cells.push("");
        cells[c] = value;
      }
    }
  };

  const workbook: FakeWorkbook = {
    sheets: copy(seed.sheets),
    settings: copy(seed.settings ?? {}),
    marks: [],
    selected: null,
    created: [],
    reads: {},
    protectedSheets: copy(seed.protectedSheets ?? []),
    formulas: {},
    charts: {},
    cycleLabels: {},
    setCell(sheetName, address, value) {
      const sheet = workbook.sheets[sheetName];
      if (!sheet) throw new Error(`no sheet ${sheetName}`);
      const { row, column } = parse(address);
      while (sheet.length <= row) sheet.push([]);
      const cells = sheet[row]!;
      while (cells.length <= column) cells.push("");
      cells[column] = value;
      const formulaRow = workbook.formulas[sheetName]?.[row - 1];
      if (formulaRow && column < formulaRow.length) formulaRow[column] = null; // typed over a formula
      evaluate(sheetName);
    },
    getCell(sheetName, address) {
      const { row, column } = parse(address);
      return workbook.sheets[sheetName]?.[row]?.[column] ?? "";
    },
    chartSeries(sheetName) {
      const chart = workbook.charts[sheetName];
      const sheet = workbook.sheets[sheetName];
      if (!chart || !sheet) return [];
      evaluate(sheetName);
      return chart.series.map(({ name, column }) => {
        const index = (sheet[0] ?? []).indexOf(column);
        return { name, column, points: sheet.slice(1).map((row) => row[index] ?? "") };
      });
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
    async createMeasureSheet(layout: {
      sheetName: string;
      headers: string[];
      rows: FakeCell[][];
      chart: { x: number; value: number; median: number; goal: number | null };
    }) {
      let name = layout.sheetName;
      for (let i = 2; workbook.sheets[name]; i++) name = `${layout.sheetName} (${i})`;
      const isFormula = (cell: FakeCell) => typeof cell === "string" && cell.startsWith("=");
      workbook.sheets[name] = [layout.headers.slice(), ...layout.rows.map((row) => row.map((cell) => (isFormula(cell) ? "" : cell)))];
      workbook.formulas[name] = layout.rows.map((row) => row.map((cell) => (isFormula(cell) ? (cell as string) : null)));
      const header = (index: number) => layout.headers[index]!;
      workbook.charts[name] = {
        x: header(layout.chart.x),
        series: [
          { name: "Value", column: header(layout.chart.value) },
          { name: "Median", column: header(layout.chart.median) },
          ...(layout.chart.goal === null ? [] : [{ name: "Goal", column: header(layout.chart.goal) }]),
        ],
      };
      evaluate(name);
      workbook.created.push(copy(layout));
      return { sheetName: name };
    },
    async createPdsaLog(layout: { sheetName: string; headers: string[]; rows: number }) {
      let name = layout.sheetName;
      for (let i = 2; workbook.sheets[name]; i++) name = `${layout.sheetName} (${i})`;
      workbook.sheets[name] = [layout.headers.slice(), ...Array.from({ length: layout.rows }, () => layout.headers.map(() => ""))];
      workbook.created.push(copy(layout));
      return { sheetName: name };
    },
    async labelCycles(sheetName: string, labels: { point: number; text: string }[]) {
      if (!workbook.sheets[sheetName]) throw new Error(`no sheet ${sheetName}`);
      // Only a sheet with a chart (one "Create sheet" drew) can show labels, as in Excel.
      if (!workbook.charts[sheetName]) return false;
      workbook.cycleLabels[sheetName] = copy(labels);
      return true;
    },
    async markCells(marks: FakeMark[]) {
      const skipped = new Set(marks.filter((m) => workbook.protectedSheets.includes(m.sheetName)).map((m) => m.sheetName));
      workbook.marks = copy(marks.filter((m) => !skipped.has(m.sheetName)));
      return { skippedSheets: [...skipped], notesRefused: [] as string[] };
    },
    async clearMarks() {
      workbook.marks = [];
      return { skippedSheets: [] as string[], notesRefused: [] as string[] };
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
