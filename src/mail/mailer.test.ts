import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { SMTPServer, type SMTPServerEnvelope } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMailer, DevMailbox, type MailLogger, type MailMessage } from './mailer.js';
import { resetPassword, verifyEmail } from './templates.js';

/** A logger that remembers what it was told. */
function recordingLogger() {
  const lines: { level: 'info' | 'warn'; obj?: object; msg?: string }[] = [];
  const logger: MailLogger = {
    info(objOrMsg: object | string, msg?: string) {
      lines.push(
        typeof objOrMsg === 'string'
          ? { level: 'info', msg: objOrMsg }
          : { level: 'info', obj: objOrMsg, msg },
      );
    },
    warn(obj: object, msg?: string) {
      lines.push({ level: 'warn', obj, msg });
    },
  };
  return { logger, lines };
}

const message = (n: number, to = 'ada@example.com'): MailMessage => ({
  to,
  subject: `Message ${n}`,
  text: `Text ${n}`,
  html: `<p>Html ${n}</p>`,
});

// Just enough MIME to read back what nodemailer wrote: headers, multipart parts, QP/base64.
function splitHeaders(raw: string) {
  const end = raw.indexOf('\r\n\r\n');
  const headers = new Map<string, string>();
  for (const line of raw
    .slice(0, end)
    .replace(/\r\n[ \t]+/g, ' ')
    .split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: raw.slice(end + 4) };
}

