// This month's status and due date from the data store, asked again after each report is sent.
import { useCallback, useEffect, useState } from "react";
import type { TeamStatus } from "../../core/index";
import type { ApiClient } from "../api/client";
import { isoDay } from "../format";
import { messageOf } from "./errorMessage";

export type TeamStatusState = {
  status: TeamStatus | null;
  statusError: string | null;
  /** Ask the data store again (after a report was sent). */
  refreshStatus(): void;
  /** Forget the status (on disconnecting). */
  clearStatus(): void;
};

export function useTeamStatus(client: ApiClient | null, collaborative: { id: string } | null, team: { id: string } | null, now: () => Date): TeamStatusState {
  const [status, setStatus] = useState<TeamStatus | null>(null);
  const [statusError, setStatusError] = useState<string | null>(null);
  const [nonce, setNonce] = useState(0);

  useEffect(() => {
    if (!client || !collaborative || !team) return;
    let cancelled = false;
    setStatusError(null);
    client.teamStatus(collaborative.id, team.id, isoDay(now())).then(
      (answer) => {
        if (!cancelled) setStatus(answer);
      },
      (error: unknown) => {
        if (!cancelled) setStatusError(messageOf(error));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [client, collaborative, team, nonce, now]);

  const refreshStatus = useCallback(() => setNonce((n) => n + 1), []);
  const clearStatus = useCallback(() => setStatus(null), []);
  return { status, statusError, refreshStatus, clearStatus };
}
