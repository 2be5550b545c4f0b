// The sideloading scripts: office-addin-debugging starts the server and gives it 30 s to listen
// (waitUntilDevServerIsRunning(port, retryCount = 30, retryDelay = 1000) in
// node_modules/office-addin-debugging/lib/start.js), then fails with "The dev server is not running on
// port 3000". A production build takes about that long on a small machine, so the build must finish
// before office-addin-debugging starts, and the server it starts must not build again.
import { readFileSync } from "node:fs";

const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string>; config: Record<string, unknown> };

describe("package.json sideloading scripts", () => {
  for (const name of ["start:desktop", "start:web"]) {
    it(`${name} builds first, then lets office-addin-debugging start only the server on the configured port`, () => {
      const script = pkg.scripts[name];
      const [build, debug] = script.split(" && ");
      expect(build).toBe("npm run build");
      expect(debug).toMatch(/^office-addin-debugging start manifest\.xml (desktop|web) /);
      const devServer = /--dev-server "([^"]+)"/.exec(debug)?.[1];
      expect(devServer).toBe("npm run start:server");
      expect(pkg.scripts["start:server"]).not.toMatch(/build|webpack/);
      expect(/--dev-server-port (\d+)/.exec(debug)?.[1]).toBe(String(pkg.config.dev_server_port));
    });
  }

  it("the dev-server script office-addin-debugging falls back to does not build either", () => {
    expect(pkg.scripts["dev-server"]).not.toMatch(/build|webpack/);
  });
});
