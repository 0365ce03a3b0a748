/**
 * Two-factor settings under /api/v1/me/mfa: enrolment (a secret and its QR code, confirmed by
 * a first code), turning it off and new recovery codes. Enrolling, turning off and new codes
 * need a fresh sign-in, as on the server.
 */
import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import { Problem, send, str, type Route } from './http.js';
import { auth } from './sessions.js';
import { base32, checkTotp, recoveryCodes } from './totp.js';

export const mfaRoutes: Route[] = [
  [
    'POST',
    /^\/api\/v1\/me\/mfa\/totp$/,
    async (req, res) => {
      const { user } = auth(req, true);
      const secret = base32(randomBytes(20));
      user.pendingSecret = secret;
      const otpauthUri = `otpauth://totp/Waymark:${encodeURIComponent(user.email)}?secret=${secret}&issuer=Waymark`;
      const qrSvg = await QRCode.toString(otpauthUri, { type: 'svg', margin: 0 });
      send(res, 200, { otpauthUri, secret, qrSvg });
    },
  ],
  [
    'POST',
    /^\/api\/v1\/me\/mfa\/totp\/confirm$/,
    (req, res, body) => {
      const { user } = auth(req);
      if (!user.pendingSecret || !checkTotp(user, user.pendingSecret, str(body, 'code').trim()))
        throw new Problem(400, 'Bad Request', 'That code is not right. Try the current one.');
      user.mfaSecret = user.pendingSecret;
      user.pendingSecret = null;
      user.recoveryCodes = recoveryCodes();
      send(res, 200, { recoveryCodes: user.recoveryCodes });
    },
  ],
  [
    'DELETE',
    /^\/api\/v1\/me\/mfa$/,
    (req, res) => {
      const { user } = auth(req, true);
      user.mfaSecret = null;
      user.recoveryCodes = [];
      send(res, 204);
    },
  ],
  [
    'POST',
    /^\/api\/v1\/me\/mfa\/recovery-codes$/,
    (req, res) => {
      const { user } = auth(req, true);
      if (!user.mfaSecret) throw new Problem(409, 'Conflict', 'Two-factor authentication is off.');
      user.recoveryCodes = recoveryCodes();
      send(res, 200, { recoveryCodes: user.recoveryCodes });
    },
  ],
];
