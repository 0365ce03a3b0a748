/**
 * Request and response schemas of the personal access token API. A token's secret appears in
 * exactly one response (the one that creates it); no schema has a field for its hash.
 */
import { Type, type Static } from 'typebox';
import { scopes } from '../../http/access.js';

const strict = { additionalProperties: false } as const;

export const TokenScope = Type.Enum(scopes, { description: 'What the token may do.' });

export const CreateTokenBody = Type.Object(
  {
    name: Type.String({
      minLength: 1,
      maxLength: 100,
      pattern: '\\S',
      description: 'What the token is for, e.g. the script that uses it.',
    }),
    scopes: Type.Array(TokenScope, { minItems: 1, maxItems: scopes.length, uniqueItems: true }),
    expiresInDays: Type.Integer({ minimum: 1, maximum: 365 }),
  },
  strict,
);
export type CreateTokenBody = Static<typeof CreateTokenBody>;

export const TokenIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, strict);

export const TokenView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  prefix: Type.String({ description: 'The first characters of the token, to tell tokens apart.' }),
  scopes: Type.Array(TokenScope),
  createdAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type TokenView = Static<typeof TokenView>;

export const TokenList = Type.Object({ tokens: Type.Array(TokenView) });

export const CreatedToken = Type.Object({
  token: Type.String({ description: 'The secret (`wm_pat_...`). Shown only in this response.' }),
  ...TokenView.properties,
});
export type CreatedToken = Static<typeof CreatedToken>;
