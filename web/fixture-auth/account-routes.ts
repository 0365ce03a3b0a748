/**
 * The signed-in user's account under /api/v1/me: the profile, the password (changing it signs
 * the other sessions out), and the list of sessions.
 */
import { Problem, send, str, type Route } from './http.js';
import { checkPassword } from './passwords.js';
import { auth, publicUser } from './sessions.js';
import { sessions } from './store.js';

export const accountRoutes: Route[] = [
  ['GET', /^\/api\/v1\/me$/, (req, res) => send(res, 200, publicUser(auth(req).user))],
  [
    'POST',
    /^\/api\/v1\/me\/password$/,
    (req, res, body) => {
      const { user, session } = auth(req);
      if (str(body, 'currentPassword') !== user.password)
        throw new Problem(400, 'Bad Request', 'The request is not valid.', 'about:blank', {
          errors: [{ field: 'currentPassword', message: 'This is not your current password.' }],
        });
      const next = str(body, 'newPassword');
      checkPassword(next, 'newPassword');
      user.password = next;
      for (const [id, s] of sessions)
        if (s.userId === user.id && id !== session.id) sessions.delete(id);
      send(res, 204);
    },
  ],
  [
    'GET',
    /^\/api\/v1\/me\/sessions$/,
    (req, res) => {
      const { user, session } = auth(req);
      const list = [...sessions.values()]
        .filter((s) => s.userId === user.id)
        .map(({ id, createdAt, lastSeenAt, expiresAt, ip, userAgent }) => ({
          id,
          current: id === session.id,
          createdAt,
          lastSeenAt,
          expiresAt,
          ip,
          userAgent,
        }));
      send(res, 200, { sessions: list });
    },
  ],
  [
    'DELETE',
    /^\/api\/v1\/me\/sessions\/([^/]+)$/,
    (req, res, _body, id) => {
      const { user } = auth(req);
      if (sessions.get(id)?.userId !== user.id)
        throw new Problem(404, 'Not Found', 'There is no such session.');
      sessions.delete(id);
      send(res, 204);
    },
  ],
];
