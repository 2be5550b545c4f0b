// Sending one e-mail through SMTP with nodemailer (QI_SMTP_URL, QI_MAIL_FROM). The job sees only the
// Mailer interface, so a test can count what would be sent; the tests use a real SMTP server.

import { createTransport, type Transporter } from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import type { ReminderMessage } from "../../core/index";

/** One e-mail to send. `key` goes out as a header so a mailbox (or a test) can tell reminders apart. */
export type Mail = { to: readonly string[]; message: ReminderMessage; key: string };

export type Mailer = {
  /** Resolves when the SMTP server accepted the message; rejects with the server's or the network's error. */
  send(mail: Mail): Promise<void>;
  close(): void;
};

/**
 * A mailer on nodemailer's SMTP transport for `smtpUrl` (smtp:// or smtps://, credentials in the
 * URL; nodemailer's URL form: https://nodemailer.com/smtp/#connection-url). Timeouts are bounded so
 * a hung server cannot hold the job (and its lock) for long: nodemailer's defaults wait up to 2
 * minutes for a connection and 10 minutes for a socket (https://nodemailer.com/smtp/#connection-options).
 */
export function smtpMailer(smtpUrl: string, from: string): Mailer {
  // options given in the URL (e.g. ?connectionTimeout=5000) win over these (nodemailer merges the URL's last)
  const transport: Transporter = createTransport({ url: smtpUrl, connectionTimeout: 20_000, greetingTimeout: 20_000, socketTimeout: 60_000 } as SMTPTransport.Options, { from });
  return {
    async send(mail) {
      await transport.sendMail({
        from,
        to: [...mail.to],
        subject: mail.message.subject,
        text: mail.message.text,
        html: mail.message.html,
        // RFC 3834: a machine's message; out-of-office replies should not answer it
        headers: { "Auto-Submitted": "auto-generated", "X-QI-Reminder-Key": mail.key },
      });
    },
    close() {
      transport.close();
    },
  };
}
