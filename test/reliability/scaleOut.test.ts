// Scale-out (issue 15): two server instances on one PostgreSQL database behave as one. Both start at
// once on the empty database, load goes through both (the same teams, each retry to the other
// instance with the same Idempotency-Key), one is killed -9 and restarted mid-load, and keys are
// raced on both at the same instant: every report is stored exactly once (reliability/scaleOut.ts).
import { QUICK } from "../../reliability/profiles";
import { twoInstances } from "../../reliability/scaleOut";
import { expectPassed } from "./expectPassed";

jest.setTimeout(120_000);

it("two instances on one PostgreSQL database: exactly once across both", async () => {
  expectPassed(await twoInstances({ ...QUICK.scaleOut, seed: QUICK.seed }));
});
