// A real data store process (`node --import tsx src/server/main.ts`, as `npm start` runs it) on a
// loopback port, that a scenario can kill -9 and start again on the same port and data. Built on
// the process helpers of the server tests (test/server/processes.ts).

import { start, waitFor, type Running } from "../test/server/processes";
import type { Target } from "./target";

export { freePort } from "../test/server/processes";

export type ServerProcess = {
  url: string;
  /** the process now running (a new one after each restart) */
  running: () => Running;
  /** SIGKILL, and wait until it is gone */
  killNine: () => Promise<void>;
  /** start again on the same port and data; resolves when /health/ready answers 200 */
  restart: () => Promise<void>;
  /** SIGTERM (a clean stop), SIGKILL after 15 s */
  stop: () => Promise<void>;
  /** the output of every process so far */
  output: () => string;
  /** resolves, with the process's exit and output, when a process ends that the scenario did not kill or stop */
  died: Promise<string>;
};

/**
 * Start a server on `port` over `target`'s data, with the per-token limit out of the way (the load
 * sends hundreds of reports a minute per team; 120 a minute is the default) and no https (QI_CERT_DIR
 * points nowhere, whatever certificates the machine has).
 */
export async function startServer(target: Target, port: number, extraEnv: Record<string, string> = {}): Promise<ServerProcess> {
  const env = {
    ...target.env,
    PORT: String(port),
    QI_HOST: "127.0.0.1",
    QI_RATE_LIMIT: "1000000",
    QI_CERT_DIR: "/nonexistent-qi-reliability-certs",
    QI_STATIC_DIR: "/nonexistent-qi-reliability-dist",
    ...extraEnv,
  };
  const url = `http://127.0.0.1:${port}`;
  let current: Running;
  let log = "";
  let ending = false;
  let reportDeath: (what: string) => void = () => undefined;
  const died = new Promise<string>((resolve) => (reportDeath = resolve));
  const launch = async () => {
    ending = false;
    current = start("src/server/main.ts", [], env);
    const running = current;
    void running.exited.then((code) => {
      if (!ending) reportDeath(`the server process ended by itself (exit ${code ?? running.child.signalCode}):\n${running.output().slice(-3000)}`);
    });
    try {
      await waitFor(`${url}/health/ready`, current, 60_000);
    } catch (error) {
      // not ready in time: end it rather than leave it running
      current.child.kill("SIGKILL");
      throw error;
    }
  };
  const stopped = async (signal: NodeJS.Signals) => {
    const running = current;
    if (running.child.exitCode !== null || running.child.signalCode !== null) return;
    ending = true;
    running.child.kill(signal);
    const timer = signal === "SIGTERM" ? setTimeout(() => running.child.kill("SIGKILL"), 15_000) : null;
    await running.exited;
    if (timer) clearTimeout(timer);
    log += running.output();
  };
  await launch();
  return {
    url,
    running: () => current,
    killNine: () => stopped("SIGKILL"),
    restart: launch,
    stop: () => stopped("SIGTERM"),
    output: () => log + (current.child.exitCode === null && current.child.signalCode === null ? current.output() : ""),
    died,
  };
}
