/** SQL for the audit log. Append-only: nothing here updates or deletes an event. */
import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { auditEvents } from '../../db/schema.js';

export type AuditEventRow = typeof auditEvents.$inferSelect;
export type NewAuditEvent = typeof auditEvents.$inferInsert;

export interface AuditQuery {
  type?: string;
  userId?: string;
  before?: number;
  limit: number;
}

export function createAuditRepository(db: Database) {
  return {
    async insert(event: NewAuditEvent): Promise<void> {
      await db.insert(auditEvents).values(event);
    },
    async list(query: AuditQuery): Promise<AuditEventRow[]> {
      const where: SQL[] = [];
      if (query.type) where.push(eq(auditEvents.type, query.type));
      if (query.userId) where.push(eq(auditEvents.userId, query.userId));
      if (query.before) where.push(lt(auditEvents.id, query.before));
      return db
        .select()
        .from(auditEvents)
        .where(where.length ? and(...where) : undefined)
        .orderBy(desc(auditEvents.id))
        .limit(query.limit);
    },
  };
}
export type AuditRepository = ReturnType<typeof createAuditRepository>;
