// How much each scenario does: FULL for `npm run reliability` (a few minutes on two cores), QUICK for
// the variant `npm test` runs (test/reliability/, well under a minute). Counts, never durations: the
// suite asserts what happened, not how fast.

export type Profile = {
  name: "full" | "quick";
  seed: number;
  /** kill -9 under load, per engine */
  killNine: { teams: number; clients: number; reportsPerClient: number; kills: number };
  /** PostgreSQL connections cut under load */
  droppedConnections: { teams: number; clients: number; reportsPerClient: number; cuts: number };
  /** idempotency races, per engine */
  races: { keys: number; sockets: number };
  /** two instances on one PostgreSQL database */
  scaleOut: { teams: number; clients: number; reportsPerClient: number; raceKeys: number };
  /** fast-check runs: each run-chart property, and each API property per engine */
  runChartRuns: number;
  apiRuns: number;
};

export const FULL: Profile = {
  name: "full",
  seed: 20261207,
  killNine: { teams: 8, clients: 16, reportsPerClient: 100, kills: 4 },
  droppedConnections: { teams: 8, clients: 16, reportsPerClient: 60, cuts: 40 },
  races: { keys: 25, sockets: 16 },
  scaleOut: { teams: 8, clients: 16, reportsPerClient: 60, raceKeys: 20 },
  runChartRuns: 5000,
  apiRuns: 500,
};

export const QUICK: Profile = {
  name: "quick",
  seed: 7,
  killNine: { teams: 3, clients: 6, reportsPerClient: 12, kills: 1 },
  droppedConnections: { teams: 3, clients: 6, reportsPerClient: 10, cuts: 4 },
  races: { keys: 3, sockets: 8 },
  scaleOut: { teams: 3, clients: 6, reportsPerClient: 12, raceKeys: 3 },
  runChartRuns: 300,
  apiRuns: 60,
};
