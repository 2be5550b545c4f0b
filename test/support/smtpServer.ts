// A real SMTP server in the test process (the smtp-server package): listens on a free loopback port,
// takes any sender without authentication, and keeps every message it accepted, with the headers the
// reminder tests read. `refuseNext(n)` answers the next n messages with a temporary failure (451).
import { SMTPServer, type SMTPServerAddress } from "smtp-server";
import { freePort } from "./freePort";

export type ReceivedMail = {
  from: string;
  to: string[];
  /** the headers, unfolded, by lower-case name */
  headers: Map<string, string>;
  key: string;
  subject: string;
  /** the text/plain part, quoted-printable decoded, line breaks as \n */
  text: string;
  raw: string;
};

/** The decoded text/plain part of a MIME message (nodemailer writes it quoted-printable). */
function plainPart(raw: string): string {
  const match = /Content-Type: text\/plain[^\r\n]*\r?\n(?:[^\r\n]+\r?\n)*\r?\n([\s\S]*?)(?:\r?\n--[^\r\n]+|$)/.exec(raw);
  const body = match?.[1] ?? "";
  const quoted = /Content-Type: text\/plain[^]*?Content-Transfer-Encoding: quoted-printable/.test(raw);
  const text = quoted ? Buffer.from(body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8") : body;
  return text.replace(/\r\n/g, "\n");
}

export type TestSmtp = {
  url: string;
  messages: ReceivedMail[];
  refuseNext(count: number): void;
  close(): Promise<void>;
};

export async function startSmtp(): Promise<TestSmtp> {
  const port = await freePort();
  const messages: ReceivedMail[] = [];
  let refuse = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if (refuse > 0) {
          refuse--;
          const error = new Error("try again later") as Error & { responseCode: number };
          error.responseCode = 451;
          callback(error);
          return;
        }
        const raw = Buffer.concat(chunks).toString("utf8");
        const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n([ \t])/g, "$1");
        const headers = new Map<string, string>();
        for (const line of head.split(/\r?\n/)) {
          const at = line.indexOf(":");
          if (at > 0) headers.set(line.slice(0, at).toLowerCase(), line.slice(at + 1).trim());
        }
        const from = session.envelope.mailFrom;
        messages.push({
          from: from === false ? "" : from.address,
          to: session.envelope.rcptTo.map((a: SMTPServerAddress) => a.address),
          headers,
          key: headers.get("x-qi-reminder-key") ?? "",
          subject: headers.get("subject") ?? "",
          text: plainPart(raw),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    refuseNext: (count) => (refuse = count),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
