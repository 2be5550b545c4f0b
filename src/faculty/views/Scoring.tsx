// Score a team: one team, one month, a level of the IHI scale (core's ASSESSMENT_SCALE) and the
// rationale, required (core's ScoreInput, the same schema the server validates with). The software's
// suggestion from the team's stored data, with its reasons, is shown before saving and comes back
// with the saved score.
import { useEffect, useState, type FormEvent } from "react";
import { Button, Field, makeStyles, Select, Subtitle2, Textarea, tokens } from "@fluentui/react-components";
import { ASSESSMENT_SCALE, ScoreInput, type CollaborativeView, type Completeness, type ScoreSaved, type ScoresResponse, type ScoreSuggestion } from "../../core/index";
import { ApiFailure } from "../../web/api/index";
import { isoDate, shortMonth } from "../../web/format";
import type { FacultyApi } from "../api";
import { usePageStyles } from "../styles";

const useStyles = makeStyles({
  fields: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalM, marginBottom: tokens.spacingVerticalS },
  select: { minWidth: "220px" },
  block: { marginTop: tokens.spacingVerticalS, marginBottom: tokens.spacingVerticalS },
  saved: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorStatusSuccessForeground1 },
  error: { color: tokens.colorStatusDangerForeground1, minHeight: "1.2em" },
  list: { margin: "4px 0 0 18px", padding: 0 },
});

export const SCORE_NEEDED = "Score: choose a level of the IHI scale (0.5 to 5.0).";
export const RATIONALE_NEEDED = "Rationale: say in a sentence why the team earns this score (what its data and narrative show).";

