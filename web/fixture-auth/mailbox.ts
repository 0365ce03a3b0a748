/**
 * The dev mailbox: mail the fixture "sends" is kept here, and `GET /dev/mailbox/messages?to=`
 * answers like the server's dev mailbox, so tests follow the same links either way.
 */
import type { IncomingMessage } from 'node:http';
import { send, type Route } from './http.js';

const mailbox: { to: string; subject: string; text: string }[] = [];

/** A message with one link, on the origin the request came to (so the link opens here). */
export function mail(
  req: IncomingMessage,
  to: string,
  subject: string,
  path: string,
  lead: string,
): void {
  const origin = `http://${req.headers.host ?? '127.0.0.1'}`;
  mailbox.push({ to, subject, text: `${lead}\n\n${origin}${path}\n\nWaymark` });
}

export const mailboxRoutes: Route[] = [
  [
    'GET',
    /^\/dev\/mailbox\/messages$/,
    (req, res) => {
      const to = new URL(req.url ?? '/', 'http://x').searchParams.get('to');
      // Newest first, as the server's.
      send(res, 200, { messages: mailbox.filter((m) => !to || m.to === to).reverse() });
    },
  ],
];
