// Quick variant of the idempotency races (reliability/idempotencyRace.ts) on both engines.
import { QUICK } from "../../reliability/profiles";
import { idempotencyRaces } from "../../reliability/idempotencyRace";
import { expectPassed } from "./expectPassed";

jest.setTimeout(120_000);

describe.each(["sqlite", "postgres"] as const)("%s: one Idempotency-Key on many sockets at once", (engine) => {
  it("the same body lands once and the others replay it; different bodies: one lands, the rest 422 IDEMPOTENCY_KEY_REUSED", async () => {
    expectPassed(await idempotencyRaces({ engine, ...QUICK.races, seed: QUICK.seed }));
  });
});
