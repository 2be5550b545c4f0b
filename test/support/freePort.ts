// The one way tests find a port to listen on: ask the OS for a free one on the loopback interface.
import { createServer } from "node:net";

/**
 * A loopback port nobody listens on right now (the OS picks it: `listen(0)`). Another process could
 * take it before the caller listens; the servers the tests start fail loudly if it does.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("the OS gave no port"))));
    });
  });
}
