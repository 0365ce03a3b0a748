/**
 * Every schema error of a trusted input (configuration, content files), not just the first
 * few: TypeBox caps collected errors at 8 by default as a guard for untrusted input, which
 * would hide later problems from an author who wants to fix them all in one pass.
 * Request validation does not come through here (Fastify validates with Ajv).
 */
import type { TSchema } from 'typebox';
import { Settings } from 'typebox/system';
import { Value } from 'typebox/value';

export type SchemaError = ReturnType<typeof Value.Errors>[number];

export function allSchemaErrors(schema: TSchema, value: unknown): SchemaError[] {
  const previous = Settings.Get().maxErrors;
  Settings.Set({ maxErrors: 10_000 });
  try {
    // A property that is not allowed is also reported as a "false schema" at its own path;
    // the additionalProperties error on the parent already says it, by name.
    return [...Value.Errors(schema, value)].filter((e) => e.keyword !== 'boolean');
  } finally {
    Settings.Set({ maxErrors: previous });
  }
}
