// The app's views, addressed by the URL's hash: "#/" the dashboard, "#/funnel" the funnel plots
// (optionally "#/funnel/{measureId}/{period}"), "#/team/{teamId}" one team on one page;
// "#/admin/<tab>" the admin pages of a collaborative (settings, measures, teams, tokens, months,
// audit) and "#/admin/new" a new collaborative. Each view lives in its own file.

export const ADMIN_TABS = ["settings", "measures", "teams", "tokens", "months", "audit"] as const;
export type AdminTab = (typeof ADMIN_TABS)[number];

export type Route =
  | { view: "dashboard" }
  | { view: "funnel"; measureId: string | null; period: string | null }
  | { view: "team"; teamId: string }
  | { view: "admin"; tab: AdminTab }
  | { view: "admin-new" };

const SEGMENT = /^[a-z0-9][a-z0-9-]*$/;
const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The route a location hash names; anything unknown (or malformed) is the dashboard. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, "").split("/").filter((p) => p !== "").map((p) => decodeURIComponentSafe(p));
  if (parts[0] === "funnel" && parts.length <= 3) {
    const measureId = parts[1] !== undefined && SEGMENT.test(parts[1]) ? parts[1] : null;
    const period = parts[2] !== undefined && PERIOD.test(parts[2]) ? parts[2] : null;
    return { view: "funnel", measureId, period };
  }
  if (parts[0] === "team" && parts.length === 2 && SEGMENT.test(parts[1] ?? "")) return { view: "team", teamId: parts[1] as string };
  if (parts[0] === "admin") {
    if (parts[1] === "new") return { view: "admin-new" };
    const tab = ADMIN_TABS.find((t) => t === parts[1]);
    return { view: "admin", tab: tab ?? "settings" };
  }
  return { view: "dashboard" };
}

/** The hash of a route, for links: `routeHref({ view: "team", teamId: "alpha" })` is "#/team/alpha". */
export function routeHref(route: Route): string {
  switch (route.view) {
    case "dashboard":
      return "#/";
    case "team":
      return `#/team/${encodeURIComponent(route.teamId)}`;
    case "funnel":
      return route.measureId === null ? "#/funnel" : `#/funnel/${encodeURIComponent(route.measureId)}${route.period !== null ? `/${route.period}` : ""}`;
    case "admin":
      return `#/admin/${route.tab}`;
    case "admin-new":
      return "#/admin/new";
  }
}

/** The admin pages' name for {@link routeHref}. */
export const routeHash = routeHref;

function decodeURIComponentSafe(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return "";
  }
}
