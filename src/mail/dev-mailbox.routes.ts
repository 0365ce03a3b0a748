/**
 * /dev/mailbox: the mail Waymark would have sent, for developers running without SMTP. The
 * page lists each message with its links clickable; /dev/mailbox/messages gives the same as
 * JSON for scripts and end-to-end tests.
 *
 * Development only: the messages carry live sign-in and reset tokens, so the caller registers
 * this plugin only when NODE_ENV is not production (and only with the dev mailbox mailer).
 */
import { AppError } from '../http/errors.js';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import MarkdownIt from 'markdown-it';
import { Type } from 'typebox';
import { escapeHtml } from '../content/markdown.js';
import { publicRoute } from '../http/access.js';
import type { DevMailbox, DevMailboxMessage } from './mailer.js';

const StoredMessage = Type.Object({
  id: Type.String(),
  at: Type.String({ format: 'date-time', description: 'When the message was written.' }),
  to: Type.String(),
  subject: Type.String(),
  text: Type.String(),
  html: Type.String(),
});

const MessageList = Type.Object({
  messages: Type.Array(StoredMessage, { description: 'Newest first.' }),
});

// No script, no inline style: the page works under the strictest policy, so it states one.
const pagePolicy =
  "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const stylesheet = `body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
article { border-top: 1px solid #ccc; padding: 1rem 0; }
h2 { font-size: 1.1rem; margin: 0 0 0.5rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0 0 0.75rem; }
dt { color: #555; }
dd { margin: 0; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f5f5f5; padding: 0.75rem; }
`;

const linkify = new MarkdownIt().linkify.set({
  fuzzyLink: false,
  fuzzyEmail: false,
  fuzzyIP: false,
});

/** Escapes the text and turns its http(s) URLs into links. */
function linkified(text: string): string {
  let html = '';
  let from = 0;
  for (const match of linkify.match(text) ?? []) {
    if (!/^https?:\/\//i.test(match.url)) continue;
    const url = escapeHtml(match.url);
    html += `${escapeHtml(text.slice(from, match.index))}<a href="${url}">${escapeHtml(match.text)}</a>`;
    from = match.lastIndex;
  }
  return html + escapeHtml(text.slice(from));
}

function renderMessage(message: DevMailboxMessage): string {
  const shown = `${message.at.slice(0, 19).replace('T', ' ')} UTC`;
  return `<article>
<h2>${escapeHtml(message.subject)}</h2>
<dl>
<dt>To</dt><dd>${escapeHtml(message.to)}</dd>
<dt>Sent</dt><dd><time datetime="${escapeHtml(message.at)}">${escapeHtml(shown)}</time></dd>
</dl>
<pre>${linkified(message.text)}</pre>
</article>`;
}

// Links are relative to /dev/mailbox, so the page also works under a prefix.
function renderPage(messages: DevMailboxMessage[], limit: number): string {
  const list =
    messages.length === 0 ? '<p>No messages yet.</p>' : messages.map(renderMessage).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Dev mailbox - Waymark</title>
<link rel="stylesheet" href="mailbox.css">
</head>
<body>
<header>
<h1>Dev mailbox</h1>
<p>Mail Waymark sent without an SMTP server, newest first (the last ${limit} are kept).
<a href="mailbox">Refresh</a> - <a href="mailbox/messages">JSON</a></p>
</header>
<main>
${list}
</main>
</body>
</html>
`;
}

const isLoopback = (ip: string) => ip === '::1' || /^(::ffff:)?127\./.test(ip);

export const devMailboxRoutes: FastifyPluginAsyncTypebox<{ mailbox: DevMailbox }> = async (
  app,
  { mailbox },
) => {
  // Only for the developer at this machine: a dev server exposed on a network (HOST=0.0.0.0
  // without NODE_ENV=production) must not hand out everyone's sign-in links.
  app.addHook('onRequest', async (request) => {
    if (!isLoopback(request.ip)) {
      throw new AppError('not_found', 'The dev mailbox is only served to this machine.');
    }
  });

  app.get(
    '/dev/mailbox',
    {
      config: publicRoute,
      schema: {
        hide: true,
        response: { 200: Type.String({ description: 'An HTML page of the messages.' }) },
      },
    },
    (_request, reply) => {
      reply
        .header('cache-control', 'no-store')
        .header('content-security-policy', pagePolicy)
        .type('text/html; charset=utf-8');
      return renderPage(mailbox.messages(), mailbox.limit);
    },
  );

  app.get(
    '/dev/mailbox.css',
    {
      config: publicRoute,
      schema: { hide: true, response: { 200: Type.String({ description: 'The page style.' }) } },
    },
    (_request, reply) => {
      reply.header('cache-control', 'no-cache').type('text/css; charset=utf-8');
      return stylesheet;
    },
  );

  app.get(
    '/dev/mailbox/messages',
    {
      config: publicRoute,
      schema: {
        hide: true,
        querystring: Type.Object(
          { to: Type.Optional(Type.String({ description: 'Only messages to this address.' })) },
          { additionalProperties: false },
        ),
        response: { 200: MessageList },
      },
    },
    (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { messages: mailbox.messages({ to: request.query.to }) };
    },
  );
};
