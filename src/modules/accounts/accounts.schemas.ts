/**
 * Request and response schemas of the accounts API. Every request object refuses unknown
 * properties: a client cannot set `role` or `emailVerified` by adding them (no mass
 * assignment). No response schema has a field for a password hash, token hash or TOTP
 * secret, and responses are serialized through these schemas, so none can leak by accident.
 */
import { Type, type Static } from 'typebox';

const strict = { additionalProperties: false } as const;

export const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 });
/** Length rules are applied by the service (after Unicode normalization); this bounds cost. */
const Password = Type.String({ minLength: 1, maxLength: 1024 });
const Token = Type.String({ minLength: 16, maxLength: 256, pattern: '^[A-Za-z0-9_-]+$' });
const Code = Type.String({
  minLength: 6,
  maxLength: 32,
  description: 'A 6-digit code from the authenticator app, or a recovery code (xxxxx-xxxxx).',
});

export const SignupBody = Type.Object(
  {
    email: Email,
    password: Password,
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
  },
  strict,
);
export const EmailBody = Type.Object({ email: Email }, strict);
export const TokenBody = Type.Object({ token: Token }, strict);
export const LoginBody = Type.Object({ email: Email, password: Password }, strict);
export const MfaLoginBody = Type.Object({ mfaToken: Token, code: Code }, strict);
export const ResetBody = Type.Object(
  { token: Token, password: Password, code: Type.Optional(Code) },
  strict,
);
export const ChangePasswordBody = Type.Object(
  { currentPassword: Password, newPassword: Password },
  strict,
);
export const CodeBody = Type.Object({ code: Code }, strict);
export const SessionIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, strict);

export const User = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    email: Type.String(),
    displayName: Type.String(),
    role: Type.Union([Type.Literal('member'), Type.Literal('admin')]),
    emailVerified: Type.Boolean(),
    mfaEnabled: Type.Boolean(),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'User' },
);

export const Accepted = Type.Object({ message: Type.String() });

export const SignedIn = Type.Object({
  status: Type.Literal('signed_in'),
  user: User,
  csrfToken: Type.String({ description: 'Send as X-CSRF-Token with every change.' }),
});
export const MfaRequired = Type.Object({
  status: Type.Literal('mfa_required'),
  mfaToken: Type.String({ description: 'Send with the code to POST /auth/login/mfa.' }),
});
export const LoginResult = Type.Union([SignedIn, MfaRequired]);

export const SessionState = Type.Union([
  Type.Object({
    user: User,
    csrfToken: Type.String(),
    sessionId: Type.String({ format: 'uuid' }),
  }),
  Type.Object({ user: Type.Null({ description: 'Nobody is signed in in this browser.' }) }),
]);

export const SessionView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  current: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  lastSeenAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
  ip: Type.Union([Type.String(), Type.Null()]),
  userAgent: Type.Union([Type.String(), Type.Null()]),
});
export const SessionList = Type.Object({ sessions: Type.Array(SessionView) });

export const TotpEnrolment = Type.Object({
  otpauthUri: Type.String(),
  secret: Type.String({
    description: 'For typing into the app by hand; shown only now, while enrolling.',
  }),
  qrSvg: Type.String({ description: 'The otpauth URI as a QR code (SVG markup).' }),
});
export const RecoveryCodes = Type.Object({
  recoveryCodes: Type.Array(Type.String(), { description: 'Shown once; store them safely.' }),
});

export type UserType = Static<typeof User>;
