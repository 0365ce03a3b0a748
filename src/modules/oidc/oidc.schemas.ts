/**
 * Request and response schemas of sign-in with an external OpenID provider and of the linked
 * identities under /me. The start and callback routes are browser navigations: they answer
 * with redirects, described here with their Location header.
 */
import { Type } from 'typebox';

const strict = { additionalProperties: false } as const;

export const ProviderStatus = Type.Object(
  {
    enabled: Type.Boolean({ description: 'Whether sign-in with an external provider is set up.' }),
    name: Type.Optional(
      Type.String({ description: 'The provider’s name, for a “Sign in with <name>” button.' }),
    ),
  },
  { description: 'Whether the web app should offer the provider.' },
);

export const StartQuery = Type.Object(
  {
    returnTo: Type.Optional(
      Type.String({
        maxLength: 2048,
        description:
          'A path in the web app to land on after signing in (`/...`); anything else, such ' +
          'as another site, is replaced by `/`.',
      }),
    ),
    intent: Type.Optional(
      Type.Union([Type.Literal('signin'), Type.Literal('link')], {
        description:
          '`signin` (default), or `link`: add the provider account to the signed-in user ' +
          '(needs a session signed in within the last 10 minutes).',
      }),
    ),
  },
  strict,
);

/** What the provider sends back. Providers add parameters of their own, so others are allowed. */
export const CallbackQuery = Type.Object(
  {
    code: Type.Optional(Type.String({ maxLength: 4096 })),
    state: Type.Optional(Type.String({ maxLength: 512 })),
    iss: Type.Optional(Type.String({ maxLength: 2048 })),
    error: Type.Optional(Type.String({ maxLength: 256 })),
    error_description: Type.Optional(Type.String({ maxLength: 4096 })),
  },
  { additionalProperties: true },
);

export const redirect = (description: string) =>
  Type.Null({
    description,
    headers: { Location: Type.String({ description: 'Where the browser goes next.' }) },
  });

export const IdentityView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  issuer: Type.String({ description: 'The provider’s issuer identifier.' }),
  email: Type.Union([Type.String(), Type.Null()], {
    description: 'The address the provider gave when the account was linked.',
  }),
  createdAt: Type.String({ format: 'date-time' }),
});
export const IdentityList = Type.Object(
  { identities: Type.Array(IdentityView) },
  { description: 'Oldest first.' },
);

export const IdentityIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, strict);
