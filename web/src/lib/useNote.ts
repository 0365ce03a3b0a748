/**
 * The learner's note on a topic as an editor sees it: the version last read from the server,
 * the draft being typed, autosave a moment after typing stops, and conflicts. Every write
 * names the version it replaces (If-Match); when the note changed elsewhere meanwhile the
 * server refuses it, and the editor shows both texts instead of overwriting either: the
 * learner keeps theirs (written over the version they have now seen), takes the other, or
 * merges by editing (autosave pauses until they save the merge).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from './api';
import { NoteConflict, notesApi, type NoteVersion } from './workspaceApi';

export const AUTOSAVE_DELAY_MS = 1000;

export interface NoteState {
  status: 'loading' | 'error' | 'ready';
  loadError: ApiError | null;
  /** The version the draft is based on (what a save sends in If-Match). */
  base: NoteVersion | null;
  draft: string;
  saving: boolean;
  saveError: ApiError | null;
  /** A refused save: the learner's text and the note as it is now. Autosave stops. */
  conflict: { mine: string; theirs: NoteVersion } | null;
  /** Merging by editing: the other version, shown for reference. Autosave waits for Save. */
  merging: NoteVersion | null;
}

const initial: NoteState = {
  status: 'loading',
  loadError: null,
  base: null,
  draft: '',
  saving: false,
  saveError: null,
  conflict: null,
  merging: null,
};

/**
 * Drafts not yet saved when their editor closed (the panel moved to another topic): they are
 * saved on the way out, and kept here until that succeeds, so reopening the topic finds them
 * again, or shows the conflict if the note changed meanwhile.
 */
const unsaved = new Map<string, { draft: string; baseEtag: string }>();

const asApiError = (e: unknown): ApiError =>
  e instanceof ApiError ? e : new ApiError(0, 'Error', String(e));

export const isDirty = (s: NoteState): boolean =>
  s.status === 'ready' && s.base !== null && s.draft !== s.base.markdown;

export function useNote(slug: string, topicId: string, csrfToken: string) {
  const key = `${slug}/${topicId}`;
  const [state, setState] = useState<NoteState>(initial);
  const stateRef = useRef(state);
  stateRef.current = state;
  const tokenRef = useRef(csrfToken);
  tokenRef.current = csrfToken;

  const load = useCallback(async () => {
    setState(initial);
    try {
      const server = await notesApi.read(slug, topicId);
      const stash = unsaved.get(key);
      if (!stash || stash.draft === server.markdown) {
        unsaved.delete(key);
        setState({ ...initial, status: 'ready', base: server, draft: server.markdown });
      } else if (stash.baseEtag === server.etag) {
        setState({ ...initial, status: 'ready', base: server, draft: stash.draft });
      } else {
        setState({
          ...initial,
          status: 'ready',
          base: server,
          draft: stash.draft,
          conflict: { mine: stash.draft, theirs: server },
        });
      }
    } catch (e) {
      setState({ ...initial, status: 'error', loadError: asApiError(e) });
    }
  }, [slug, topicId, key]);

  useEffect(() => {
    void load();
  }, [load]);

  /** Writes `text` over the version `ifMatch` names. */
  const write = useCallback(
    async (text: string, ifMatch: string) => {
      setState((s) => ({ ...s, saving: true, saveError: null }));
      try {
        const saved = await notesApi.write(slug, topicId, text, ifMatch, tokenRef.current);
        setState((s) => ({
          ...s,
          saving: false,
          base: saved,
          // Resolving a conflict writes the learner's text; otherwise typing may have gone on
          // during the save, and that text stays the draft.
          draft: s.conflict ? text : s.draft,
          conflict: null,
          merging: null,
        }));
      } catch (e) {
        if (e instanceof NoteConflict) {
          setState((s) => ({
            ...s,
            saving: false,
            conflict: { mine: s.conflict?.mine ?? s.draft, theirs: e.current },
            merging: null,
          }));
        } else {
          setState((s) => ({ ...s, saving: false, saveError: asApiError(e) }));
        }
      }
    },
    [slug, topicId],
  );

  const save = useCallback(() => {
    const s = stateRef.current;
    if (s.status !== 'ready' || !s.base || s.saving || s.conflict) return;
    void write(s.draft, s.base.etag);
  }, [write]);

  // Autosave a moment after typing stops; never while a conflict or a merge is open.
  useEffect(() => {
    if (!isDirty(state) || state.saving || state.conflict || state.merging || state.saveError)
      return;
    const timer = setTimeout(save, AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [state, save]);

  // Leaving the page with unsaved text asks first.
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent): void => {
      const s = stateRef.current;
      if (isDirty(s) || s.conflict) e.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);

  // Closing the editor saves what is left; a draft that cannot be saved is kept for later.
  useEffect(
    () => () => {
      const s = stateRef.current;
      if (!s.base || !(isDirty(s) || s.conflict)) return;
      const mine = s.conflict?.mine ?? s.draft;
      // A merge or a conflict is never finished without the learner: keep it to show again.
      const baseEtag = s.conflict || s.merging ? '' : s.base.etag;
      const entry = { draft: mine, baseEtag };
      unsaved.set(key, entry);
      if (baseEtag === '') return;
      notesApi.write(slug, topicId, mine, baseEtag, tokenRef.current).then(
        () => unsaved.get(key) === entry && unsaved.delete(key),
        () => {},
      );
    },
    [slug, topicId, key],
  );

  // Back in this tab with nothing unsaved: pick up what another tab or device wrote.
  useEffect(() => {
    const onVisible = (): void => {
      const s = stateRef.current;
      if (document.visibilityState !== 'visible' || s.status !== 'ready') return;
      if (isDirty(s) || s.saving || s.conflict || s.merging) return;
      notesApi.read(slug, topicId).then(
        (server) =>
          setState((now) =>
            now.base?.etag === s.base?.etag && !isDirty(now) && !now.saving && !now.conflict
              ? { ...now, base: server, draft: server.markdown }
              : now,
          ),
        () => {},
      );
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [slug, topicId]);

  return {
    state,
    retryLoad: () => void load(),
    setDraft: (draft: string) => setState((s) => ({ ...s, draft, saveError: null })),
    save,
    /** Writes the learner's text over the version they have now seen. */
    keepMine: () => {
      const c = stateRef.current.conflict;
      if (c) void write(c.mine, c.theirs.etag);
    },
    /** Drops the learner's text for the version now saved. */
    takeTheirs: () =>
      setState((s) =>
        s.conflict
          ? { ...s, base: s.conflict.theirs, draft: s.conflict.theirs.markdown, conflict: null }
          : s,
      ),
    /** Edits the learner's text with the other version beside it; saving replaces that one. */
    mergeByEditing: () =>
      setState((s) =>
        s.conflict
          ? {
              ...s,
              base: s.conflict.theirs,
              draft: s.conflict.mine,
              merging: s.conflict.theirs,
              conflict: null,
            }
          : s,
      ),
    /** Saves the merge (or, with nothing changed, just closes it). */
    finishMerge: () => {
      const s = stateRef.current;
      if (!s.merging || !s.base) return;
      if (s.draft === s.base.markdown) setState((now) => ({ ...now, merging: null }));
      else void write(s.draft, s.base.etag);
    },
  };
}

export type NoteEditor = ReturnType<typeof useNote>;
