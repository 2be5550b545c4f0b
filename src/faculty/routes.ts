// The app's views, addressed by the URL's hash: "#/" the dashboard; "#/admin/<tab>" the admin pages
// of a collaborative (settings, measures, teams, tokens, months, audit); "#/admin/new" a new
// collaborative. The team view and the funnel plots of the next issues add their routes here, each a
// view in its own file.

export const ADMIN_TABS = ["settings", "measures", "teams", "tokens", "months", "audit"] as const;
export type AdminTab = (typeof ADMIN_TABS)[number];

export type Route = { view: "dashboard" } | { view: "admin"; tab: AdminTab } | { view: "admin-new" };

/** The route a location hash names; anything unknown is the dashboard. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, "").split("/").filter(Boolean);
  if (parts[0] !== "admin") return { view: "dashboard" };
  if (parts[1] === "new") return { view: "admin-new" };
  const tab = ADMIN_TABS.find((t) => t === parts[1]);
  return { view: "admin", tab: tab ?? "settings" };
}

/** The hash of a route ("#/admin/teams"). */
export function routeHash(route: Route): string {
  if (route.view === "admin") return `#/admin/${route.tab}`;
  if (route.view === "admin-new") return "#/admin/new";
  return "#/";
}
