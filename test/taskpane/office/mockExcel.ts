// A small Excel model for the adapter tests: ranges, notes, settings items and used ranges are
// office-addin-mock objects (reading a property that was not load()ed and sync()ed gives the string
// "Error, property was not loaded", docs/TOOLCHAIN.md, item 5), collections are plain objects. At each
// context.sync() (and when a batch ends), what the adapter wrote to the mocks is copied into `state`,
// which the tests assert on. As in Excel, nothing is rolled back: when a sync fails (a fill on a
// protected sheet, a note on a cell with a threaded comment, a step named in `state.failures`), what
// earlier syncs wrote stays, and `state.writes` records which sync wrote what.
import { OfficeMockObject } from "office-addin-mock";
import type { ExcelRun, SupportsApi } from "../../../src/taskpane/office/run";

export interface MockCell {
  value?: string | number | boolean;
  formula?: string;
  fill?: string | null;
  note?: string | null;
  /** A threaded comment is on the cell: Excel refuses a note there. */
  threadedComment?: boolean;
}

export interface MockSheet {
  /** Cells by A1 address. */
  cells: Record<string, MockCell>;
  /** For readSheet: the used range's grid and where it starts (0-based). */
  grid?: (string | number | boolean)[][];
  origin?: { row: number; column: number };
  visibility?: "Visible" | "Hidden";
  /** worksheet.protection.protected: fills (and other format changes) fail on it. */
  protected?: boolean;
  /**
   * For readSheet: what Range.valuesAsJson gives for a cell, by 0-based sheet "row,column" (a cell not
   * listed gives a Double/String value of its grid value). Put "#VALUE!" in `grid` for the same cell,
   * as Range.values shows an entity (Excel.EntityCellValue.basicValue).
   */
  valuesAsJson?: Record<string, unknown>;
  /**
   * Charts already on the sheet, for labelCycles: each with its name, the number of points of its
   * first series, and the data labels shown on them (point → text; Excel.ChartPoint.hasDataLabel and
   * .dataLabel.text), which the adapter's writes change at each sync.
   */
  charts?: { name: string; points: number; labels: Record<number, string> }[];
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
  /** What each sync applied, in order: "3 settings qi.marks", "4 fill Bundle!B3 #FFC7CE", "5 note Bundle!B3". */
  writes: string[];
  /** Workbook-scoped defined names (workbook.names). */
  names: string[];
  /** Operations that fail at the next sync, with Excel's message: "worksheets.add", "tables.add", "table.name", "charts.add", "worksheets.delete". */
  failures: Record<string, string>;
  /** Called as each sync starts (1-based), to change the workbook between round trips as a user could. */
  onSync?: (sync: number) => void;
  /** The workbook's date system, for workbook.functions.date (default 1900). */
  dateSystem?: 1900 | 1904;
  /** Cells read one by one with getCell, as "Sheet!row,column" (0-based). */
  cellReads?: string[];
}

export function emptyState(): MockState {
  return { sheets: {}, settings: {}, active: null, selected: null, log: [], blocks: [], syncs: 0, writes: [], names: [], failures: {} };
}

const NOT_LOADED = /^Error, property was not/;

export function supportsUpTo(version: string): SupportsApi {
  return (_set, wanted) => Number(wanted.split(".")[1]) <= Number(version.split(".")[1]);
}

