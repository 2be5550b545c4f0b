// Quick variant of `npm run reliability`'s kill -9 scenario (reliability/killNine.ts): one kill -9
// of a real server process under load on each engine; retrying clients; every report stored once.
import { QUICK } from "../../reliability/profiles";
import { killNineUnderLoad } from "../../reliability/killNine";
import { expectPassed } from "./expectPassed";

jest.setTimeout(120_000);

describe.each(["sqlite", "postgres"] as const)("%s: kill -9 of the server under load", (engine) => {
  it("every report is stored exactly once, the store is consistent, no 5xx", async () => {
    expectPassed(await killNineUnderLoad({ engine, ...QUICK.killNine, seed: QUICK.seed }));
  });
});
