// fetch + parse with a core schema: the one way a browser door talks to the data store. Every answer
// is parsed with core's zod schemas, so a drift between door and server fails loudly here (kind
// `contract`) instead of showing wrong numbers; every failure becomes an ApiFailure whose sentence
// the door words (`messageFor`).
import type * as z from "zod";
import { ApiError } from "../../core/index";
import { ApiFailure, kindForStatus, type ApiFailureKind } from "./failure";

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface RequesterOptions {
  /** The data store's origin ("" for the page's own origin); a trailing slash is ignored. */
  baseUrl: string;
  /** The bearer token. */
  token: string;
  /** Default: the global fetch. */
  fetch?: FetchLike | undefined;
  /** Abort a request that has not answered after this many milliseconds (default 30,000). */
  timeoutMs?: number | undefined;
  /** The sentence shown for a failure, from its kind and the server's message (when it sent one). */
  messageFor: (kind: ApiFailureKind, serverMessage: string | undefined) => string;
}

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** statuses besides 2xx whose body is parsed with the schema (e.g. a 422 that is a result) */
  accept?: readonly number[];
}

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface Requester {
  readonly baseUrl: string;
  /** JSON in, JSON out, parsed with `schema`. */
  json<S extends z.ZodType>(method: Method, path: string, schema: S, init?: RequestOptions): Promise<z.infer<S>>;
  /** A file (e.g. the CSV export) as a Blob; failures as for `json`. */
  blob(path: string): Promise<Blob>;
}

function retryAfter(response: Response): number | null {
  const header = response.headers.get("retry-after");
  if (!header) return null;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : null;
}

export function createRequester(options: RequesterOptions): Requester {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const doFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 30_000;

  async function send(method: Method, path: string, init: RequestOptions, accept: string): Promise<Response> {
    const headers: Record<string, string> = { accept, authorization: `Bearer ${options.token}`, ...init.headers };
    if (init.body !== undefined) headers["content-type"] = "application/json";
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      return await doFetch(baseUrl + path, {
        method,
        headers,
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
        signal: controller.signal,
      });
    } catch {
      throw new ApiFailure("network", options.messageFor("network", undefined));
    } finally {
      clearTimeout(timer);
    }
  }

  function failure(response: Response, json: unknown): ApiFailure {
    const error = ApiError.safeParse(json);
    const code = error.success ? error.data.code : null;
    const kind = kindForStatus(response.status, code);
    return new ApiFailure(kind, options.messageFor(kind, error.success ? error.data.message : undefined), {
      status: response.status,
      code,
      conflicts: error.success ? (error.data.conflicts ?? []) : [],
      retryAfterSeconds: retryAfter(response),
    });
  }

  async function readJson(response: Response): Promise<unknown> {
    const text = await response.text().catch(() => "");
    if (text === "") return undefined;
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  }

  return {
    baseUrl,
    async json(method, path, schema, init = {}) {
      const response = await send(method, path, init, "application/json");
      const json = await readJson(response);
      if (response.ok || init.accept?.includes(response.status)) {
        const parsed = schema.safeParse(json);
        if (!parsed.success) throw new ApiFailure("contract", options.messageFor("contract", undefined), { status: response.status });
        return parsed.data;
      }
      throw failure(response, json);
    },
    async blob(path) {
      const response = await send("GET", path, {}, "*/*");
      if (!response.ok) throw failure(response, await readJson(response));
      return response.blob();
    },
  };
}
