/**
 * Learners' private notes per topic, with optimistic concurrency: a write names the version
 * it replaces (If-Match with the note's ETag), and a stale write changes nothing and answers
 * with the current note, so the page shows the conflict instead of losing either text.
 */
import { AppError } from '../../http/errors.js';
import { ifMatchAllows, strongEtag } from '../../http/caching.js';
import type { RoadmapsService } from '../roadmaps/roadmaps.service.js';
import type { NoteKey, NotesRepository, StoredNote } from './notes.repository.js';
import type { Note } from './notes.schemas.js';

export interface NotesServiceOptions {
  repository: NotesRepository;
  roadmaps: Pick<RoadmapsService, 'topicState'>;
  now?: () => Date;
}

export interface NoteWithEtag {
  note: Note;
  etag: string;
}

/** The version says which write it is; the hash makes the tag strong for these very bytes. */
export const noteEtag = (version: number, markdown: string) =>
  `"v${version}-${strongEtag(markdown).slice(1, -1)}"`;

const present = (stored: StoredNote): NoteWithEtag => ({
  note: { markdown: stored.markdown, updatedAt: stored.updatedAt?.toISOString() ?? null },
  etag: noteEtag(stored.version, stored.markdown),
});

function stale(current: NoteWithEtag): AppError {
  return new AppError(
    'precondition_failed',
    'The note changed since you read it; nothing was written. `current` is the note as it is now.',
    { current: { ...current.note, etag: current.etag } },
    { etag: current.etag },
  );
}

export function createNotesService({
  repository,
  roadmaps,
  now = () => new Date(),
}: NotesServiceOptions) {
  return {
    /** Archived topics keep their notes, readable. */
    async read(key: NoteKey): Promise<NoteWithEtag> {
      await roadmaps.topicState(key.roadmapSlug, key.topicId);
      return present(await repository.find(key));
    },

    async write(key: NoteKey, markdown: string, ifMatch: string | undefined) {
      if ((await roadmaps.topicState(key.roadmapSlug, key.topicId)) === 'archived') {
        throw new AppError(
          'conflict',
          `Topic "${key.topicId}" was removed from roadmap "${key.roadmapSlug}"; its note is ` +
            'kept, but can no longer change.',
        );
      }
      if (ifMatch === undefined) {
        throw new AppError(
          'precondition_required',
          'Send If-Match with the ETag of the note as you read it (or * to overwrite it).',
        );
      }
      if (ifMatch.trim() === '*') return present(await repository.write(key, markdown, now()));
      const current = await repository.find(key);
      if (!ifMatchAllows(ifMatch, noteEtag(current.version, current.markdown))) {
        throw stale(present(current));
      }
      const written = await repository.writeIfVersion(key, current.version, markdown, now());
      // Someone else wrote between our read and our write: theirs stands.
      if (!written) throw stale(present(await repository.find(key)));
      return present(written);
    },
  };
}

export type NotesService = ReturnType<typeof createNotesService>;
