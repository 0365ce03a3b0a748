/**
 * Translates every error, once, into application/problem+json: AppError by its code, Fastify's
 * own errors (validation, malformed or oversized bodies, media types) by their status, and
 * anything else into a 500 that says nothing of the internals. Also answers unknown routes
 * with 404, and known routes with the wrong method with 405 and an Allow header.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import FindMyWay, { type HTTPMethod } from 'find-my-way';
import fp from 'fastify-plugin';
import { isUnstorableText } from '../db/errors.js';
import { AppError } from './errors.js';
import { PROBLEM_CONTENT_TYPE, problem, problemType, type ProblemDocument } from './problem.js';

export function sendProblem(
  reply: FastifyReply,
  doc: ProblemDocument,
  headers: Record<string, string> = {},
): FastifyReply {
  return reply
    .code(doc.status)
    .headers(headers)
    .header('cache-control', 'no-store')
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(doc));
}

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

function fieldOf(issue: ValidationIssue, context: string | undefined): string {
  const base = (issue.instancePath ?? '').split('/').filter(Boolean).join('.');
  const missing =
    issue.params?.missingProperty ??
    (issue.params?.requiredProperties as string[] | undefined)?.[0];
  const extra = issue.params?.additionalProperty;
  const leaf = typeof missing === 'string' ? missing : typeof extra === 'string' ? extra : '';
  return [context, base, leaf].filter(Boolean).join('.') || (context ?? 'request');
}

function translate(
  error: FastifyError,
  request: FastifyRequest,
): { doc: ProblemDocument; headers: Record<string, string> } {
  const instance = request.url.split('?')[0];
  if (error instanceof AppError) {
    return {
      doc: problem(error.status, error.message, instance, {
        ...(error.typed ? { type: problemType(error.code) } : {}),
        ...error.extensions,
      }),
      headers: error.headers,
    };
  }
  if (error.validation) {
    const errors = (error.validation as ValidationIssue[]).map((issue) => ({
      field: fieldOf(issue, error.validationContext),
      message: issue.message ?? 'is invalid',
    }));
    return {
      doc: problem(400, 'The request is invalid; see errors for each field.', instance, {
        type: problemType('validation_failed'),
        title: 'Invalid request',
        errors,
      }),
      headers: {},
    };
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { doc: problem(400, 'The request body is not valid JSON.', instance), headers: {} };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        doc: problem(413, 'The request body is larger than this server accepts.', instance),
        headers: {},
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        doc: problem(
          415,
          `Content-Type ${request.headers['content-type'] ?? '(none)'} is not supported here.`,
          instance,
        ),
        headers: {},
      };
  }
  if (isUnstorableText(error)) {
    return {
      doc: problem(
        400,
        'Text in the request contains a NUL character, which cannot be stored.',
        instance,
      ),
      headers: {},
    };
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return { doc: problem(status, error.message, instance), headers: {} };
  }
  return {
    doc: problem(500, 'Something went wrong on our side. It has been logged.', instance, {
      requestId: request.id,
    }),
    headers: {},
  };
}

const methods: HTTPMethod[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

export const problemHandler = fp(
  (app: FastifyInstance) => {
    // A second router that mirrors the real one, only to tell "no such route" from "wrong method".
    const routes = FindMyWay({ ignoreTrailingSlash: false });
    app.addHook('onRoute', (route) => {
      if (route.url.includes('*')) return; // catch-alls (CORS preflight) would match everything
      for (const method of [route.method].flat()) {
        try {
          routes.on(method as HTTPMethod, route.url, () => undefined);
        } catch {
          // the same method and path registered twice (HEAD added by Fastify): already known
        }
      }
    });

    app.setErrorHandler((error: FastifyError, request, reply) => {
      const { doc, headers } = translate(error, request);
      if (doc.status >= 500) request.log.error({ err: error }, 'request failed');
      else request.log.info({ status: doc.status, code: error.code }, doc.detail ?? doc.title);
      return sendProblem(reply, doc, headers);
    });

    app.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0] ?? '/';
      const allowed = methods.filter((m) => routes.find(m, path) !== null);
      if (allowed.length > 0) {
        return sendProblem(
          reply,
          problem(
            405,
            `${request.method} is not allowed on ${path}; use ${allowed.join(', ')}.`,
            path,
          ),
          { allow: allowed.join(', ') },
        );
      }
      return sendProblem(reply, problem(404, `No resource at ${path}.`, path));
    });
  },
  { name: 'problem-handler' },
);
