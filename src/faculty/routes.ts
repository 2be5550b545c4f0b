// The app's views, addressed by the URL's hash ("#/" today). The admin pages, the team view and the
// funnel plots of the next issues add their routes here, each a view in its own file.

export type Route = { view: "dashboard" };

/** The route a location hash names; anything unknown is the dashboard. */
export function parseRoute(_hash: string): Route {
  return { view: "dashboard" };
}
