// Quick variant of the dropped-connections scenario (reliability/droppedConnections.ts): the server's
// PostgreSQL connections to its own test database are terminated again and again under load.
import { QUICK } from "../../reliability/profiles";
import { droppedConnectionsUnderLoad } from "../../reliability/droppedConnections";
import { expectPassed } from "./expectPassed";

jest.setTimeout(120_000);

it("postgres: connections terminated under load: 503s retried, the server keeps serving, every report stored once", async () => {
  const result = await droppedConnectionsUnderLoad({ ...QUICK.droppedConnections, seed: QUICK.seed });
  expectPassed(result);
});
