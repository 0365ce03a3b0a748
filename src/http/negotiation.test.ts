import Fastify, { type FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import { negotiate } from './negotiation.js';
import { problemHandler } from './problem-handler.js';

const available = ['application/json', 'text/markdown', 'text/html', 'text/csv'] as const;

const withAccept = (accept?: string) =>
  ({ headers: accept === undefined ? {} : { accept } }) as unknown as FastifyRequest;

describe('negotiate', () => {
  it('remembers answers per offer: the same Accept can choose differently for another', () => {
    const accept = 'text/csv;q=0.5, text/markdown';
    const csvOrJson = ['application/json', 'text/csv'] as const;
    expect(negotiate(withAccept(accept), available)).toBe('text/markdown');
    expect(negotiate(withAccept(accept), csvOrJson)).toBe('text/csv');
    // Asked again, from the caches, each offer keeps its own answer.
    expect(negotiate(withAccept(accept), available)).toBe('text/markdown');
    expect(negotiate(withAccept(accept), csvOrJson)).toBe('text/csv');
    expect(() => negotiate(withAccept('image/png'), csvOrJson)).toThrow(AppError);
    expect(() => negotiate(withAccept('image/png'), csvOrJson)).toThrow(AppError);
  });

  it.each([
    ['no Accept header', undefined],
    ['an empty Accept header', ''],
    ['a blank Accept header', '   '],
  ])('picks the default (first) type for %s', (_name, accept) => {
    expect(negotiate(withAccept(accept), available)).toBe('application/json');
  });

  it.each([
    ['text/csv', 'text/csv'],
    ['text/html, application/xhtml+xml', 'text/html'],
    ['TEXT/Markdown', 'text/markdown'],
    ['text/markdown; charset=utf-8', 'text/markdown'],
    ['text/csv;charset=UTF-8;q=0.9, application/json;q=0.1', 'text/csv'],
  ])('picks the type asked for by %j', (accept, expected) => {
    expect(negotiate(withAccept(accept), available)).toBe(expected);
  });

  it.each([
    ['text/csv;q=0.4, text/markdown;q=0.9, application/json;q=0.1', 'text/markdown'],
    ['application/json;q=0.5, text/csv', 'text/csv'],
    ['text/html;q=0.001, image/png', 'text/html'],
  ])('honours q-values in %j', (accept, expected) => {
    expect(negotiate(withAccept(accept), available)).toBe(expected);
  });

  it.each([
    ['*/*', 'application/json'],
    ['text/*', 'text/markdown'],
    ['text/*;q=0.5, text/csv', 'text/csv'],
    ['image/png, */*;q=0.1', 'application/json'],
  ])('resolves wildcards in %j by the order of what is available', (accept, expected) => {
    expect(negotiate(withAccept(accept), available)).toBe(expected);
  });

  it('never picks a type the client refused with q=0', () => {
    expect(negotiate(withAccept('application/json;q=0, */*'), available)).toBe('text/markdown');
  });

  it.each([['image/png'], ['application/json;q=0'], ['text/plain, application/xml']])(
    'refuses %j with a 406 error that lists what is available',
    (accept) => {
      let thrown: unknown;
      try {
        negotiate(withAccept(accept), available);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(AppError);
      expect(thrown).toMatchObject({
        code: 'not_acceptable',
        status: 406,
        extensions: { available: [...available] },
      });
    },
  );
});

describe('negotiate behind the problem handler', () => {
  const app = Fastify({ logger: false });
  beforeAll(async () => {
    await app.register(problemHandler);
    app.get('/thing', (request) => ({ chosen: negotiate(request, available) }));
    await app.ready();
  });
  afterAll(() => app.close());

  it('answers 406 problem+json with an available member', async () => {
    const res = await app.inject({ url: '/thing', headers: { accept: 'image/png' } });
    expect(res.statusCode).toBe(406);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 406, available: [...available] });
  });

  it('answers normally when something is acceptable', async () => {
    const res = await app.inject({ url: '/thing', headers: { accept: 'text/*' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ chosen: 'text/markdown' });
  });
});
