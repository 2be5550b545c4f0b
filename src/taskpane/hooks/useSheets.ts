// The workbook's sheets: their names, which sheet holds each measure and the PDSA log (chosen in the
// workbook's settings, or found by name), a preview of what each was read as, and creating a measure's
// sheet or the PDSA log.
import { useCallback, useEffect, useMemo, useState } from "react";
import { monthRange, type CollaborativeDefinition, type MeasureDefinition } from "../../core/index";
import type { ExcelHost, WorkbookSettings } from "../host";
import type { QiCore } from "../qiCore";
import { isoDay } from "../format";
import { readSnapshot, type WorkbookCheck } from "../workbook/checkWorkbook";
import type { PdsaPreview, SheetChoice, SheetPreview } from "../components/SheetsPanel";
import { messageOf } from "./errorMessage";

export type SheetsOptions = {
  host: ExcelHost | null;
  core: QiCore;
  now(): Date;
  /** Whether the pane is connected: the sheets are listed once it is, and again when it is shown. */
  connected: boolean;
  shownCount: number;
  collaborative: CollaborativeDefinition | null;
  reportingMonth: string;
  settings: WorkbookSettings;
  saveSettings(next: WorkbookSettings): Promise<void>;
  /** Stable (a state setter): shows a workbook error above the tabs. */
  setWorkbookError(message: string | null): void;
};

export type SheetsState = {
  sheetNames: string[];
  previews: Record<string, SheetPreview>;
  /** The sheet a measure is read from, or null when none is chosen or found. */
  sheetFor(measure: MeasureDefinition): SheetChoice | null;
  refreshSheets(): Promise<void>;
  mapSheet(measureId: string, sheetName: string | null): Promise<void>;
  createSheet(measure: MeasureDefinition): Promise<void>;
  /** Keep the previews of every sheet a workbook check read. */
  rememberPreviews(result: WorkbookCheck): void;
  /** The sheet holding the PDSA log: chosen in the settings, else found by name; null when none. */
  pdsaSheet: SheetChoice | null;
  pdsaPreview: PdsaPreview | null;
  mapPdsaSheet(sheetName: string | null): Promise<void>;
  createPdsaLog(): Promise<void>;
};

export function useSheets(options: SheetsOptions): SheetsState {
  const { host, core, now, connected, shownCount, collaborative, reportingMonth, settings, saveSettings, setWorkbookError } = options;
  const [sheetNames, setSheetNames] = useState<string[]>([]);
  const [previews, setPreviews] = useState<Record<string, SheetPreview>>({});
  const [pdsaPreview, setPdsaPreview] = useState<PdsaPreview | null>(null);

  const refreshSheets = useCallback(async () => {
    if (!host) return;
    try {
      setSheetNames(await host.listSheets());
      setWorkbookError(null);
    } catch (error) {
      setWorkbookError(`Could not list this workbook's sheets: ${messageOf(error)}`);
    }
  }, [host, setWorkbookError]);

  useEffect(() => {
    if (connected) void refreshSheets();
  }, [connected, refreshSheets, shownCount]);

  const sheetFor = useCallback(
    (measure: MeasureDefinition): SheetChoice | null => {
      const explicit = settings.sheetMap?.[measure.id];
      if (explicit && sheetNames.includes(explicit)) return { sheetName: explicit, chosen: true };
      const found = core.findMeasureSheet(sheetNames, measure);
      return found ? { sheetName: found, chosen: false } : null;
    },
    [settings, sheetNames, core],
  );

  async function mapSheet(measureId: string, sheetName: string | null): Promise<void> {
    const sheetMap = { ...(settings.sheetMap ?? {}) };
    if (sheetName === null) delete sheetMap[measureId];
    else sheetMap[measureId] = sheetName;
    await saveSettings({ ...settings, sheetMap });
    const measure = collaborative?.measures.find((m) => m.id === measureId);
    const target = sheetName ?? (measure ? core.findMeasureSheet(sheetNames, measure) : null);
    if (!host || !measure || !target) return;
    const snapshot = await host.readSheet(target);
    const reading = readSnapshot(core, { ...snapshot, sheetName: target }, measure);
    const signals = collaborative ? core.sheetSignals(collaborative, { measureId, reading }, reportingMonth) : null;
    setPreviews((p) => ({ ...p, [measureId]: { found: reading.found, rowCount: reading.rows.length, notes: reading.notes, signals } }));
  }

  async function createSheet(measure: MeasureDefinition): Promise<void> {
    if (!host || !collaborative) return;
    const today = isoDay(now()).slice(0, 7);
    const end = collaborative.endMonth < today ? collaborative.endMonth : today;
    const layout = core.measureSheetLayout(measure, monthRange(collaborative.startMonth, end));
    const { sheetName } = await host.createMeasureSheet(layout);
    const names = await host.listSheets();
    setSheetNames(names);
    if (core.findMeasureSheet(names, measure) !== sheetName) await mapSheet(measure.id, sheetName);
  }

  const pdsaSheet = useMemo((): SheetChoice | null => {
    const explicit = settings.pdsaSheet;
    if (explicit && sheetNames.includes(explicit)) return { sheetName: explicit, chosen: true };
    const found = core.findPdsaLogSheet(sheetNames);
    return found ? { sheetName: found, chosen: false } : null;
  }, [settings, sheetNames, core]);

  async function readPdsaPreview(sheetName: string): Promise<void> {
    if (!host || !collaborative) return;
    const snapshot = await host.readSheet(sheetName);
    const reading = core.readPdsaLog({ sheetName, values: snapshot.values, numberFormat: snapshot.numberFormat, origin: snapshot.origin, measures: collaborative.measures, ...(snapshot.dateSystem !== undefined ? { dateSystem: snapshot.dateSystem } : {}) });
    setPdsaPreview({ found: reading.found, cycleCount: reading.cycles.length, notes: reading.notes });
  }

  async function mapPdsaSheet(sheetName: string | null): Promise<void> {
    const next = { ...settings };
    if (sheetName === null) delete next.pdsaSheet;
    else next.pdsaSheet = sheetName;
    await saveSettings(next);
    const target = sheetName ?? core.findPdsaLogSheet(sheetNames);
    if (target) await readPdsaPreview(target);
    else setPdsaPreview(null);
  }

  async function createPdsaLog(): Promise<void> {
    if (!host || !collaborative) return;
    const { sheetName } = await host.createPdsaLog(core.pdsaLogLayout(collaborative.measures));
    const names = await host.listSheets();
    setSheetNames(names);
    if (core.findPdsaLogSheet(names) !== sheetName) await mapPdsaSheet(sheetName);
  }

  function rememberPreviews(result: WorkbookCheck): void {
    if (result.pdsa) setPdsaPreview({ found: result.pdsa.found, cycleCount: result.pdsa.cycles.length, notes: result.pdsa.notes });
    setPreviews((p) => {
      const next = { ...p };
      for (const sheet of result.sheets) {
        const signals = collaborative ? core.sheetSignals(collaborative, { measureId: sheet.measure.id, reading: sheet.reading }, result.reportingMonth) : null;
        next[sheet.measure.id] = { found: sheet.reading.found, rowCount: sheet.reading.rows.length, notes: sheet.reading.notes, signals };
      }
      return next;
    });
  }

  return { sheetNames, previews, sheetFor, refreshSheets, mapSheet, createSheet, rememberPreviews, pdsaSheet, pdsaPreview, mapPdsaSheet, createPdsaLog };
}
