/**
 * Outgoing mail. With an SMTP URL, messages go out through nodemailer; without one they land
 * in the dev mailbox: kept in memory for /dev/mailbox and written to the log, so a developer
 * can follow verification and reset links without a mail server.
 */
import { randomUUID } from 'node:crypto';
import nodemailer, { type SMTPSentMessageInfo, type Transporter } from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  /** Resolves once the message is handed over; rejects when delivery to the relay fails. */
  send(message: MailMessage): Promise<void>;
  close(): Promise<void>;
}

/** The part of a pino logger the mailer uses; a Fastify `app.log` fits. */
export interface MailLogger {
  info(obj: object, msg?: string): void;
  info(msg: string): void;
  warn(obj: object, msg?: string): void;
}

export interface DevMailboxMessage extends MailMessage {
  id: string;
  /** When the message was written, as an ISO 8601 timestamp. */
  at: string;
}

export const DEV_MAILBOX_LIMIT = 100;

const sameAddress = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Keeps the last messages in memory, newest first. Never use it in production: it logs bodies. */
export class DevMailbox implements Mailer {
  #messages: DevMailboxMessage[] = [];

  constructor(
    private readonly logger: MailLogger,
    /** How many messages are kept; older ones are dropped. */
    readonly limit = DEV_MAILBOX_LIMIT,
  ) {}

  async send({ to, subject, text, html }: MailMessage): Promise<void> {
    const message = Object.freeze({
      id: randomUUID(),
      at: new Date().toISOString(),
      to,
      subject,
      text,
      html,
    });
    this.#messages.unshift(message);
    if (this.#messages.length > this.limit) this.#messages.length = this.limit;
    this.logger.info({ mail: { to, subject } }, 'mail written to the dev mailbox');
    // The body on its own line, so the links in it are readable (and clickable) in a terminal.
    this.logger.info(`dev mailbox: "${subject}" to ${to}\n\n${text}`);
  }

  /** Newest first; `to` keeps only the messages to that address (case-insensitive). */
  messages(filter: { to?: string } = {}): DevMailboxMessage[] {
    const { to } = filter;
    return to === undefined
      ? [...this.#messages]
      : this.#messages.filter((message) => sameAddress(message.to, to));
  }

  /** The newest message to an address: what a test reads a verification link from. */
  latest(to: string): DevMailboxMessage | undefined {
    return this.#messages.find((message) => sameAddress(message.to, to));
  }

  clear(): void {
    this.#messages = [];
  }

  async close(): Promise<void> {}
}

class SmtpMailer implements Mailer {
  readonly #transport: Transporter<SMTPSentMessageInfo>;

  constructor(
    smtpUrl: string,
    from: string,
    private readonly logger: MailLogger,
  ) {
    this.#transport = nodemailer.createTransport(smtpUrl, { from });
  }

  async send({ to, subject, text, html }: MailMessage): Promise<void> {
    const info = await this.#transport.sendMail({ to, subject, text, html });
    // Never the body: it carries one-time tokens.
    this.logger.info({ mail: { to, subject, messageId: info.messageId } }, 'mail sent');
  }

  async close(): Promise<void> {
    this.#transport.close();
  }
}

export interface MailerOptions {
  /** e.g. `smtps://user:pass@smtp.example.com:465`; unset means the dev mailbox. */
  smtpUrl?: string | undefined;
  /** The From header, e.g. `Waymark <no-reply@example.com>`. */
  from: string;
  logger: MailLogger;
}

export function createMailer({ smtpUrl, from, logger }: MailerOptions): Mailer {
  if (smtpUrl) return new SmtpMailer(smtpUrl, from, logger);
  logger.warn(
    { mail: { transport: 'dev-mailbox' } },
    'no SMTP URL configured: mail is kept in the dev mailbox and written to the log',
  );
  return new DevMailbox(logger);
}
