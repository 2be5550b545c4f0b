// A small Excel model for the adapter tests: ranges, notes, settings items and used ranges are
// office-addin-mock objects (reading a property that was not load()ed and sync()ed gives the string
// "Error, property was not loaded", TOOLCHAIN.md pitfall 5), collections are plain objects. When a
// batch ends, what the adapter wrote to the mocks is copied into `state`, which the tests assert on.
import { OfficeMockObject } from "office-addin-mock";
import type { ExcelRun, SupportsApi } from "../../../src/taskpane/office/run";

export interface MockCell {
  value?: string | number | boolean;
  formula?: string;
  fill?: string | null;
  note?: string | null;
}

export interface MockSheet {
  /** Cells by A1 address. */
  cells: Record<string, MockCell>;
  /** For readSheet: the used range's grid and where it starts (0-based). */
  grid?: (string | number | boolean)[][];
  origin?: { row: number; column: number };
  visibility?: "Visible" | "Hidden";
  /**
   * For readSheet: what Range.valuesAsJson gives for a cell, by 0-based sheet "row,column" (a cell not
   * listed gives a Double/String value of its grid value). Put "#VALUE!" in `grid` for the same cell,
   * as Range.values shows an entity (Excel.EntityCellValue.basicValue).
   */
  valuesAsJson?: Record<string, unknown>;
}

export interface MockState {
  sheets: Record<string, MockSheet>;
  settings: Record<string, string>;
  active: string | null;
  selected: string | null;
  /** Every call the adapter made that the model does not keep as cells, e.g. "tables.add A1:F13". */
  log: string[];
  /** Ranges read with getRangeByIndexes, as [row, column, rows, columns]. */
  blocks: [number, number, number, number][];
  syncs: number;
  /** The workbook's date system, for workbook.functions.date (default 1900). */
  dateSystem?: 1900 | 1904;
  /** Cells read one by one with getCell, as "Sheet!row,column" (0-based). */
  cellReads?: string[];
}

export function emptyState(): MockState {
  return { sheets: {}, settings: {}, active: null, selected: null, log: [], blocks: [], syncs: 0 };
}

const NOT_LOADED = /^Error, property was not/;

export function supportsUpTo(version: string): SupportsApi {
  return (_set, wanted) => Number(wanted.split(".")[1]) <= Number(version.split(".")[1]);
}

