// jest global teardown: stops the embedded PostgreSQL that globalSetup.ts started, if it started one.
import type { EmbeddedPostgres } from "./embeddedPostgres";

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __qiEmbeddedPostgres?: EmbeddedPostgres }).__qiEmbeddedPostgres?.stop();
}
