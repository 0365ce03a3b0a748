/**
 * RFC 9457 problem details: the one shape every error response takes.
 */
import { STATUS_CODES } from 'node:http';
import { Type } from 'typebox';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  [extension: string]: unknown;
}

/** Problem types with extension members get their own URI; plain ones use about:blank. */
export function problemType(code: string): string {
  return `tag:waymark.dev,2026:problems/${code.replace(/_/g, '-')}`;
}

export function problem(
  status: number,
  detail: string | undefined,
  instance: string | undefined,
  extra: { type?: string; title?: string; [extension: string]: unknown } = {},
): ProblemDocument {
  const { type, title, ...extensions } = extra;
  return {
    type: type ?? 'about:blank',
    title: title ?? STATUS_CODES[status] ?? 'Error',
    status,
    ...(detail === undefined ? {} : { detail }),
    ...(instance === undefined ? {} : { instance }),
    ...extensions,
  };
}

/** The response schema of every error, for OpenAPI. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'A URI reference that identifies the problem type.' }),
    title: Type.String({ description: 'A short summary of the problem type.' }),
    status: Type.Integer({ description: 'The HTTP status code.' }),
    detail: Type.Optional(Type.String({ description: 'What went wrong in this occurrence.' })),
    instance: Type.Optional(Type.String({ description: 'The request path that failed.' })),
    errors: Type.Optional(
      Type.Array(Type.Object({ field: Type.String(), message: Type.String() }), {
        description: 'For validation problems: each invalid field.',
      }),
    ),
    available: Type.Optional(
      Type.Array(Type.String(), { description: 'For 406: the media types this resource offers.' }),
    ),
  },
  { additionalProperties: true, description: 'An RFC 9457 problem details document.' },
);