export function mockRun(state: MockState): ExcelRun {
  return async (batch) => {
    const tracked: OfficeMockObject[] = [];
    const commits: (() => void)[] = [];
    // Where each range mock points (kept beside it: reading range.address unloaded would be an error string).
    const addresses = new Map<object, string>();
    const track = (data: Record<string, unknown>) => {
      const mock = new OfficeMockObject(data as never);
      tracked.push(mock);
      return mock;
    };

    const cellOf = (sheetName: string, address: string): MockCell => {
      const sheet = state.sheets[sheetName]!;
      const key = address.replace(/\$/g, "").toUpperCase();
      sheet.cells[key] ??= {};
      return sheet.cells[key]!;
    };

    const rangeMock = (sheetName: string, address: string) => {
      const cell = cellOf(sheetName, address);
      let cleared = false;
      const range = track({
        format: {
          fill: { color: cell.fill ?? "#FFFFFF", pattern: cell.fill ? "Solid" : "None", clear: () => void (cleared = true) },
          autofitColumns: () => state.log.push(`autofit ${sheetName}!${address}`),
        },
        select: () => void (state.selected = `${sheetName}!${address}`),
      });
      addresses.set(range, address);
      commits.push(() => {
        const color = range.format.fill.color;
        if (cleared) cell.fill = null;
        else if (typeof color === "string" && !NOT_LOADED.test(color) && color !== "#FFFFFF") cell.fill = color;
        for (const key of ["values", "formulas", "numberFormat"] as const) {
          if (range[key] !== undefined) state.log.push(`${key} ${sheetName}!${address} ${JSON.stringify(range[key])}`);
        }
      });
      return range;
    };

    const noteMock = (sheetName: string, address: string) => {
      const cell = cellOf(sheetName, address);
      let deleted = false;
      const note = track({ isNullObject: cell.note === undefined || cell.note === null, content: cell.note ?? "", delete: () => void (deleted = true) });
      commits.push(() => {
        if (deleted) cell.note = null;
        else if (!note.isNullObject && typeof note.content === "string" && !NOT_LOADED.test(note.content)) cell.note = note.content;
      });
      return note;
    };

    const worksheetApi = (name: string) => ({
      name,
      getRange: (address: string) => rangeMock(name, address),
      getUsedRangeOrNullObject: () => {
        const sheet = state.sheets[name]!;
        const grid = sheet.grid ?? [];
        return track({
          isNullObject: grid.length === 0,
          rowIndex: sheet.origin?.row ?? 0,
          columnIndex: sheet.origin?.column ?? 0,
          rowCount: grid.length,
          columnCount: Math.max(0, ...grid.map((r) => r.length)),
        });
      },
      getRangeByIndexes: (row: number, column: number, rows: number, columns: number) => {
        state.blocks.push([row, column, rows, columns]);
        const sheet = state.sheets[name]!;
        const top = row - (sheet.origin?.row ?? 0);
        const left = column - (sheet.origin?.column ?? 0);
        const slice = (sheet.grid ?? []).slice(top, top + rows).map((r) => r.slice(left, left + columns));
        return track({ values: slice, formulas: slice, numberFormat: slice.map((r) => r.map(() => "General")) });
      },
      getCell: (row: number, column: number) => {
        (state.cellReads ??= []).push(`${name}!${row},${column}`);
        const sheet = state.sheets[name]!;
        const plain = sheet.grid?.[row - (sheet.origin?.row ?? 0)]?.[column - (sheet.origin?.column ?? 0)];
        const json = sheet.valuesAsJson?.[`${row},${column}`] ?? { type: typeof plain === "number" ? "Double" : "String", basicValue: plain };
        return track({ valuesAsJson: [[json]] });
      },
      activate: () => void (state.active = name),
      notes: {
        getItemOrNullObject: (address: string) => noteMock(name, address),
        add: (range: object, content: string) => {
          cellOf(name, addresses.get(range) ?? "?").note = content;
        },
      },
      tables: {
        add: (address: string, hasHeaders: boolean) => {
          state.log.push(`tables.add ${name}!${address} ${hasHeaders}`);
          const table = track({
            name: "",
            style: "",
            getDataBodyRange: () => rangeMock(name, "TABLE_BODY"),
            columns: {
              getItemAt: (index: number) => ({
                getDataBodyRange: () => {
                  const validation = { clear: () => state.log.push(`validation.clear ${index}`), rule: undefined as unknown, errorAlert: undefined as unknown };
                  commits.push(() => validation.rule && state.log.push(`validation ${index} ${JSON.stringify(validation.rule)}`));
                  return { address: `COLUMN_${index}`, dataValidation: validation };
                },
                getRange: () => ({ address: `COLUMN_${index}_WITH_HEADER` }),
              }),
            },
          });
          commits.push(() => state.log.push(`table ${table.name} ${table.style}`));
          return table;
        },
      },
      charts: {
        add: (type: string, source: object, seriesBy: string) => {
          state.log.push(`chart ${type} ${addresses.get(source) ?? (source as { address?: string }).address} ${seriesBy}`);
          const series = (label: string) => {
            const s = {
              setValues: (r: { address?: string }) => state.log.push(`series ${label} values ${addresses.get(r) ?? r.address}`),
              setXAxisValues: (r: { address?: string }) => state.log.push(`series ${label} x ${addresses.get(r) ?? r.address}`),
              format: { line: { lineStyle: "" } },
            };
            commits.push(() => s.format.line.lineStyle && state.log.push(`series ${label} style ${s.format.line.lineStyle}`));
            return s;
          };
          const chart = {
            name: "",
            title: { text: "" },
            legend: { position: "" },
            series: { getItemAt: () => series("0"), add: (label: string) => series(label) },
            setPosition: (from: string, to: string) => state.log.push(`chart at ${from}:${to}`),
          };
          commits.push(() => state.log.push(`chart ${chart.name} "${chart.title.text}"`));
          return chart;
        },
      },
      freezePanes: { freezeRows: (n: number) => state.log.push(`freeze ${n}`) },
    });

    const settingsApi = {
      getItemOrNullObject: (key: string) => {
        let deleted = false;
        const item = track({ isNullObject: !(key in state.settings), value: state.settings[key] ?? "", delete: () => void (deleted = true) });
        commits.push(() => {
          if (deleted) delete state.settings[key];
        });
        return item;
      },
      add: (key: string, value: string) => {
        commits.push(() => void (state.settings[key] = value));
      },
    };

    const visibleItems = () => Object.entries(state.sheets).map(([name, sheet]) => ({ name, visibility: sheet.visibility ?? "Visible" }));
    const context = {
      workbook: {
        worksheets: {
          load: () => undefined,
          get items() {
            return visibleItems();
          },
          getItem: (name: string) => {
            if (!state.sheets[name]) throw new Error(`ItemNotFound: ${name}`);
            return worksheetApi(name);
          },
          add: (name: string) => {
            state.sheets[name] = { cells: {} };
            state.log.push(`worksheets.add ${name}`);
            return worksheetApi(name);
          },
        },
        tables: { load: () => undefined, items: [] as { name: string }[] },
        settings: settingsApi,
        functions: {
          // Excel's DATE: serial of a date in the workbook's date system. In the 1904 system serial 0 is
          // 1904-01-01; in the 1900 system 1904-01-01 is 1462 (MS-XLS 2.4.77 Date1904,
          // https://learn.microsoft.com/en-us/openspecs/office_file_formats/ms-xls/4a5e900a-0eb0-4355-8fc1-81aab8f46e8b).
          date: (year: number, month: number, day: number) => {
            const days1900 = (Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86_400_000; // from 1900-03-01 on
            return track({ value: state.dateSystem === 1904 ? days1900 - 1462 : days1900 });
          },
        },
      },
      sync: async () => {
        state.syncs += 1;
        for (const mock of tracked) await mock.sync();
        await new Promise((resolve) => setTimeout(resolve, 0));
      },
    };
    const result = await batch(context as unknown as Excel.RequestContext);
    for (const commit of commits) commit(); // what the batch wrote becomes the workbook's state
    return result;
  };
}
