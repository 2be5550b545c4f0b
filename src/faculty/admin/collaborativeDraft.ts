// A collaborative's settings as the admin form holds them (text fields as typed), read from and
// turned into core's CollaborativeDefinition / CollaborativeSettingsPatch input, and a definition file
// read for import with every issue at its path. No React here: the form (CollaborativeForm.tsx) uses it.
import * as z from "zod";
import { CollaborativeDefinition, NewTeam } from "../../core/index";
import { issueLines, numberOrAbsent } from "./fieldErrors";
import { EMPTY_MEASURE, type MeasureDraft } from "./MeasureFields";

export interface SettingsDraft {
  id: string;
  name: string;
  aim: string;
  startMonth: string;
  endMonth: string;
  dueDay: string;
  lockAfterDays: string;
  sharing: string;
  ruleSet: string;
  remindersEnabled: boolean;
  reminderDaysBefore: string;
}


/** Defaults of a new collaborative: core's (due day 15, lock after 60 days, named, IHI, reminders 3 days before). */
export const EMPTY_SETTINGS: SettingsDraft = {
  id: "",
  name: "",
  aim: "",
  startMonth: "",
  endMonth: "",
  dueDay: "15",
  lockAfterDays: "60",
  sharing: "named",
  ruleSet: "ihi",
  remindersEnabled: true,
  reminderDaysBefore: "3",
};

export function settingsOf(c: CollaborativeDefinition): SettingsDraft {
  return {
    id: c.id,
    name: c.name,
    aim: c.aim,
    startMonth: c.startMonth,
    endMonth: c.endMonth,
    dueDay: String(c.dueDay),
    lockAfterDays: String(c.lockAfterDays),
    sharing: c.sharing,
    ruleSet: c.ruleSet,
    remindersEnabled: c.remindersEnabled !== false,
    reminderDaysBefore: String(c.reminderDaysBefore ?? 3),
  };
}

export function settingsInput(s: SettingsDraft): Record<string, unknown> {
  return {
    id: s.id.trim(),
    name: s.name,
    aim: s.aim,
    startMonth: s.startMonth.trim(),
    endMonth: s.endMonth.trim(),
    dueDay: numberOrAbsent(s.dueDay),
    lockAfterDays: numberOrAbsent(s.lockAfterDays),
    sharing: s.sharing,
    ruleSet: s.ruleSet,
    remindersEnabled: s.remindersEnabled,
    reminderDaysBefore: numberOrAbsent(s.reminderDaysBefore),
  };
}

/** The settings that differ from the collaborative's, as the PATCH body's input. */
export function changedSettings(draft: SettingsDraft, current: CollaborativeDefinition): Record<string, unknown> {
  const now = settingsInput(draft);
  const before = settingsInput(settingsOf(current));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(now)) if (key !== "id" && value !== before[key]) out[key] = value;
  return out;
}

/** A definition file's "teams" (allowed by the CLI's file), created after the collaborative. */
const FileTeams = z.array(NewTeam).max(500).optional();

/** What an imported file holds, or every issue with its path. */
export function readDefinitionFile(text: string): { definition: CollaborativeDefinition | null; raw: Record<string, unknown> | null; teams: NewTeam[]; issues: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { definition: null, raw: null, teams: [], issues: [`the file is not JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) return { definition: null, raw: null, teams: [], issues: ["the file must hold one collaborative definition: a JSON object { \"id\": …, \"measures\": [ … ] }"] };
  const { teams: rawTeams, ...raw } = json as Record<string, unknown>;
  const definition = CollaborativeDefinition.safeParse(raw);
  const teams = FileTeams.safeParse(rawTeams);
  const issues = [
    ...(definition.success ? [] : issueLines(definition.error.issues)),
    ...(teams.success ? [] : issueLines(teams.error.issues).map((line) => `teams.${line}`)),
  ];
  return { definition: definition.success ? definition.data : null, raw, teams: teams.success ? (teams.data ?? []) : [], issues };
}

export function draftFromRaw(raw: Record<string, unknown>): { settings: SettingsDraft; measures: MeasureDraft[] } {
  const str = (v: unknown, fallback: string) => (v === undefined || v === null ? fallback : typeof v === "string" ? v : JSON.stringify(v));
  const settings: SettingsDraft = {
    id: str(raw.id, ""),
    name: str(raw.name, ""),
    aim: str(raw.aim, ""),
    startMonth: str(raw.startMonth, ""),
    endMonth: str(raw.endMonth, ""),
    dueDay: str(raw.dueDay, EMPTY_SETTINGS.dueDay),
    lockAfterDays: str(raw.lockAfterDays, EMPTY_SETTINGS.lockAfterDays),
    sharing: str(raw.sharing, "named"),
    ruleSet: str(raw.ruleSet, "ihi"),
    remindersEnabled: raw.remindersEnabled !== false,
    reminderDaysBefore: str(raw.reminderDaysBefore, "3"),
  };
  const list = Array.isArray(raw.measures) ? (raw.measures as unknown[]) : [];
  const measures = list.map((m) => {
    const o = (typeof m === "object" && m !== null ? m : {}) as Record<string, unknown>;
    return {
      ...EMPTY_MEASURE,
      id: str(o.id, ""),
      name: str(o.name, ""),
      operationalDefinition: str(o.operationalDefinition, ""),
      type: str(o.type, "process"),
      kind: str(o.kind, "percent"),
      unit: str(o.unit, ""),
      multiplier: str(o.multiplier, ""),
      improvementDirection: str(o.improvementDirection, "increase"),
      goal: str(o.goal, ""),
      required: o.required !== false,
      retired: o.retired === true,
    };
  });
  return { settings, measures: measures.length > 0 ? measures : [{ ...EMPTY_MEASURE }] };
}
