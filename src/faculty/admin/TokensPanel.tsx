// Tokens: issue one for a team of this collaborative, for faculty or for an admin, with a label and
// an expiry; the secret is shown once (the server stores only its hash), with a copy button and a
// read-only field that selects itself for copying by hand when the clipboard is not allowed. The
// list shows the prefix, role, label, expiry and whether it is revoked; revoking asks first, in the
// token's own row (what will happen, "Revoke token" or "Keep it").
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { Button, Checkbox, Field, Input, Select, Subtitle2 } from "@fluentui/react-components";
import { NewTokenRequest, Role, type AdminTeam, type CollaborativeDefinition, type IssuedToken, type TokenInfo } from "../../core/index";
import { isoDate } from "../../web/format";
import { usePageStyles } from "../styles";
import type { AdminApi } from "./adminApi";
import { failureToErrors, fieldState, issuesToFieldErrors, withoutKey, type FieldErrors } from "./fieldErrors";
import { useAdminStyles } from "./styles";

export const SECRET_ONCE = "Copy it now: you will not see it again. The data store keeps only a fingerprint of it; if it is lost, revoke it and issue a new one.";

/** Writes to the clipboard; false when the browser refuses (no permission, not a secure page). */
export type CopyText = (text: string) => Promise<boolean>;

