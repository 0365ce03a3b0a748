/**
 * Schemas of the OAuth endpoints (RFC 8628 device grant, RFC 6749 token endpoint, RFC 7009
 * revocation), the device approval page's API and the signed-in clients list. Protocol
 * members keep their RFC names (snake_case); Waymark's own API uses camelCase.
 */
import { Type, type Static } from 'typebox';
import { scopes } from '../../http/access.js';
import { ProblemSchema } from '../../http/problem.js';

const strict = { additionalProperties: false } as const;
const Secret = Type.String({ minLength: 1, maxLength: 512 });
const ClientId = Type.String({ minLength: 1, maxLength: 100 });
const ScopeParam = Type.String({
  maxLength: 200,
  description: 'Space-separated scopes; default: all the client may have.',
});
const Scope = Type.Enum(scopes);
const UserCode = Type.String({
  minLength: 1,
  maxLength: 32,
  description: 'The code shown by `waymark login`, e.g. `BCDF-GHJK` (any case, hyphen optional).',
});

export const DeviceCodeBody = Type.Object(
  { client_id: ClientId, scope: Type.Optional(ScopeParam) },
  strict,
);
export type DeviceCodeBody = Static<typeof DeviceCodeBody>;

export const DeviceAuthorization = Type.Object({
  device_code: Type.String({ description: 'Secret the client polls the token endpoint with.' }),
  user_code: Type.String({ description: 'What the user enters at verification_uri.' }),
  verification_uri: Type.String({ format: 'uri' }),
  verification_uri_complete: Type.String({ format: 'uri' }),
  expires_in: Type.Integer({ description: 'Seconds until the codes expire.' }),
  interval: Type.Integer({ description: 'Seconds to wait between polls.' }),
});
export type DeviceAuthorization = Static<typeof DeviceAuthorization>;

export const TokenBody = Type.Object(
  {
    grant_type: Type.String({
      maxLength: 100,
      description: '`urn:ietf:params:oauth:grant-type:device_code` or `refresh_token`.',
    }),
    device_code: Type.Optional(Secret),
    refresh_token: Type.Optional(Secret),
    client_id: Type.Optional(ClientId),
    scope: Type.Optional(ScopeParam),
  },
  strict,
);
export type TokenBody = Static<typeof TokenBody>;

export const TokenResponse = Type.Object({
  access_token: Type.String({ description: 'A JWT (`at+jwt`); send as `Authorization: Bearer`.' }),
  token_type: Type.Literal('Bearer'),
  expires_in: Type.Integer(),
  refresh_token: Type.String({ description: 'Single use: each refresh returns a new one.' }),
  scope: Type.String(),
});
export type TokenResponse = Static<typeof TokenResponse>;

export const RevokeBody = Type.Object(
  {
    token: Secret,
    token_type_hint: Type.Optional(Type.String({ maxLength: 50 })),
    client_id: Type.Optional(ClientId),
  },
  strict,
);

export const ApproveBody = Type.Object(
  { userCode: UserCode, approve: Type.Boolean({ description: 'false denies the request.' }) },
  strict,
);
export type ApproveBody = Static<typeof ApproveBody>;

export const LookupQuery = Type.Object({ userCode: UserCode }, strict);

export const DeviceRequest = Type.Object({
  userCode: Type.String(),
  clientId: Type.String(),
  clientName: Type.String(),
  scopes: Type.Array(Scope),
  expiresAt: Type.String({ format: 'date-time' }),
});
export type DeviceRequest = Static<typeof DeviceRequest>;

export const ClientView = Type.Object({
  id: Type.String({ format: 'uuid', description: 'The sign-in (token family) id.' }),
  clientId: Type.String(),
  clientName: Type.String(),
  scopes: Type.Array(Scope),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
});
export type ClientView = Static<typeof ClientView>;

export const ClientList = Type.Object({ clients: Type.Array(ClientView) });
export const ClientIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, strict);

export const Jwks = Type.Object({
  keys: Type.Array(
    Type.Object({
      kty: Type.String(),
      crv: Type.String(),
      x: Type.String(),
      kid: Type.String(),
      alg: Type.Literal('EdDSA'),
      use: Type.Literal('sig'),
    }),
  ),
});

export const OAuthProblem = Type.Object(
  {
    ...ProblemSchema.properties,
    error: Type.Optional(
      Type.String({ description: 'The OAuth error code (RFC 6749 section 5.2, RFC 8628).' }),
    ),
    error_description: Type.Optional(Type.String()),
  },
  {
    additionalProperties: true,
    description: 'A problem document; OAuth failures also carry `error` and `error_description`.',
  },
);
