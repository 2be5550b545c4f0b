// "1 report waiting to send": visible on every screen while the outbox holds reports.
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import type { QueuedReport } from "../storage/outboxStore";
import { monthLabel, plural, whenLabel } from "../format";

export interface OutboxBannerProps {
  entries: readonly QueuedReport[];
  sending: boolean;
  onRetry(): void;
}

export function OutboxBanner(props: OutboxBannerProps) {
  if (props.entries.length === 0) return null;
  const first = props.entries[0]!;
  const months = [...new Set(props.entries.map((e) => monthLabel(e.reportingMonth)))].join(", ");
  const next = props.entries
    .map((e) => e.nextAttemptAt)
    .filter((t): t is string => t !== null)
    .sort()[0];
  return (
    <MessageBar intent="warning" layout="multiline" aria-live="polite">
      <MessageBarBody>
        <MessageBarTitle>{plural(props.entries.length, "report")} waiting to send</MessageBarTitle>
        {props.sending
          ? "Sending now…"
          : `${months}. ${first.lastError ?? "Not sent yet."} ${next ? `Next automatic try ${whenLabel(next, new Date())}.` : "Retry once that is fixed."}`}
      </MessageBarBody>
      <MessageBarActions>
        <Button size="small" disabled={props.sending} onClick={props.onRetry}>
          Retry now
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