export const browserCopy: CopyText = async (text) => {
  try {
    if (!navigator.clipboard) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
};

const ROLE_TEXT: Record<Role, string> = { team: "team (reports its own data from Excel)", faculty: "faculty (reads every team, scores)", admin: "admin (sets up collaboratives)" };

/**
 * An expiry as people read it. The server stores a date-only expiry as the instant the day ends
 * (the next day's 00:00 UTC), so that instant reads "through" the day that was typed.
 */
export function expiryText(expiresAt: string | null): string {
  if (expiresAt === null) return "never";
  const at = new Date(expiresAt);
  if (Number.isNaN(at.getTime())) return expiresAt;
  if (at.getUTCHours() === 0 && at.getUTCMinutes() === 0 && at.getUTCSeconds() === 0 && at.getUTCMilliseconds() === 0 && expiresAt.length > 10) {
    return `through ${new Date(at.getTime() - 86_400_000).toISOString().slice(0, 10)}`;
  }
  return expiresAt.length <= 10 ? `through ${expiresAt}` : `${expiresAt.slice(0, 10)} ${expiresAt.slice(11, 16)} UTC`;
}

function tokenState(t: TokenInfo, today: string): string {
  if (t.revokedAt) return `revoked ${isoDate(t.revokedAt)}`;
  // expired when its instant is before the start of today (UTC): a token ending later today still shows active
  if (t.expiresAt && Date.parse(t.expiresAt) <= Date.parse(`${today}T00:00:00Z`)) return "expired";
  return "active";
}

/** The secret, once: a read-only field that selects itself, a copy button, and the warning. */
function SecretOnce({ issued, teamName, copy, onDone }: { issued: IssuedToken; teamName: string | null; copy: CopyText; onDone: () => void }) {
  const classes = useAdminStyles();
  const [copied, setCopied] = useState("");
  const onCopy = async () => {
    const ok = await copy(issued.token);
    setCopied(ok ? "Copied to the clipboard." : "The browser did not allow copying: the token is selected in the field, press Ctrl+C (⌘C on a Mac).");
    if (!ok) {
      const field = document.getElementById("issued-secret") as HTMLInputElement | null;
      field?.focus();
      field?.select();
    }
  };
  return (
    <div className={classes.secret} role="region" aria-label="New token">
      <Subtitle2 as="h3">{`Token for ${issued.info.label} (${issued.info.role}${teamName ? `, ${teamName}` : ""})`}</Subtitle2>
      <p>
        <strong>{SECRET_ONCE}</strong>
      </p>
      <Field label="The token">
        <Input id="issued-secret" className={classes.secretInput} readOnly value={issued.token} onFocus={(e) => e.currentTarget.select()} spellCheck={false} />
      </Field>
      <div className={classes.actions}>
        <Button appearance="primary" onClick={() => void onCopy()}>
          Copy token
        </Button>
        <Button onClick={onDone}>I have copied it</Button>
      </div>
      <p role="status">{copied}</p>
    </div>
  );
}

export function TokensPanel({ api, collaborative, copy = browserCopy, today }: { api: AdminApi; collaborative: CollaborativeDefinition; copy?: CopyText; today: string }) {
  const page = usePageStyles();
  const classes = useAdminStyles();
  const [tokens, setTokens] = useState<TokenInfo[] | null>(null);
  const [teams, setTeams] = useState<AdminTeam[]>([]);
  const [role, setRole] = useState<Role>("team");
  const [teamId, setTeamId] = useState("");
  const [bound, setBound] = useState(true);
  const [label, setLabel] = useState("");
  const [expires, setExpires] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState("");
  const [issued, setIssued] = useState<IssuedToken | null>(null);
  const [revoking, setRevoking] = useState<TokenInfo | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const [list, teamList] = await Promise.all([api.tokens(collaborative.id), api.teams(collaborative.id)]);
    setTokens(list.tokens);
    setTeams(teamList.teams);
    setTeamId((id) => id || (teamList.teams.find((t) => t.active)?.id ?? ""));
  }, [api, collaborative.id]);

  useEffect(() => {
    load().catch((error: unknown) => setMessage(`Could not load the tokens: ${error instanceof Error ? error.message : String(error)}`));
  }, [load]);

  const issue = async (event: FormEvent) => {
    event.preventDefault();
    setMessage("");
    const parsed = NewTokenRequest.safeParse({
      role,
      collaborativeId: role === "team" || bound ? collaborative.id : null,
      teamId: role === "team" ? teamId || null : null,
      label,
      expiresAt: expires.trim() === "" ? null : expires.trim(),
    });
    if (!parsed.success) {
      setErrors(issuesToFieldErrors(parsed.error.issues));
      setMessage("Not issued: fix the fields marked in red.");
      return;
    }
    if (parsed.data.expiresAt && isoDate(parsed.data.expiresAt) <= today) {
      setErrors({ expiresAt: `use a date after today (${today}), or leave it blank for no expiry` });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const token = await api.issueToken(parsed.data);
      setIssued(token);
      setLabel("");
      setExpires("");
      await load();
    } catch (error) {
      const { fields, message: text } = failureToErrors(error);
      setErrors(fields);
      setMessage(`Not issued: ${text}`);
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (token: TokenInfo) => {
    setRevoking(null);
    setBusy(true);
    try {
      await api.revokeToken(token.id);
      await load();
      setMessage("");
    } catch (error) {
      setMessage(`Not revoked: ${failureToErrors(error).message}`);
    } finally {
      setBusy(false);
    }
  };

  const teamName = (id: string | null) => (id ? (teams.find((t) => t.id === id)?.name ?? id) : null);

  return (
    <section className={page.card} aria-labelledby="tokens-title">
      <Subtitle2 as="h2" id="tokens-title">
        Tokens
      </Subtitle2>
      <p className={`${page.muted} ${page.small}`}>A team token lets a team report its own data from Excel; faculty tokens read every team and score; admin tokens set collaboratives up. Give each person their own, labelled, so it can be revoked alone.</p>
      {issued ? <SecretOnce issued={issued} teamName={teamName(issued.info.teamId)} copy={copy} onDone={() => setIssued(null)} /> : null}
      <form aria-label="Issue a token" noValidate onSubmit={(e) => void issue(e)}>
        <div className={classes.grid}>
          <Field label="Role" required {...fieldState(errors, "role")}>
            <Select className={classes.select} value={role} onChange={(_, d) => (setRole(d.value as Role), setErrors({}))}>
              {Role.options.map((r) => (
                <option key={r} value={r}>
                  {ROLE_TEXT[r]}
                </option>
              ))}
            </Select>
          </Field>
          {role === "team" ? (
            <Field label="Team" required {...fieldState(errors, "teamId")}>
              <Select className={classes.select} value={teamId} onChange={(_, d) => (setTeamId(d.value), setErrors((e) => withoutKey(e, "teamId")))}>
                {teams.length === 0 ? <option value="">no teams yet: add one under Teams</option> : null}
                {teams.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.active ? t.name : `${t.name} (inactive)`}
                  </option>
                ))}
              </Select>
            </Field>
          ) : (
            <Field label="Scope" {...fieldState(errors, "collaborativeId")}>
              <Checkbox checked={bound} onChange={(_, d) => setBound(d.checked === true)} label={`only ${collaborative.name}`} />
            </Field>
          )}
          <Field label="Label" required hint="who holds it, e.g. Riverside data lead" {...fieldState(errors, "label")}>
            <Input value={label} onChange={(_, d) => (setLabel(d.value), setErrors((e) => withoutKey(e, "label")))} />
          </Field>
          <Field label="Expires" hint="a date, YYYY-MM-DD; blank: never" {...fieldState(errors, "expiresAt")}>
            <Input value={expires} placeholder="2027-12-31" onChange={(_, d) => (setExpires(d.value), setErrors((e) => withoutKey(e, "expiresAt")))} />
          </Field>
        </div>
        <Button appearance="primary" type="submit" disabled={busy}>
          Issue token
        </Button>
      </form>
      <p className={classes.error} role="alert">
        {message}
      </p>
      <Subtitle2 as="h3" className={classes.sub}>
        Issued tokens
      </Subtitle2>
      {tokens === null ? <p className={page.muted}>Loading the tokens…</p> : null}
      {tokens && tokens.length === 0 ? <p className={page.muted}>No tokens for this collaborative yet.</p> : null}
      {tokens && tokens.length > 0 ? (
        <div className={classes.scroll}>
          <table className={classes.table} aria-label="Issued tokens">
            <thead>
              <tr>
                {["Prefix", "Role", "Team", "Label", "Created", "Expires", "State", ""].map((h) => (
                  <th key={h} className={classes.th} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id}>
                  <td className={`${classes.td} ${classes.mono}`}>{`${t.prefix}…`}</td>
                  <td className={classes.td}>{t.role}</td>
                  <td className={classes.td}>{teamName(t.teamId) ?? "–"}</td>
                  <td className={classes.td}>{t.label}</td>
                  <td className={classes.td}>{isoDate(t.createdAt)}</td>
                  <td className={classes.td}>{expiryText(t.expiresAt)}</td>
                  <td className={classes.td}>{tokenState(t, today)}</td>
                  <td className={classes.td}>
                    {t.revokedAt ? null : revoking?.id === t.id ? (
                      <div role="group" aria-label={`Revoke ${t.label}?`}>
                        <p className={page.small}>{`Revoke ${t.label}? It stops working at once, for good; whoever holds it will need a new one.`}</p>
                        <div className={classes.actions}>
                          <Button size="small" appearance="primary" disabled={busy} onClick={() => void revoke(t)}>
                            Revoke token
                          </Button>
                          <Button size="small" autoFocus onClick={() => setRevoking(null)}>
                            Keep it
                          </Button>
                        </div>
                      </div>
                    ) : (
                      <Button size="small" aria-label={`Revoke ${t.label}`} disabled={busy} onClick={() => setRevoking(t)}>
                        Revoke
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
