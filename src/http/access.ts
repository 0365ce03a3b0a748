/**
 * Authorization is declared on every route (`config.access`). Today every route is public;
 * the accounts work adds protected levels. A test lists all routes and fails on any route
 * that declares nothing, so a new route cannot be exposed by accident.
 */
export type Access = 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}

export const publicRoute = { access: 'public' } as const;
