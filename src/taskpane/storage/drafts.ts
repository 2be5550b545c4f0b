// The month's narrative and self-assessment as the data lead types them, saved as they type, so closing
// the pane (or Excel) never loses a paragraph. Kept per collaborative, team and reporting month.
import * as z from "zod";
import type { KeyValueStore } from "./keyValueStore";

export const ReportDraft = z.object({
  changesTested: z.string().default(""),
  lessons: z.string().default(""),
  barriers: z.string().default(""),
  helpWanted: z.string().default(""),
  selfAssessment: z.number().nullable().default(null),
});
export type ReportDraft = z.infer<typeof ReportDraft>;

export const EMPTY_DRAFT: ReportDraft = { changesTested: "", lessons: "", barriers: "", helpWanted: "", selfAssessment: null };

function draftKey(collaborativeId: string, teamId: string, reportingMonth: string): string {
  return `qi.draft:${collaborativeId}:${teamId}:${reportingMonth}`;
}

export async function loadDraft(store: KeyValueStore, collaborativeId: string, teamId: string, reportingMonth: string): Promise<ReportDraft> {
  const raw = await store.getItem(draftKey(collaborativeId, teamId, reportingMonth));
  if (!raw) return { ...EMPTY_DRAFT };
  try {
    const parsed = ReportDraft.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : { ...EMPTY_DRAFT };
  } catch {
    return { ...EMPTY_DRAFT };
  }
}

export async function saveDraft(store: KeyValueStore, collaborativeId: string, teamId: string, reportingMonth: string, draft: ReportDraft): Promise<void> {
  await store.setItem(draftKey(collaborativeId, teamId, reportingMonth), JSON.stringify(draft));
}