export function mockRun(state: MockState): ExcelRun {
  return async (batch) => {
    const tracked: OfficeMockObject[] = [];
    const commits: (() => void)[] = [];
    // Method calls (add, delete, clear) run once, in order, at the next sync; a failure stops the sync there.
    const queue: { apply?: () => void; fail?: string }[] = [];
    const enqueue = (apply: () => void) => queue.push({ apply });
    const failIf = (op: string) => {
      const message = state.failures[op];
      if (message !== undefined) queue.push({ fail: message });
    };
    const write = (what: string) => state.writes.push(`${state.syncs} ${what}`);
    const logged = new Set<string>();
    const logOnce = (line: string) => {
      if (logged.has(line)) return;
      logged.add(line);
      state.log.push(line);
    };
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
      const initialColor = cell.fill ?? "#FFFFFF";
      const range = track({
        format: {
          fill: {
            color: initialColor,
            pattern: cell.fill ? "Solid" : "None",
            clear: () => {
              if (state.sheets[sheetName]?.protected) queue.push({ fail: `AccessDenied: ${sheetName} is protected` });
              else
                enqueue(() => {
                  cell.fill = null;
                  write(`clear ${sheetName}!${address}`);
                });
            },
          },
          autofitColumns: () => state.log.push(`autofit ${sheetName}!${address}`),
        },
        select: () => void (state.selected = `${sheetName}!${address}`),
      });
      addresses.set(range, address);
      let lastColor: unknown = initialColor;
      commits.push(() => {
        const color = range.format.fill.color;
        if (typeof color === "string" && !NOT_LOADED.test(color) && color !== lastColor) {
          lastColor = color; // a refused write is dropped, as Excel drops a failed command
          if (state.sheets[sheetName]?.protected) throw new Error(`AccessDenied: ${sheetName} is protected`);
          if (color !== "#FFFFFF") {
            cell.fill = color;
            write(`fill ${sheetName}!${address} ${color}`);
          }
        }
        for (const key of ["values", "formulas", "numberFormat"] as const) {
          if (range[key] !== undefined) logOnce(`${key} ${sheetName}!${address} ${JSON.stringify(range[key])}`);
        }
      });
      return range;
    };

    const noteMock = (sheetName: string, address: string) => {
      const cell = cellOf(sheetName, address);
      let deleted = false;
      const initial = cell.note ?? "";
      const note = track({
        isNullObject: cell.note === undefined || cell.note === null,
        content: initial,
        delete: () =>
          enqueue(() => {
            deleted = true;
            cell.note = null;
            write(`delete note ${sheetName}!${address}`);
          }),
      });
      let lastContent: unknown = initial;
      commits.push(() => {
        if (deleted || note.isNullObject === true) return;
        if (typeof note.content === "string" && !NOT_LOADED.test(note.content) && note.content !== lastContent) {
          lastContent = note.content;
          cell.note = note.content;
          write(`note ${sheetName}!${address}`);
        }
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
          const address = addresses.get(range) ?? "?";
          const cell = cellOf(name, address);
          if (cell.threadedComment) queue.push({ fail: `InvalidOperation: ${name}!${address} has a threaded comment` });
          else if (typeof cell.note === "string") queue.push({ fail: `InvalidArgument: ${name}!${address} already has a note` });
          else
            enqueue(() => {
              cell.note = content;
              write(`note ${name}!${address}`);
            });
        },
      },
      delete: () => {
        failIf("worksheets.delete");
        enqueue(() => {
          delete state.sheets[name];
          write(`delete sheet ${name}`);
        });
      },
      tables: {
        add: (address: string, hasHeaders: boolean) => {
          state.log.push(`tables.add ${name}!${address} ${hasHeaders}`);
          failIf("tables.add");
          const table = track({
            name: "",
            style: "",
            getDataBodyRange: () => rangeMock(name, "TABLE_BODY"),
            columns: {
              getItemAt: (index: number) => ({
                getDataBodyRange: () => {
                  const validation = { clear: () => state.log.push(`validation.clear ${index}`), rule: undefined as unknown, errorAlert: undefined as unknown };
                  commits.push(() => validation.rule && logOnce(`validation ${index} ${JSON.stringify(validation.rule)}`));
                  return { address: `COLUMN_${index}`, dataValidation: validation };
                },
                getRange: () => ({ address: `COLUMN_${index}_WITH_HEADER` }),
              }),
            },
          });
          let named = false;
          commits.push(() => {
            if (typeof table.name === "string" && table.name !== "" && !named) {
              named = true;
              const clash = state.names.find((n) => n.toLowerCase() === String(table.name).toLowerCase());
              if (clash !== undefined || state.failures["table.name"] !== undefined)
                throw new Error(state.failures["table.name"] ?? `InvalidArgument: the name ${table.name} is already used`);
            }
            logOnce(`table ${table.name} ${table.style}`);
          });
          return table;
        },
      },
      charts: {
        load: () => undefined,
        get items() {
          return (state.sheets[name]?.charts ?? []).map((chart) => ({
            name: chart.name,
            series: {
              getItemAt: (index: number) => {
                if (index !== 0) throw new Error("the mock charts have one series");
                return {
                  points: {
                    load: () => undefined,
                    count: chart.points,
                    getItemAt: (i: number) => {
                      const point = { hasDataLabel: i in chart.labels, dataLabel: { text: chart.labels[i] ?? "", position: "" } };
                      commits.push(() => {
                        if (point.hasDataLabel) {
                          if (chart.labels[i] !== point.dataLabel.text) write(`label ${name}!${chart.name} ${i} ${point.dataLabel.text}`);
                          chart.labels[i] = point.dataLabel.text;
                        } else if (i in chart.labels) {
                          delete chart.labels[i];
                          write(`unlabel ${name}!${chart.name} ${i}`);
                        }
                      });
                      return point;
                    },
                  },
                };
              },
            },
          }));
        },
        add: (type: string, source: object, seriesBy: string) => {
          state.log.push(`chart ${type} ${addresses.get(source) ?? (source as { address?: string }).address} ${seriesBy}`);
          failIf("charts.add");
          const series = (label: string) => {
            const s = {
              name: label,
              setValues: (r: { address?: string }) => state.log.push(`series ${label} values ${addresses.get(r) ?? r.address}`),
              setXAxisValues: (r: { address?: string }) => state.log.push(`series ${label} x ${addresses.get(r) ?? r.address}`),
              format: { line: { lineStyle: "" } },
            };
            commits.push(() => {
              if (s.format.line.lineStyle) logOnce(`series ${label} style ${s.format.line.lineStyle}`);
              if (s.name !== label) logOnce(`series ${label} name ${s.name}`);
            });
            return s;
          };
          const chart = {
            name: "",
            displayBlanksAs: "",
            title: { text: "" },
            legend: { position: "" },
            series: { getItemAt: () => series("0"), add: (label: string) => series(label) },
            setPosition: (from: string, to: string) => state.log.push(`chart at ${from}:${to}`),
          };
          commits.push(() => {
            logOnce(`chart ${chart.name} "${chart.title.text}"`);
            if (chart.displayBlanksAs) logOnce(`chart displayBlanksAs ${chart.displayBlanksAs}`);
          });
          return chart;
        },
      },
      freezePanes: { freezeRows: (n: number) => state.log.push(`freeze ${n}`) },
    });

    const settingsApi = {
      getItemOrNullObject: (key: string) => {
        let deleted = false;
        const item = track({
          isNullObject: !(key in state.settings),
          value: state.settings[key] ?? "",
          delete: () =>
            enqueue(() => {
              if (deleted) return;
              deleted = true;
              delete state.settings[key];
              write(`delete settings ${key}`);
            }),
        });
        return item;
      },
      add: (key: string, value: string) =>
        enqueue(() => {
          state.settings[key] = value;
          write(`settings ${key}`);
        }),
    };

    const visibleItems = () =>
      Object.entries(state.sheets).map(([name, sheet]) => ({ name, visibility: sheet.visibility ?? "Visible", protection: { protected: sheet.protected ?? false } }));
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
            failIf("worksheets.add");
            return worksheetApi(name);
          },
        },
        tables: { load: () => undefined, items: [] as { name: string }[] },
        names: {
          load: () => undefined,
          get items() {
            return state.names.map((name) => ({ name }));
          },
        },
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
        state.onSync?.(state.syncs);
        for (const mock of tracked) await mock.sync();
        await new Promise((resolve) => setTimeout(resolve, 0));
        apply();
      },
    };
    // What was queued since the last sync becomes the workbook's state, in order; a failure stops there
    // and throws, and what was applied before it stays (Excel.run has no rollback).
    function apply(): void {
      for (const op of queue.splice(0)) {
        if (op.fail !== undefined) {
          queue.length = 0;
          throw new Error(op.fail);
        }
        op.apply?.();
      }
      for (const commit of commits) commit();
    }
    const result = await batch(context as unknown as Excel.RequestContext);
    apply(); // what the batch wrote after its last sync
    return result;
  };
}
