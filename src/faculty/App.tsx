// The faculty app: sign in with a faculty or admin token (kept in sessionStorage, this tab only),
// pick the collaborative, load what the views draw (every answer parsed with core's schemas by the
// one API client), and show the view the route names. An admin token also gets the admin pages
// (src/faculty/admin: set a collaborative up, its measures, teams, tokens, months and audit log).
import { useCallback, useEffect, useMemo, useState } from "react";
import { Body1Strong, Button, Caption1, Select, Title2 } from "@fluentui/react-components";
import type { CollaborativeDefinition, CollaborativeList, Role } from "../core/index";
import { ApiFailure } from "../web/api/index";
import type { FacultyApi } from "./api";
import type { AdminApi } from "./admin/adminApi";
import { AdminPage } from "./admin/AdminPage";
import { NewCollaborativeForm } from "./admin/CollaborativeForm";
import { useAdminStyles } from "./admin/styles";
import type { CopyText } from "./admin/TokensPanel";
import { parseRoute, routeHash, routeHref, type Route } from "./routes";
import { useGlobalStyles, usePageStyles } from "./styles";
import { Dashboard, type DashboardData } from "./views/Dashboard";
import { FunnelView } from "./views/FunnelView";
import { SignIn } from "./views/SignIn";
import { TeamView } from "./views/TeamView";

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
  /** calls back with the new hash whenever it changes (the browser's hashchange); returns the unsubscribe */
  subscribeHash?: (listener: (hash: string) => void) => () => void;
  /** hands a file to the browser (an object URL and a download link) */
  download: (blob: Blob, filename: string) => void;
  /** the admin API client for a token (absent: no admin pages) */
  createAdminApi?: (token: string) => AdminApi;
  /** writes a new token's secret to the clipboard (default: navigator.clipboard) */
  copy?: CopyText;
  /** today's date, YYYY-MM-DD (default: the browser's clock, UTC) */
  today?: () => string;
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
  const adminClasses = useAdminStyles();
  const [token, setToken] = useState<string | null>(() => services.tokens.load());
  const api = useMemo(() => (token ? services.createApi(token) : null), [token, services]);
  const [phase, setPhase] = useState<Phase>(token ? { name: "loading", message: "Loading…" } : { name: "signed-out", error: "" });
  const [list, setList] = useState<CollaborativeList["collaboratives"]>([]);
  const [collaborativeId, setCollaborativeId] = useState<string | null>(null);
  const [data, setData] = useState<DashboardData | null>(null);
  const [notice, setNotice] = useState("");
  const [role, setRole] = useState<Role | null>(null);
  const [boundName, setBoundName] = useState<string | null>(null);
  const [hash, setHash] = useState(services.hash);
  const route = parseRoute(hash);
  const admin = useMemo(() => (token && services.createAdminApi ? services.createAdminApi(token) : null), [token, services]);
  const isAdmin = role === "admin" && admin !== null;
  const showAdmin = isAdmin && (route.view === "admin" || route.view === "admin-new");
  useEffect(() => services.subscribeHash?.(setHash), [services]);

  useEffect(() => {
    const follow = () => setHash(window.location.hash);
    window.addEventListener("hashchange", follow);
    return () => window.removeEventListener("hashchange", follow);
  }, []);

  const navigate = useCallback((next: Route) => {
    const h = routeHash(next);
    if (window.location.hash !== h) window.location.hash = h;
    setHash(h);
  }, []);

  const signOut = useCallback(
    (error = "") => {
      services.tokens.forget();
      setToken(null);
      setData(null);
      setCollaborativeId(null);
      setRole(null);
      setBoundName(null);
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
        setRole(me.role);
        if (me.collaborative) {
          setList([]);
          setBoundName(me.collaborative.name);
          setCollaborativeId(me.collaborative.id);
          return;
        }
        const { collaboratives } = await client.collaboratives();
        if (!current) return;
        setList(collaboratives);
        const wanted = collaboratives.find((c) => c.id === services.wantedCollaborative) ?? collaboratives[0];
        if (!wanted) {
          if (me.role === "admin" && services.createAdminApi) {
            setPhase({ name: "loading", message: "" });
            return navigate({ view: "admin-new" });
          }
          return setPhase({ name: "failed", message: "There is no collaborative yet: an admin creates one (admin token: New collaborative, or npm run admin -- create-collaborative)." });
        }
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
  }, [token, services, signOut, navigate]);

  // everything the dashboard draws, for the chosen collaborative
  useEffect(() => {
    if (!token || !collaborativeId || showAdmin) return undefined;
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
  }, [token, collaborativeId, services, showAdmin]);

  useEffect(() => {
    if (showAdmin) return;
    document.title = data ? `${data.collaborative.name} · Faculty` : "QI Collaborative · Faculty";
  }, [data, showAdmin]);

  const adminName = route.view === "admin-new" ? "New collaborative" : (list.find((c) => c.id === collaborativeId)?.name ?? boundName ?? "Set up");
  useEffect(() => {
    if (showAdmin) document.title = `${adminName} · Set up`;
  }, [showAdmin, adminName]);

  /** A collaborative was created or its settings changed: the picker and the header follow. */
  const adminChanged = useCallback(
    (d: CollaborativeDefinition) => {
      const entry = { id: d.id, name: d.name, startMonth: d.startMonth, endMonth: d.endMonth, sharing: d.sharing, teamCount: 0 };
      setList((all) => (all.some((c) => c.id === d.id) ? all.map((c) => (c.id === d.id ? { ...entry, teamCount: c.teamCount } : c)) : [...all, entry]));
      if (boundName !== null) setBoundName(d.name);
      setData(null);
    },
    [boundName],
  );

  const reloadScores = useCallback(async () => {
    if (!api || !data) return;
    const scores = await api.scores(data.collaborative.id);
    setData((previous) => (previous && previous.collaborative.id === scores.collaborativeId ? { ...previous, scores } : previous));
  }, [api, data]);

  const exportFile = async (kind: "csv" | "xlsx") => {
    if (!api || !data) return;
    const id = data.collaborative.id;
    try {
      if (kind === "csv") services.download(await api.exportCsv(id), `${id}-points.csv`);
      else services.download(await api.exportXlsx(id), `${id}-export.xlsx`);
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
            <Caption1 className={classes.eyebrow}>{showAdmin ? "QI Collaborative · Set up" : "QI Collaborative · Faculty"}</Caption1>
            <Title2 as="h1" className={classes.title}>
              {showAdmin ? adminName : ready ? data.collaborative.name : "Collaborative data store"}
            </Title2>
            {!showAdmin && ready && data.collaborative.aim ? <Body1Strong className={classes.aim}>{data.collaborative.aim}</Body1Strong> : null}
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
              {isAdmin ? (
                <nav aria-label="Pages" className={classes.actions}>
                  {collaborativeId ? (
                    <>
                      <Button appearance="outline" className={showAdmin ? classes.onBrandButton : adminClasses.current} aria-current={showAdmin ? undefined : "page"} onClick={() => navigate({ view: "dashboard" })}>
                        Dashboard
                      </Button>
                      <Button
                        appearance="outline"
                        className={route.view === "admin" ? adminClasses.current : classes.onBrandButton}
                        aria-current={route.view === "admin" ? "page" : undefined}
                        onClick={() => navigate({ view: "admin", tab: route.view === "admin" ? route.tab : "settings" })}
                      >
                        Set up
                      </Button>
                    </>
                  ) : null}
                  {boundName === null ? (
                    // an admin token bound to one collaborative cannot create another (the server says 403)
                    <Button appearance="outline" className={route.view === "admin-new" ? adminClasses.current : classes.onBrandButton} aria-current={route.view === "admin-new" ? "page" : undefined} onClick={() => navigate({ view: "admin-new" })}>
                      New collaborative
                    </Button>
                  ) : null}
                </nav>
              ) : null}
              {ready && !showAdmin ? (
                <>
                  <Button appearance="outline" className={classes.onBrandButton} onClick={() => void exportFile("csv")}>
                    Export CSV
                  </Button>
                  <Button appearance="outline" className={classes.onBrandButton} onClick={() => void exportFile("xlsx")}>
                    Export Excel
                  </Button>
                </>
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
          {showAdmin ? "" : phase.name === "loading" ? phase.message : phase.name === "failed" ? phase.message : notice}
        </p>
        {ready && !showAdmin ? (
          <nav className={classes.nav} aria-label="Views">
            <a className={classes.link} href={routeHref({ view: "dashboard" })} aria-current={route.view === "dashboard" ? "page" : undefined}>
              Dashboard
            </a>
            <a className={classes.link} href={routeHref({ view: "funnel", measureId: null, period: null })} aria-current={route.view === "funnel" ? "page" : undefined}>
              Funnel plots
            </a>
          </nav>
        ) : null}
        {ready && api && !showAdmin && route.view === "dashboard" ? <Dashboard api={api} data={data} onScoresChanged={reloadScores} /> : null}
        {ready && api && !showAdmin && route.view === "funnel" ? <FunnelView key={`${route.measureId}/${route.period}`} api={api} data={data} measureId={route.measureId} period={route.period} /> : null}
        {ready && api && !showAdmin && route.view === "team" ? <TeamView key={route.teamId} api={api} data={data} teamId={route.teamId} /> : null}
        {showAdmin && admin && route.view === "admin-new" ? (
          <NewCollaborativeForm
            api={admin}
            onCreated={(d) => {
              adminChanged(d);
              setCollaborativeId(d.id);
              navigate({ view: "admin", tab: "measures" });
            }}
          />
        ) : null}
        {showAdmin && admin && api && route.view === "admin" && collaborativeId ? (
          <AdminPage
            key={collaborativeId}
            api={api}
            admin={admin}
            collaborativeId={collaborativeId}
            tab={route.tab}
            onTab={(tab) => navigate({ view: "admin", tab })}
            onChanged={adminChanged}
            today={services.today?.() ?? new Date().toISOString().slice(0, 10)}
            copy={services.copy}
          />
        ) : null}
        {showAdmin && route.view === "admin" && !collaborativeId ? <p className={classes.status}>No collaborative yet: create one with New collaborative.</p> : null}
      </main>
      <footer className={classes.foot}>
        Data store · <a className={classes.link} href="/api/v1/openapi.json">API</a> · <a className={classes.link} href="/health">health</a>
      </footer>
    </div>
  );
}
