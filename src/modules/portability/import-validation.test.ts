import { describe, expect, it } from 'vitest';
import { documentErrors, importErrors, pointer, schemaErrors } from './import-validation.js';

const known = (slug: string) =>
  slug === 'sample' ? { current: new Set(['one', 'two']), archived: new Set(['old']) } : undefined;
const context = { known, now: new Date('2026-01-01T00:00:00Z') };
const doc = (topics: unknown[], extra: Record<string, unknown> = {}) => ({
  format: 'waymark-progress',
  version: 1,
  roadmaps: [{ slug: 'sample', topics }],
  ...extra,
});
const fields = (errors: { field: string }[]) => errors.map((e) => e.field);

describe('pointer', () => {
  it('escapes ~ and / as RFC 6901 says', () => {
    expect(pointer('roadmaps', 0, 'a/b~c')).toBe('/roadmaps/0/a~1b~0c');
  });
});

describe('documentErrors', () => {
  it('accepts current and archived topics with a history that chains', () => {
    const history = [
      { from: null, to: 'learning', at: '2025-01-01T00:00:00Z', source: 'web' },
      { from: 'learning', to: 'done', at: '2025-01-02T00:00:00Z', source: 'cli' },
    ];
    expect(
      documentErrors(
        doc([
          { id: 'one', status: 'done', history },
          { id: 'old', status: 'done', history },
        ]),
        context,
      ),
    ).toEqual([]);
  });

  it('names unknown roadmaps and topics, and duplicates of either', () => {
    const errors = documentErrors(
      {
        ...doc([{ id: 'one' }, { id: 'nope' }, { id: 'one' }]),
        roadmaps: [
          { slug: 'sample', topics: [{ id: 'one' }, { id: 'nope' }, { id: 'one' }] },
          { slug: 'elsewhere', topics: [] },
          { slug: 'sample', topics: [] },
        ],
      },
      context,
    );
    expect(fields(errors)).toEqual([
      '/roadmaps/0/topics/1/id',
      '/roadmaps/0/topics/2/id',
      '/roadmaps/1/slug',
      '/roadmaps/2/slug',
    ]);
  });

  it('refuses a history that does not chain, goes back in time, or ends elsewhere', () => {
    const errors = documentErrors(
      doc([
        {
          id: 'one',
          status: 'review',
          history: [
            { from: 'done', to: 'learning', at: '2025-01-02T00:00:00Z', source: 'web' },
            { from: 'skipped', to: 'done', at: '2025-01-01T00:00:00Z', source: 'web' },
            { from: 'done', to: 'learning', at: '2027-01-01T00:00:00Z', source: 'web' },
          ],
        },
      ]),
      context,
    );
    const at = '/roadmaps/0/topics/0';
    expect(fields(errors)).toEqual([
      `${at}/history/0/from`,
      `${at}/history/1/from`,
      `${at}/history/1/at`,
      `${at}/history/2/at`,
      `${at}/status`,
    ]);
  });

  it('refuses links a learner could not add, and NUL characters the database cannot hold', () => {
    const errors = documentErrors(
      doc([
        {
          id: 'one',
          note: { markdown: 'a\u0000b' },
          links: [
            { url: 'javascript:alert(1)' },
            { url: 'https://user:pw@example.com/' },
            { url: 'https://example.com' },
            { url: 'HTTPS://EXAMPLE.com/' },
          ],
          conceptChecks: [{ concept: 'x' }, { concept: 'x' }, { concept: '\u0000' }],
        },
      ]),
      context,
    );
    const at = '/roadmaps/0/topics/0';
    expect(fields(errors)).toEqual([
      `${at}/note/markdown`,
      `${at}/links/0/url`,
      `${at}/links/1/url`,
      `${at}/links/3/url`,
      `${at}/conceptChecks/1/concept`,
      `${at}/conceptChecks/2/concept`,
    ]);
    expect(errors[1]!.message).toBe('must start with http:// or https://');
  });

  it('skips what is not even the right shape (the schema says so)', () => {
    expect(documentErrors(doc(['text', null, { id: 5 }]), context)).toEqual([]);
    expect(documentErrors('text', context)).toEqual([]);
  });
});

describe('schemaErrors', () => {
  it('says only that the file is not an export when it is not one', () => {
    expect(
      schemaErrors([{ instancePath: '', keyword: 'type', message: 'must be object' }], []),
    ).toEqual([{ field: '', message: 'must be a JSON object: a Waymark progress export' }]);
    expect(fields(schemaErrors([], { format: 'other', version: 1, roadmaps: [] }))).toEqual([
      '/format',
    ]);
    expect(fields(schemaErrors([], { format: 'waymark-progress', version: 9 }))).toEqual([
      '/version',
    ]);
  });

  it('turns validator errors into pointers, without the noise of a nullable union', () => {
    const errors = schemaErrors(
      [
        {
          instancePath: '/roadmaps/0/topics/0',
          keyword: 'required',
          params: { missingProperty: 'id' },
          message: "must have required property 'id'",
        },
        {
          instancePath: '/roadmaps/0/topics/0',
          keyword: 'additionalProperties',
          params: { additionalProperty: 'a/b' },
          message: 'x',
        },
        {
          instancePath: '/roadmaps/0/topics/0/status',
          keyword: 'enum',
          params: { allowedValues: ['done', 'review'] },
          message: 'x',
        },
        {
          instancePath: '/roadmaps/0/topics/0/note/markdown',
          keyword: 'maxLength',
          params: { limit: 3 },
          message: 'must NOT have more than 3 characters',
        },
        {
          instancePath: '/roadmaps/0/topics/0/note',
          keyword: 'type',
          params: { type: 'null' },
          message: 'must be null',
        },
        {
          instancePath: '/roadmaps/0/topics/0/note',
          keyword: 'anyOf',
          params: {},
          message: 'must match a schema in anyOf',
        },
      ],
      doc([]),
    );
    expect(errors).toEqual([
      { field: '/roadmaps/0/topics/0/id', message: 'is required' },
      { field: '/roadmaps/0/topics/0/a~1b', message: 'is not a field of this format' },
      { field: '/roadmaps/0/topics/0/status', message: 'must be one of: done, review' },
      {
        field: '/roadmaps/0/topics/0/note/markdown',
        message: 'must NOT have more than 3 characters',
      },
    ]);
  });
});

describe('importErrors', () => {
  it('lists schema and server problems together, in the order of the file', () => {
    const errors = importErrors(
      doc(Array.from({ length: 12 }, (_, i) => (i === 2 || i === 10 ? { id: `nope-${i}` } : {}))),
      [
        {
          instancePath: '/roadmaps/0/topics/3/status',
          keyword: 'enum',
          params: { allowedValues: ['done'] },
        },
      ],
      context,
    );
    expect(fields(errors)).toEqual([
      '/roadmaps/0/topics/2/id',
      '/roadmaps/0/topics/3/status',
      '/roadmaps/0/topics/10/id',
    ]);
  });
});