/** "4.0 · Significant improvement": the level as the scale names it. */
export function levelText(score: number): string {
  const level = ASSESSMENT_SCALE.find((l) => l.score === score);
  return level ? `${level.score.toFixed(1)} · ${level.label}` : String(score);
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** What is recorded for the team and month: faculty's latest score and the team's self-assessment. */
export function currentScoreText(scores: ScoresResponse, teamId: string, period: string): string {
  const entry = scores.scores.find((s) => s.teamId === teamId && s.period === period);
  const parts = [
    entry?.faculty
      ? sentence(`Current faculty score: ${levelText(entry.faculty.score)} (${entry.faculty.by}, ${isoDate(entry.faculty.recordedAt)})${entry.faculty.rationale ? `: ${entry.faculty.rationale}` : ""}`)
      : `Not scored by faculty for ${period ? shortMonth(period) : "this month"} yet.`,
  ];
  if (entry?.self) parts.push(`The team's self-assessment: ${levelText(entry.self.score)}.`);
  return parts.join(" ");
}

type Suggestion = { key: string; body: ScoreSuggestion | null; error: string | null };

export function Scoring(props: {
  api: FacultyApi;
  collaborative: CollaborativeView;
  completeness: Completeness;
  scores: ScoresResponse;
  onSaved: () => Promise<void>;
}) {
  const { api, collaborative, completeness, scores, onSaved } = props;
  const page = usePageStyles();
  const classes = useStyles();
  const teams = collaborative.teams.filter((t): t is typeof t & { id: string } => t.id !== null);
  const months = [...completeness.months].reverse().map((m) => m.period);
  const [teamId, setTeamId] = useState(teams[0]?.id ?? "");
  const [period, setPeriod] = useState(months[0] ?? "");
  const [score, setScore] = useState("");
  const [rationale, setRationale] = useState("");
  const [errors, setErrors] = useState<{ score?: string; rationale?: string; server?: string }>({});
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<{ body: ScoreSaved; teamName: string } | null>(null);
  const [suggestion, setSuggestion] = useState<Suggestion | null>(null);
  const [reload, setReload] = useState(0);
  const key = `${teamId}|${period}`;

  // the faculty score on record becomes the form's score when the team or month changes
  const recorded = scores.scores.find((s) => s.teamId === teamId && s.period === period)?.faculty?.score;
  useEffect(() => {
    setScore(recorded !== undefined ? String(recorded) : "");
  }, [recorded, key]);

  useEffect(() => {
    if (!teamId || !period) return undefined;
    let current = true;
    api.suggestion(collaborative.id, teamId, period).then(
      (body) => current && setSuggestion({ key, body, error: null }),
      (error: unknown) => current && setSuggestion({ key, body: null, error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, [api, collaborative.id, teamId, period, key, reload]);

  if (teams.length === 0 || months.length === 0) return null;
  const level = ASSESSMENT_SCALE.find((l) => String(l.score) === score);
  const shown = suggestion?.key === key ? suggestion : null;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    const candidate = { score: score === "" ? undefined : Number(score), rationale };
    const parsed = ScoreInput.safeParse(candidate);
    if (!parsed.success) {
      const fields = new Set(parsed.error.issues.map((issue) => issue.path[0]));
      // every field at fault is flagged at once, each on its own field
      setErrors({ ...(fields.has("score") ? { score: SCORE_NEEDED } : {}), ...(fields.has("rationale") ? { rationale: RATIONALE_NEEDED } : {}) });
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      const body = await api.saveScore(collaborative.id, teamId, period, parsed.data);
      setSaved({ body, teamName: teams.find((t) => t.id === teamId)?.name ?? teamId });
      setRationale("");
      await onSaved();
      setReload((n) => n + 1);
    } catch (error) {
      const details = error instanceof ApiFailure ? error.conflicts.map((c) => `${c.path.length ? `${c.path.join(".")}: ` : ""}${c.message}`) : [];
      setErrors({ server: `Not saved: ${details.length ? details.join("; ") : error instanceof Error ? error.message : String(error)}` });
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className={page.card} aria-labelledby="scoring-title">
      <Subtitle2 as="h2" id="scoring-title">
        Score a team
      </Subtitle2>
      <p className={`${page.muted} ${page.small}`}>
        IHI Assessment Scale for Collaboratives: faculty score each team monthly, with the reason. Every score is kept; the latest counts. The software&apos;s suggestion from the team&apos;s data comes back beside your score.
      </p>
      <form onSubmit={save} noValidate>
        <div className={classes.fields}>
          <Field label="Team" required>
            <Select className={classes.select} value={teamId} onChange={(_, data) => setTeamId(data.value)}>
              {teams.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Month" required>
            <Select className={classes.select} value={period} onChange={(_, data) => setPeriod(data.value)}>
              {months.map((m) => (
                <option key={m} value={m}>
                  {shortMonth(m)}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Score" required validationState={errors.score ? "error" : "none"} validationMessage={errors.score ?? null}>
            <Select
              className={classes.select}
              value={score}
              onChange={(_, data) => {
                setScore(data.value);
                setErrors(({ score: _fixed, ...rest }) => rest);
              }}
            >
              <option value="">Choose a level…</option>
              {ASSESSMENT_SCALE.map((l) => (
                <option key={l.score} value={String(l.score)}>
                  {levelText(l.score)}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <p className={`${page.muted} ${page.small}`} data-part="level">
          {level?.description ?? ""}
        </p>
        <p className={page.small} data-part="current-score">
          {currentScoreText(scores, teamId, period)}
        </p>
        <div className={page.small} role="group" aria-label="Suggested from the team's data">
          {shown?.error ? <p className={page.muted}>{`No suggestion: ${shown.error}`}</p> : null}
          {shown?.body && !shown.body.suggested ? <p className={page.muted}>{`No suggestion: the team has no data up to ${shortMonth(period)}.`}</p> : null}
          {shown?.body?.suggested ? (
            <>
              <p>{`The team's data suggest ${shown.body.suggested.score.toFixed(1)} · ${shown.body.suggested.label}.`}</p>
              <ul className={classes.list}>
                {shown.body.suggested.reasons.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
        <Field
          className={classes.block}
          label="Rationale (required: what the team's data and narrative show)"
          required
          validationState={errors.rationale ? "error" : "none"}
          validationMessage={errors.rationale ?? null}
        >
          <Textarea
            value={rationale}
            onChange={(_, data) => {
              setRationale(data.value);
              if (data.value.trim() !== "") setErrors(({ rationale: _fixed, ...rest }) => rest);
            }} rows={3} maxLength={4000} placeholder="e.g. bundle compliance above 90% for 3 months; infections down from 4 to 1 a month" resize="vertical" />
        </Field>
        <Button appearance="primary" type="submit" disabled={saving}>
          Save score
        </Button>
        <p className={classes.error} role="alert">
          {errors.server ?? ""}
        </p>
        <div className={page.small} role="status" aria-label="Saved score">
          {saved ? (
            <>
              <p className={classes.saved}>{`Saved: ${saved.teamName}, ${shortMonth(saved.body.period)}: ${levelText(saved.body.score)}.`}</p>
              {saved.body.suggested ? (
                <>
                  <p>{`Suggested from the team's data: ${saved.body.suggested.score.toFixed(1)} · ${saved.body.suggested.label}${saved.body.suggested.score === saved.body.score ? " (the same as yours)." : "."}`}</p>
                  <ul className={classes.list}>
                    {saved.body.suggested.reasons.map((reason) => (
                      <li key={reason}>{reason}</li>
                    ))}
                  </ul>
                </>
              ) : (
                <p className={page.muted}>No suggestion: the team has no data for this month yet.</p>
              )}
            </>
          ) : null}
        </div>
      </form>
    </section>
  );
}
