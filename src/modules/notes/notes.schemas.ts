/** Request and response schemas of a learner's private note on a topic. */
import { Type, type Static } from 'typebox';
import { NOTE_MAX_CHARS } from '../../db/progress.schema.js';
import { ProblemSchema } from '../../http/problem.js';

const strict = { additionalProperties: false } as const;

const Markdown = Type.String({
  maxLength: NOTE_MAX_CHARS,
  // PostgreSQL text cannot hold NUL: refused here as bad input rather than failing in the database.
  pattern: '^[^\\u0000]*$',
  description:
    `The note in Markdown, at most ${NOTE_MAX_CHARS} characters, without NUL characters. Stored and returned ` +
    'verbatim: it is never sanitized on the server, so whoever renders it as HTML must ' +
    'sanitize it (the web app does).',
});

export const NoteBody = Type.Object({ markdown: Markdown }, strict);
export type NoteBody = Static<typeof NoteBody>;

export const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(
    Type.String({
      description:
        'Required: the ETag of the note as last read (a topic without a note has one too), ' +
        'or `*` to overwrite whatever the note is now. Without it the write is refused (428).',
    }),
  ),
});

export const Note = Type.Object({
  markdown: Markdown,
  updatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'When the note was last written; null when it never was.',
  }),
});
export type Note = Static<typeof Note>;

export const NoteConflict = Type.Object(
  {
    ...ProblemSchema.properties,
    current: Type.Object(
      { ...Note.properties, etag: Type.String({ description: 'The current ETag.' }) },
      { description: 'The note as it is now, to show the conflict instead of overwriting.' },
    ),
  },
  {
    additionalProperties: true,
    description: 'The note changed since the If-Match ETag was read; nothing was written.',
  },
);
