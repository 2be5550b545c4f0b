// Workbook settings: the non-secret connection (store URL, collaborative, team, sheet mapping) lives in
// the workbook so whoever opens it next reports to the same place. The token never goes here.
import type { WorkbookSettings } from "../host";
import type { ExcelRun } from "./run";

export const SETTINGS_KEY = "qi.connection";

/** Only these keys are ever written: a token passed by mistake is dropped, not saved. */
export function cleanSettings(settings: WorkbookSettings): WorkbookSettings {
  const clean: WorkbookSettings = {};
  if (typeof settings.storeUrl === "string") clean.storeUrl = settings.storeUrl;
  if (typeof settings.collaborativeId === "string") clean.collaborativeId = settings.collaborativeId;
  if (typeof settings.teamId === "string") clean.teamId = settings.teamId;
  if (settings.sheetMap && typeof settings.sheetMap === "object") {
    clean.sheetMap = Object.fromEntries(Object.entries(settings.sheetMap).filter(([, v]) => typeof v === "string"));
  }
  return clean;
}

function parse(raw: unknown): WorkbookSettings {
  let value = raw;
  if (typeof raw === "string") {
    try {
      value = JSON.parse(raw);
    } catch {
      return {};
    }
  }
  return value && typeof value === "object" ? cleanSettings(value as WorkbookSettings) : {};
}

export async function getSettings(run: ExcelRun): Promise<WorkbookSettings> {
  return run(async (context) => {
    const item = context.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
    item.load("isNullObject, value");
    await context.sync();
    return item.isNullObject ? {} : parse(item.value);
  });
}

export async function saveSettings(run: ExcelRun, settings: WorkbookSettings): Promise<void> {
  await run(async (context) => {
    context.workbook.settings.add(SETTINGS_KEY, JSON.stringify(cleanSettings(settings)));
    await context.sync();
  });
}
