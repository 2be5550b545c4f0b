// The draft narrative and self-assessment of the chosen month: loaded when the month (or team)
// changes, saved on every keystroke, so closing the pane loses nothing.
import { useCallback, useEffect, useState } from "react";
import { EMPTY_DRAFT, loadDraft, saveDraft, type ReportDraft } from "../storage/drafts";
import type { KeyValueStore } from "../storage/keyValueStore";

export function useDraft(
  storage: KeyValueStore,
  collaborative: { id: string } | null,
  team: { id: string } | null,
  reportingMonth: string,
): { draft: ReportDraft; updateDraft(next: ReportDraft): void } {
  const [draft, setDraft] = useState<ReportDraft>(EMPTY_DRAFT);

  useEffect(() => {
    if (!collaborative || !team) return;
    let cancelled = false;
    void loadDraft(storage, collaborative.id, team.id, reportingMonth).then((loaded) => {
      if (!cancelled) setDraft(loaded);
    });
    return () => {
      cancelled = true;
    };
  }, [storage, collaborative, team, reportingMonth]);

  const updateDraft = useCallback(
    (next: ReportDraft) => {
      setDraft(next);
      if (collaborative && team) void saveDraft(storage, collaborative.id, team.id, reportingMonth, next);
    },
    [storage, collaborative, team, reportingMonth],
  );

  return { draft, updateDraft };
}
