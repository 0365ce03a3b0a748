/**
 * SQL for the dashboard. Everything is aggregated in the database, by day in the learner's
 * time zone, so a learner with thousands of events costs a few small result sets, not
 * thousands of rows. Each query reads one learner's rows only, through the indexes that lead
 * with user_id (progress_events_topic_idx and topic_progress's primary key).
 */
import { and, eq, inArray, isNull, notInArray, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { progressEvents, topicProgress, type ProgressStatus } from '../../db/schema.js';

/** A date as PostgreSQL writes it (`YYYY-MM-DD`), on the learner's wall calendar. */
const localDay = (
  column: typeof progressEvents.at | typeof topicProgress.updatedAt,
  zone: string,
) => sql<string>`((${column} at time zone ${zone})::date)::text`;

export interface DailyActivity {
  roadmapSlug: string;
  day: string;
  /** Changes of status that day. */
  events: number;
  /** Topics that became complete that day minus those that stopped being complete. */
  net: number;
}

export interface StoredState {
  roadmapSlug: string;
  topicId: string;
  status: ProgressStatus;
  updatedAt: Date;
  /** The day of `updatedAt` in the learner's time zone. */
  updatedOn: string;
}

export function createDashboardRepository(db: Database) {
  return {
    /** The learner's changes per roadmap and day, all time. */
    async dailyActivity(
      userId: string,
      timeZone: string,
      complete: readonly ProgressStatus[],
    ): Promise<DailyActivity[]> {
      const entered = sql`(${inArray(progressEvents.toStatus, [...complete])})::int`;
      const left = sql`coalesce((${inArray(progressEvents.fromStatus, [...complete])})::int, 0)`;
      const daily = db
        .select({
          roadmapSlug: progressEvents.roadmapSlug,
          day: sql<string>`(${progressEvents.at} at time zone ${timeZone})::date`.as('day'),
          events: sql<number>`count(*)::int`.as('events'),
          net: sql<number>`sum(${entered} - ${left})::int`.as('net'),
        })
        .from(progressEvents)
        .where(eq(progressEvents.userId, userId))
        // By position: the day's expression carries the zone as a parameter, and PostgreSQL
        // does not see two parameters as the same expression.
        .groupBy(sql`1, 2`)
        .as('daily');
      // Written as text once per day, not once per event.
      return db
        .select({
          roadmapSlug: daily.roadmapSlug,
          day: sql<string>`${daily.day}::text`,
          events: daily.events,
          net: daily.net,
        })
        .from(daily);
    },

    /** When each topic last became complete, coming from a status that was not. */
    async completedAt(
      userId: string,
      complete: readonly ProgressStatus[],
    ): Promise<{ roadmapSlug: string; topicId: string; at: Date }[]> {
      const rows = await db
        .select({
          roadmapSlug: progressEvents.roadmapSlug,
          topicId: progressEvents.topicId,
          at: sql<string>`max(${progressEvents.at})`,
        })
        .from(progressEvents)
        .where(
          and(
            eq(progressEvents.userId, userId),
            inArray(progressEvents.toStatus, [...complete]),
            or(
              isNull(progressEvents.fromStatus),
              notInArray(progressEvents.fromStatus, [...complete]),
            ),
          ),
        )
        .groupBy(progressEvents.roadmapSlug, progressEvents.topicId);
      // max() comes back as the driver's text for timestamptz, not mapped by the column.
      return rows.map((r) => ({ ...r, at: new Date(r.at) }));
    },

    /** The learner's current state of every topic they ever changed, on every roadmap. */
    async states(userId: string, timeZone: string): Promise<StoredState[]> {
      return db
        .select({
          roadmapSlug: topicProgress.roadmapSlug,
          topicId: topicProgress.topicId,
          status: topicProgress.status,
          updatedAt: topicProgress.updatedAt,
          updatedOn: localDay(topicProgress.updatedAt, timeZone),
        })
        .from(topicProgress)
        .where(eq(topicProgress.userId, userId));
    },
  };
}

export type DashboardRepository = ReturnType<typeof createDashboardRepository>;