function decode(body: string, encoding = '7bit'): string {
  if (encoding === 'base64') return Buffer.from(body, 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body
      .replace(/=\r\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

function parts(raw: string) {
  const { headers, body } = splitHeaders(raw);
  const boundary = /boundary="?([^";]+)"?/.exec(headers.get('content-type') ?? '')?.[1];
  if (!boundary) throw new Error('not a multipart message');
  return body
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((part) => {
      const parsed = splitHeaders(part.replace(/^\r\n/, ''));
      return {
        contentType: parsed.headers.get('content-type') ?? '',
        content: decode(
          parsed.body.replace(/\r\n$/, ''),
          parsed.headers.get('content-transfer-encoding'),
        ),
      };
    });
}

describe('createMailer with an SMTP URL', () => {
  const received: { envelope: SMTPServerEnvelope; raw: string }[] = [];
  let refuse = false;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (refuse) return callback(new Error('mailbox unavailable'));
        received.push({ envelope: session.envelope, raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  const { logger, lines } = recordingLogger();
  let mailer: ReturnType<typeof createMailer>;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address() as AddressInfo;
    mailer = createMailer({
      smtpUrl: `smtp://127.0.0.1:${port}`,
      from: 'Waymark <no-reply@waymark.test>',
      logger,
    });
  });
  afterAll(async () => {
    await mailer.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => {
    received.length = 0;
    lines.length = 0;
    refuse = false;
  });

  it('delivers the message with its headers and both bodies to the SMTP server', async () => {
    const link = 'http://localhost:5173/verify-email?token=abc123';
    await mailer.send(verifyEmail({ to: 'ada@example.com', displayName: 'Ada', link }));

    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(mail!.envelope.mailFrom).toMatchObject({ address: 'no-reply@waymark.test' });
    expect(mail!.envelope.rcptTo.map((r) => r.address)).toEqual(['ada@example.com']);

    const { headers } = splitHeaders(mail!.raw);
    expect(headers.get('from')).toBe('Waymark <no-reply@waymark.test>');
    expect(headers.get('to')).toBe('ada@example.com');
    expect(headers.get('subject')).toBe('Confirm your email address for Waymark');
    expect(headers.get('content-type')).toMatch(/^multipart\/alternative;/);
    expect(headers.get('message-id')).toMatch(/^<.+@waymark\.test>$/);

    const [text, html] = parts(mail!.raw);
    expect(text!.contentType).toMatch(/^text\/plain; charset=utf-8/);
    expect(text!.content).toContain('Hi Ada,');
    expect(text!.content).toContain(link);
    expect(html!.contentType).toMatch(/^text\/html; charset=utf-8/);
    expect(html!.content).toContain(`<a href="${link}">Confirm your email address</a>`);
  });

  it('logs the delivery without the body, which carries tokens', async () => {
    await mailer.send(
      resetPassword({
        to: 'ada@example.com',
        link: 'http://x/t?token=secret',
        expiresInMinutes: 30,
      }),
    );
    expect(lines).toEqual([
      {
        level: 'info',
        obj: {
          mail: {
            to: 'ada@example.com',
            subject: 'Reset your Waymark password',
            messageId: expect.stringMatching(/@waymark\.test>$/) as unknown,
          },
        },
        msg: 'mail sent',
      },
    ]);
    expect(JSON.stringify(lines)).not.toContain('secret');
  });

  it('rejects when the server refuses the message', async () => {
    refuse = true;
    await expect(mailer.send(message(1))).rejects.toThrow(/mailbox unavailable/);
  });
});

describe('createMailer without an SMTP URL', () => {
  it('returns the dev mailbox and warns that mail goes to the log', () => {
    const { logger, lines } = recordingLogger();
    const mailer = createMailer({ smtpUrl: undefined, from: 'Waymark <a@b.test>', logger });
    expect(mailer).toBeInstanceOf(DevMailbox);
    expect(lines).toMatchObject([{ level: 'warn', obj: { mail: { transport: 'dev-mailbox' } } }]);
  });

  it('takes a Fastify (pino) logger', async () => {
    const app = Fastify({ logger: false });
    const mailer = createMailer({ smtpUrl: '', from: 'Waymark <a@b.test>', logger: app.log });
    await expect(mailer.send(message(1))).resolves.toBeUndefined();
    await app.close();
  });
});

describe('DevMailbox', () => {
  it('keeps messages newest first, with an id and the time they were written', async () => {
    const mailbox = new DevMailbox(recordingLogger().logger);
    const before = Date.now();
    await mailbox.send(message(1));
    await mailbox.send(message(2));
    const messages = mailbox.messages();
    expect(messages.map((m) => m.subject)).toEqual(['Message 2', 'Message 1']);
    expect(messages[0]).toMatchObject({ ...message(2), id: expect.any(String) as unknown });
    expect(messages[0]!.id).not.toBe(messages[1]!.id);
    expect(Date.parse(messages[0]!.at)).toBeGreaterThanOrEqual(before - 1);
  });

  it('keeps only the last 100 messages', async () => {
    const mailbox = new DevMailbox(recordingLogger().logger);
    for (let n = 1; n <= 105; n += 1) await mailbox.send(message(n));
    const messages = mailbox.messages();
    expect(mailbox.limit).toBe(100);
    expect(messages).toHaveLength(100);
    expect(messages[0]!.subject).toBe('Message 105');
    expect(messages[99]!.subject).toBe('Message 6');
  });

  it('writes the recipient, subject and text body to the log', async () => {
    const { logger, lines } = recordingLogger();
    const mailbox = new DevMailbox(logger);
    await mailbox.send({ ...message(1), text: 'Open http://localhost/verify?token=t1' });
    expect(lines[0]).toEqual({
      level: 'info',
      obj: { mail: { to: 'ada@example.com', subject: 'Message 1' } },
      msg: 'mail written to the dev mailbox',
    });
    expect(lines[1]!.level).toBe('info');
    expect(lines[1]!.msg).toContain('Open http://localhost/verify?token=t1');
  });

  it('filters by recipient, ignoring case, and finds the latest message to an address', async () => {
    const mailbox = new DevMailbox(recordingLogger().logger);
    await mailbox.send(message(1, 'ada@example.com'));
    await mailbox.send(message(2, 'bob@example.com'));
    await mailbox.send(message(3, 'Ada@Example.com'));
    expect(mailbox.messages({ to: 'ADA@example.com' }).map((m) => m.subject)).toEqual([
      'Message 3',
      'Message 1',
    ]);
    expect(mailbox.latest('bob@example.com')?.subject).toBe('Message 2');
    expect(mailbox.latest('nobody@example.com')).toBeUndefined();
  });

  it('hands out copies: callers cannot change what it keeps', async () => {
    const mailbox = new DevMailbox(recordingLogger().logger);
    await mailbox.send(message(1));
    mailbox.messages().pop();
    expect(() => {
      (mailbox.messages()[0] as { subject: string }).subject = 'changed';
    }).toThrow(TypeError);
    expect(mailbox.messages()).toHaveLength(1);
    mailbox.clear();
    expect(mailbox.messages()).toEqual([]);
  });
});
