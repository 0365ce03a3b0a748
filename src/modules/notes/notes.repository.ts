/**
 * SQL for notes. Every write is conditional on the version the writer read, in the same
 * statement that writes, so of two writers who read the same version exactly one succeeds.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { topicNotes } from '../../db/schema.js';

/** Whose note on which topic: keyed like progress, by the roadmap's slug and stable topic id. */
export interface NoteKey {
  userId: string;
  roadmapSlug: string;
  topicId: string;
}

export interface StoredNote {
  markdown: string;
  /** 0 when the topic has no note. */
  version: number;
  updatedAt: Date | null;
}

const isTopic = (key: NoteKey) =>
  and(
    eq(topicNotes.userId, key.userId),
    eq(topicNotes.roadmapSlug, key.roadmapSlug),
    eq(topicNotes.topicId, key.topicId),
  );
const columns = {
  markdown: topicNotes.markdown,
  version: topicNotes.version,
  updatedAt: topicNotes.updatedAt,
};
const primaryKey = [topicNotes.userId, topicNotes.roadmapSlug, topicNotes.topicId];

export function createNotesRepository(db: Database) {
  return {
    async find(key: NoteKey): Promise<StoredNote> {
      const [row] = await db.select(columns).from(topicNotes).where(isTopic(key));
      return row ?? { markdown: '', version: 0, updatedAt: null };
    },

    /**
     * Writes the note if it is still at `expected` (0: no note yet); undefined when it is
     * not, and then nothing was written.
     */
    async writeIfVersion(
      key: NoteKey,
      expected: number,
      markdown: string,
      at: Date,
    ): Promise<StoredNote | undefined> {
      const [row] =
        expected === 0
          ? await db
              .insert(topicNotes)
              .values({ ...key, markdown, version: 1, updatedAt: at })
              .onConflictDoNothing({ target: primaryKey })
              .returning(columns)
          : await db
              .update(topicNotes)
              .set({ markdown, version: sql`${topicNotes.version} + 1`, updatedAt: at })
              .where(and(isTopic(key), eq(topicNotes.version, expected)))
              .returning(columns);
      return row;
    },

    /** Writes the note whatever its version (If-Match: *). */
    async write(key: NoteKey, markdown: string, at: Date): Promise<StoredNote> {
      const [row] = await db
        .insert(topicNotes)
        .values({ ...key, markdown, version: 1, updatedAt: at })
        .onConflictDoUpdate({
          target: primaryKey,
          set: { markdown, version: sql`${topicNotes.version} + 1`, updatedAt: at },
        })
        .returning(columns);
      return row!;
    },
  };
}

export type NotesRepository = ReturnType<typeof createNotesRepository>;
