// The Collaborative tab's data: one measure's run charts of the teams this token may see, and the other
// teams' narratives and % at 4+. The data store cuts both by the sharing mode; the pane shows what came.
import { useCallback, useEffect, useState } from "react";
import type { CollaborativeLearning, RunChartsResponse } from "../../core/index";
import type { ApiClient } from "../api/client";
import { messageOf } from "./errorMessage";

export type CollaborativeState = {
  measureId: string | null;
  setMeasureId(measureId: string): void;
  charts: RunChartsResponse | null;
  learning: CollaborativeLearning | null;
  loading: boolean;
  error: string | null;
  /** Ask the data store again. */
  refresh(): void;
};

/**
 * Loads when `active` (the tab is open) and again when the measure changes or `refresh` is called;
 * nothing is asked while the tab is closed.
 */
export function useCollaborative(client: ApiClient | null, collaborative: { id: string; measures: readonly { id: string }[] } | null, active: boolean): CollaborativeState {
  const [chosen, setChosen] = useState<string | null>(null);
  const [charts, setCharts] = useState<RunChartsResponse | null>(null);
  const [learning, setLearning] = useState<CollaborativeLearning | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [nonce, setNonce] = useState(0);
  const measureId = chosen ?? collaborative?.measures[0]?.id ?? null;

  useEffect(() => {
    if (!active || !client || !collaborative || measureId === null) return;
    let cancelled = false;
    setLoading(true);
    setError(null);
    Promise.all([client.runCharts(collaborative.id, measureId), client.learning(collaborative.id)]).then(
      ([c, l]) => {
        if (cancelled) return;
        setCharts(c);
        setLearning(l);
        setLoading(false);
      },
      (failure: unknown) => {
        if (cancelled) return;
        setError(messageOf(failure));
        setLoading(false);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [active, client, collaborative, measureId, nonce]);

  const refresh = useCallback(() => setNonce((n) => n + 1), []);
  return { measureId, setMeasureId: setChosen, charts, learning, loading, error, refresh };
}
