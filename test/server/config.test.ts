// The environment read through one zod schema (src/server/config.ts): defaults when unset or blank,
// and a sentence naming each bad variable, what it got and what it takes.
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { ConfigError, readConfig } from "../../src/server/config";

function message(env: Record<string, string>): string {
  try {
    readConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error("no ConfigError");
}

describe("readConfig(env)", () => {
  it("an empty environment gives the documented defaults; blank variables count as unset", () => {
    const defaults = {
      port: 3000,
      host: undefined,
      dataDir: resolve("./data"),
      databaseUrl: undefined,
      corsOrigins: [],
      staticDir: resolve("./dist"),
      publicUrl: undefined,
      rateLimitPerMinute: 120,
      certDir: join(homedir(), ".office-addin-dev-certs"),
      sqliteSynchronous: "FULL",
      connections: { requestTimeoutMs: 30_000, headersTimeoutMs: 10_000, keepAliveTimeoutMs: 5_000, maxConnections: 800 },
      reminders: { smtpUrl: undefined, mailFrom: "QI Collaborative <qi-reminders@localhost>", facultyEmails: [], intervalMs: 900_000 },
    };
    expect(readConfig({})).toEqual(defaults);
    expect(readConfig({ PORT: " ", DATABASE_URL: "", QI_PUBLIC_URL: "  ", QI_CORS_ORIGINS: "" })).toEqual(defaults);
  });

  it("reads the socket limits, and refuses a headers timeout longer than the request timeout (issue 15, defect 10)", () => {
    expect(readConfig({ QI_REQUEST_TIMEOUT_MS: "2000", QI_HEADERS_TIMEOUT_MS: "500", QI_KEEP_ALIVE_TIMEOUT_MS: "1000", QI_MAX_CONNECTIONS: "3" }).connections).toEqual({
      requestTimeoutMs: 2000,
      headersTimeoutMs: 500,
      keepAliveTimeoutMs: 1000,
      maxConnections: 3,
    });
    expect(message({ QI_REQUEST_TIMEOUT_MS: "5000", QI_HEADERS_TIMEOUT_MS: "6000" })).toBe(
      "QI_HEADERS_TIMEOUT_MS=6000 is more than QI_REQUEST_TIMEOUT_MS=5000: the headers are part of the request, so make it at most that",
    );
    expect(message({ QI_MAX_CONNECTIONS: "0" })).toBe("QI_MAX_CONNECTIONS=0 is not a whole number from 1 to 1000000");
  });

  it("reads every variable, trimming spaces and trailing slashes", () => {
    const config = readConfig({
      PORT: " 8443 ",
      QI_HOST: "127.0.0.1",
      QI_DATA_DIR: "/var/lib/qi",
      DATABASE_URL: "postgresql://qi@db/qi",
      QI_CORS_ORIGINS: "https://addin.example.org/, https://other.example.org:8443",
      QI_STATIC_DIR: "/srv/qi/dist",
      QI_PUBLIC_URL: "https://qi.example.org/",
      QI_RATE_LIMIT: "600",
      QI_CERT_DIR: "/etc/qi/certs",
      QI_SQLITE_SYNCHRONOUS: "normal",
      QI_SMTP_URL: "smtp://qi:secret@mail.example.org:587",
      QI_MAIL_FROM: "QI Sepsis <qi@example.org>",
      QI_FACULTY_EMAILS: " lead@example.org, coach@example.org ",
      QI_REMINDERS_INTERVAL_MS: "60000",
    });
    expect(config).toEqual({
      port: 8443,
      host: "127.0.0.1",
      dataDir: "/var/lib/qi",
      databaseUrl: "postgresql://qi@db/qi",
      corsOrigins: ["https://addin.example.org", "https://other.example.org:8443"],
      staticDir: "/srv/qi/dist",
      publicUrl: "https://qi.example.org",
      rateLimitPerMinute: 600,
      certDir: "/etc/qi/certs",
      sqliteSynchronous: "NORMAL",
      connections: { requestTimeoutMs: 30_000, headersTimeoutMs: 10_000, keepAliveTimeoutMs: 5_000, maxConnections: 800 },
      reminders: { smtpUrl: "smtp://qi:secret@mail.example.org:587", mailFrom: "QI Sepsis <qi@example.org>", facultyEmails: ["lead@example.org", "coach@example.org"], intervalMs: 60_000 },
    });
  });

  it("each bad variable is named with what it takes", () => {
    expect(message({ PORT: "eighty" })).toBe("PORT=eighty is not a whole number from 0 to 65535");
    expect(message({ PORT: "70000" })).toBe("PORT=70000 is not a whole number from 0 to 65535");
    expect(message({ QI_RATE_LIMIT: "0" })).toBe("QI_RATE_LIMIT=0 is not a whole number from 1 to 1000000");
    expect(message({ DATABASE_URL: "mysql://x" })).toBe("DATABASE_URL must start with postgres:// or postgresql:// (leave it unset to use SQLite)");
    expect(message({ QI_PUBLIC_URL: "qi.example.org" })).toBe("QI_PUBLIC_URL must be an origin such as https://qi.example.org");
    expect(message({ QI_PUBLIC_URL: "https://qi.example.org/app" })).toBe("QI_PUBLIC_URL must be an origin such as https://qi.example.org");
    expect(message({ QI_CORS_ORIGINS: "https://ok.example.org,addin.example.org" })).toMatch(/^QI_CORS_ORIGINS must be a comma list of origins/);
    expect(message({ QI_SQLITE_SYNCHRONOUS: "OFF" })).toBe("QI_SQLITE_SYNCHRONOUS must be FULL or NORMAL");
    expect(message({ QI_SMTP_URL: "mail.example.org" })).toMatch(/^QI_SMTP_URL must be a URL such as smtp:\/\//);
    expect(message({ QI_MAIL_FROM: "qi" })).toMatch(/^QI_MAIL_FROM must be an address such as/);
    expect(message({ QI_FACULTY_EMAILS: "lead@example.org, coach" })).toMatch(/^QI_FACULTY_EMAILS must be a comma list of e-mail addresses/);
    expect(message({ QI_REMINDERS_INTERVAL_MS: "10" })).toBe("QI_REMINDERS_INTERVAL_MS must be 0 (off) or at least 1000 (one second)");
  });

  it("several bad variables are all named at once", () => {
    expect(message({ PORT: "x", QI_SQLITE_SYNCHRONOUS: "OFF" })).toBe("PORT=x is not a whole number from 0 to 65535; QI_SQLITE_SYNCHRONOUS must be FULL or NORMAL");
  });
});
