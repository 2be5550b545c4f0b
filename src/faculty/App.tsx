// The faculty app: sign in with a faculty or admin token (kept in sessionStorage, this tab only),
// pick the collaborative, load what the views draw (every answer parsed with core's schemas by the
// one API client), and show the view the route names.
import { useCallback, useEffect, useMemo, useState } from "react";
import { Body1Strong, Button, Caption1, Select, Title2 } from "@fluentui/react-components";
import type { CollaborativeList } from "../core/index";
import { ApiFailure } from "../web/api/index";
import type { FacultyApi } from "./api";
import { parseRoute } from "./routes";
import { useGlobalStyles, usePageStyles } from "./styles";
import { Dashboard, type DashboardData } from "./views/Dashboard";
import { SignIn } from "./views/SignIn";

export const TEAM_TOKEN_REFUSED = "This is a team token. The faculty page needs a faculty or admin token (teams report from Excel).";

export interface FacultyServices {
  /** the API client for a token */
  createApi: (token: string) => FacultyApi;
  /** where the token is kept (sessionStorage in the browser) */
  tokens: { load(): string | null; save(token: string): void; forget(): void };
  /** the collaborative asked for in the address (`?c=`), if any */
  wantedCollaborative: string | null;
  /** the location hash, for the route */
  hash: string;
  /** hands a file to the browser (an object URL and a download link) */
  download: (blob: Blob, filename: string) => void;
}

type Phase =
  | { name: "signed-out"; error: string }
  | { name: "loading"; message: string }
  | { name: "failed"; message: string }
  | { name: "ready" };

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function App({ services }: { services: FacultyServices }) {
  useGlobalStyles();
  const classes = usePageStyles();
  const [token, setToken] = useState<string | null>(() => services.tokens.load());
  const api = useMemo(() => (token ? services.createApi(token) : null), [token, services]);
  const [phase, setPhase] = useState<Phase>(token ? { name: "loading", message: "Loading…" } : { name: "signed-out", error: "" });
  const [list, setList] = useState<CollaborativeList["collaboratives"]>([]);
  const [collaborativeId, setCollaborativeId] = useState<string | null>(null);
  const [data, setData] = useState<DashboardData | null>(null);
  const [notice, setNotice] = useState("");
  const route = parseRoute(services.hash);

  const signOut = useCallback(
    (error = "") => {
      services.tokens.forget();
      setToken(null);
      setData(null);
      setCollaborativeId(null);
      setPhase({ name: "signed-out", error });
    },
    [services.tokens],
  );

  // who the token is, and which collaborative to open
  useEffect(() => {
    if (!token) return undefined;
    let current = true;
    const client = services.createApi(token);
    setPhase({ name: "loading", message: "Loading…" });
    (async () => {
      try {
        const me = await client.me();
        if (!current) return;
        if (me.role === "team") return signOut(TEAM_TOKEN_REFUSED);
        if (me.collaborative) {
          setList([]);
          setCollaborativeId(me.collaborative.id);
          return;
        }
        const { collaboratives } = await client.collaboratives();
        if (!current) return;
        setList(collaboratives);
        const wanted = collaboratives.find((c) => c.id === services.wantedCollaborative) ?? collaboratives[0];
        if (!wanted) return setPhase({ name: "failed", message: "There is no collaborative yet: create one with npm run admin -- create-collaborative." });
        setCollaborativeId(wanted.id);
      } catch (error) {
        if (!current) return;
        if (error instanceof ApiFailure && error.kind === "unauthorized") return signOut(error.message);
        setPhase({ name: "failed", message: `Could not reach the data store: ${message(error)}` });
      }
    })();
    return () => {
      current = false;
    };
  }, [token, services, signOut]);

  // everything the dashboard draws, for the chosen collaborative
  useEffect(() => {
    if (!token || !collaborativeId) return undefined;
    let current = true;
    const client = services.createApi(token);
    setPhase({ name: "loading", message: "Loading…" });
    Promise.all([client.collaborative(collaborativeId), client.completeness(collaborativeId), client.runcharts(collaborativeId), client.scores(collaborativeId), client.cycles(collaborativeId)]).then(
      ([collaborative, completeness, runcharts, scores, { cycles }]) => {
        if (!current) return;
        setData({ collaborative, completeness, runcharts, scores, cycles });
        setPhase({ name: "ready" });
      },
      (error: unknown) => current && setPhase({ name: "failed", message: `Could not load the collaborative: ${message(error)}` }),
    );
    return () => {
      current = false;
    };
  }, [token, collaborativeId, services]);

  useEffect(() => {
    document.title = data ? `${data.collaborative.name} · Faculty` : "QI Collaborative · Faculty";
  }, [data]);

  const reloadScores = useCallback(async () => {
    if (!api || !data) return;
    const scores = await api.scores(data.collaborative.id);
    setData((previous) => (previous && previous.collaborative.id === scores.collaborativeId ? { ...previous, scores } : previous));
  }, [api, data]);

  const exportCsv = async () => {
    if (!api || !data) return;
    try {
      services.download(await api.exportCsv(data.collaborative.id), `${data.collaborative.id}-points.csv`);
    } catch (error) {
      setNotice(`Export failed: ${message(error)}`);
    }
  };

  const signIn = (value: string) => {
    services.tokens.save(value);
    setToken(value);
  };

  const ready = phase.name === "ready" && data !== null;
  return (
    <div className={classes.page}>
      <header className={classes.top}>
        <div className={classes.topInner}>
          <div>
            <Caption1 className={classes.eyebrow}>QI Collaborative · Faculty</Caption1>
            <Title2 as="h1" className={classes.title}>
              {ready ? data.collaborative.name : "Collaborative data store"}
            </Title2>
            {ready && data.collaborative.aim ? <Body1Strong className={classes.aim}>{data.collaborative.aim}</Body1Strong> : null}
          </div>
          {token ? (
            <div className={classes.actions}>
              {list.length > 1 ? (
                <Select aria-label="Collaborative" value={collaborativeId ?? ""} onChange={(_, d) => setCollaborativeId(d.value)}>
                  {list.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </Select>
              ) : null}
              {ready ? (
                <Button appearance="outline" className={classes.onBrandButton} onClick={() => void exportCsv()}>
                  Export CSV
                </Button>
              ) : null}
              <Button appearance="outline" className={classes.onBrandButton} onClick={() => signOut()}>
                Sign out
              </Button>
            </div>
          ) : null}
        </div>
      </header>
      <main className={classes.main}>
        {phase.name === "signed-out" ? <SignIn error={phase.error} busy={false} onSignIn={signIn} /> : null}
        <p className={classes.status} role="status">
          {phase.name === "loading" ? phase.message : phase.name === "failed" ? phase.message : notice}
        </p>
        {ready && api && route.view === "dashboard" ? <Dashboard api={api} data={data} onScoresChanged={reloadScores} /> : null}
      </main>
      <footer className={classes.foot}>
        Data store · <a className={classes.link} href="/api/v1/openapi.json">API</a> · <a className={classes.link} href="/health">health</a>
      </footer>
    </div>
  );
}
