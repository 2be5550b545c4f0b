// Connect: the data store's address and the team's token, checked with GET /api/v1/me.
import { useState, type FormEvent } from "react";
import { Body1, Button, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Text } from "@fluentui/react-components";
import type { Me } from "../../core/index";
import { ApiFailure } from "../api/errors";
import { normaliseStoreUrl } from "../api/client";
import { usePanelStyles } from "./styles";

export interface Connection {
  storeUrl: string;
  me: Me;
  /** True while the pane works from the cached profile because the store could not be reached. */
  offline: boolean;
}

export interface ConnectPanelProps {
  defaultStoreUrl: string;
  connection: Connection | null;
  /** Checks the token against the store and saves it; rejects with ApiFailure or Error. */
  onConnect(storeUrl: string, token: string): Promise<void>;
  onDisconnect(): Promise<void>;
  /** A message from an earlier automatic check (e.g. the saved token was refused). */
  notice?: string | null;
  /** Where the token is kept, said in words. */
  storageNote: string;
  onNext?(): void;
}

type FieldErrors = { url?: string; token?: string; other?: string };

export function ConnectPanel(props: ConnectPanelProps) {
  const styles = usePanelStyles();
  const [storeUrl, setStoreUrl] = useState(props.connection?.storeUrl ?? props.defaultStoreUrl);
  const [token, setToken] = useState("");
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});

  async function submit(event: FormEvent) {
    event.preventDefault();
    const url = normaliseStoreUrl(storeUrl);
    const next: FieldErrors = {};
    if ("error" in url) next.url = url.error;
    if (token.trim() === "") next.token = "Paste the team token your faculty gave you";
    setErrors(next);
    if ("error" in url || next.token) return;
    setBusy(true);
    try {
      await props.onConnect(url.url, token.trim());
      setToken("");
    } catch (error) {
      if (error instanceof ApiFailure && (error.kind === "unauthorized" || error.kind === "forbidden")) setErrors({ token: error.message });
      else if (error instanceof ApiFailure && (error.kind === "network" || error.kind === "not_found" || error.kind === "contract"))
        setErrors({ url: error.kind === "network" ? `Could not reach ${url.url}. Check the address and your connection.` : error.message });
      else setErrors({ other: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  }

  const { connection } = props;
  if (connection) {
    const team = connection.me.team;
    const collaborative = connection.me.collaborative;
    return (
      <div className={styles.panel}>
        <MessageBar intent={connection.offline ? "warning" : "success"}>
          <MessageBarBody>
            <MessageBarTitle>{connection.offline ? "Working offline" : "Connected"}</MessageBarTitle>
            {connection.offline
              ? "The data store cannot be reached right now. You can still check your sheets; reports wait until it is back."
              : `Reports go to ${connection.storeUrl}.`}
          </MessageBarBody>
        </MessageBar>
        <div className={styles.card}>
          <Text weight="semibold" size={400}>
            {team?.name ?? "No team"}
          </Text>
          {team?.organisation ? <Text className={styles.muted}>{team.organisation}</Text> : null}
          <Body1>{collaborative?.name ?? "No collaborative"}</Body1>
          {collaborative?.aim ? <Text className={styles.muted}>Aim: {collaborative.aim}</Text> : null}
        </div>
        <Text size={200} className={styles.muted}>
          {props.storageNote}
        </Text>
        <div className={styles.actions}>
          {props.onNext ? (
            <Button appearance="primary" onClick={props.onNext}>
              Next: measure sheets
            </Button>
          ) : null}
          <Button onClick={() => void props.onDisconnect()}>Disconnect</Button>
        </div>
      </div>
    );
  }

  return (
    <form className={styles.panel} onSubmit={(event) => void submit(event)} noValidate>
      <Text className={styles.intro}>Connect this workbook to your collaborative's data store with the token your faculty sent your team.</Text>
      {props.notice ? (
        <MessageBar intent="warning">
          <MessageBarBody>{props.notice}</MessageBarBody>
        </MessageBar>
      ) : null}
      <Field
        label="Data store address"
        required
        validationState={errors.url ? "error" : "none"}
        validationMessage={errors.url ?? null}
        hint="Usually filled in for you."
      >
        <Input type="url" value={storeUrl} onChange={(_, data) => setStoreUrl(data.value)} autoComplete="url" />
      </Field>
      <Field label="Team token" required validationState={errors.token ? "error" : "none"} validationMessage={errors.token ?? null} hint={props.storageNote}>
        <Input type="password" value={token} onChange={(_, data) => setToken(data.value)} autoComplete="off" />
      </Field>
      {errors.other ? (
        <MessageBar intent="error">
          <MessageBarBody>{errors.other}</MessageBarBody>
        </MessageBar>
      ) : null}
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={busy}>
          {busy ? "Checking…" : "Connect"}
        </Button>
        {busy ? <Spinner size="tiny" aria-label="Checking the token" /> : null}
      </div>
    </form>
  );
}
