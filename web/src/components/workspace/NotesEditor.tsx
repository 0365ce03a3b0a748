/**
 * The learner's private note on a topic: a Markdown editor with a preview, saved a moment
 * after typing stops (or at once with Save), and the conflict view when the note changed
 * elsewhere meanwhile.
 */
import { useId, useState, type ReactElement } from 'react';
import { isDirty, useNote, type NoteState } from '../../lib/useNote';
import { NOTE_MAX_CHARS } from '../../lib/workspaceApi';
import { NoteConflictView } from './NoteConflictView';
import { NotePreview } from './NotePreview';

function statusText(s: NoteState): string {
  if (s.saving) return 'Saving…';
  if (s.conflict) return 'Not saved: the note changed elsewhere';
  if (s.saveError) return `Not saved: ${s.saveError.detail}`;
  if (s.merging) return isDirty(s) ? 'Merging: save when done' : 'Merging';
  if (isDirty(s)) return 'Unsaved changes';
  return s.base?.updatedAt ? 'Saved' : '';
}

export function NotesEditor({
  slug,
  topicId,
  csrfToken,
}: {
  slug: string;
  topicId: string;
  csrfToken: string;
}): ReactElement {
  const note = useNote(slug, topicId, csrfToken);
  const { state } = note;
  const [preview, setPreview] = useState(false);
  const id = useId();

  if (state.status === 'loading') {
    return (
      <p className="muted" role="status">
        Loading your note…
      </p>
    );
  }
  if (state.status === 'error') {
    return (
      <div className="workspace-error" role="alert">
        <p>Your note could not be loaded: {state.loadError?.detail}</p>
        <button type="button" className="btn btn--small" onClick={note.retryLoad}>
          Try again
        </button>
      </div>
    );
  }
  if (state.conflict) {
    return (
      <NoteConflictView
        mine={state.conflict.mine}
        theirs={state.conflict.theirs}
        saving={state.saving}
        onKeepMine={note.keepMine}
        onTakeTheirs={note.takeTheirs}
        onMerge={note.mergeByEditing}
      />
    );
  }

  const left = NOTE_MAX_CHARS - state.draft.length;
  return (
    <div className="note-editor">
      {state.merging && (
        <div className="note-merging">
          <p>
            Merging: edit your text below; the saved version is here for reference. Nothing is saved
            until you choose Save merged note.
          </p>
          <pre className="note-version-text" tabIndex={0} aria-label="Saved version, for reference">
            {state.merging.markdown || '(empty)'}
          </pre>
        </div>
      )}
      <div className="note-toolbar">
        <div className="note-tabs" role="group" aria-label="Note view">
          <button
            type="button"
            className="note-tab"
            aria-pressed={!preview}
            onClick={() => setPreview(false)}
          >
            Write
          </button>
          <button
            type="button"
            className="note-tab"
            aria-pressed={preview}
            onClick={() => setPreview(true)}
          >
            Preview
          </button>
        </div>
        <p className="note-status" role="status" aria-live="polite">
          {statusText(state)}
        </p>
      </div>
      {preview ? (
        <NotePreview markdown={state.draft} />
      ) : (
        <>
          <label className="visually-hidden" htmlFor={`${id}-note`}>
            Your private note (Markdown)
          </label>
          <textarea
            id={`${id}-note`}
            className="note-input"
            value={state.draft}
            maxLength={NOTE_MAX_CHARS}
            rows={8}
            placeholder="Private notes, in Markdown. Only you can see them."
            aria-describedby={`${id}-hint`}
            onChange={(e) => note.setDraft(e.currentTarget.value)}
            onBlur={() => !state.merging && note.save()}
            onKeyDown={(e) => {
              if (e.key === 's' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                if (state.merging) note.finishMerge();
                else note.save();
              } else if (e.key === 'Escape') {
                // Leave the editor, not the topic: closing the panel is one more Escape.
                e.preventDefault();
                e.currentTarget.blur();
              }
            }}
          />
          <p id={`${id}-hint`} className="note-hint">
            Markdown. Saved as you type{left < 1000 ? `; ${left} characters left` : ''}.
          </p>
        </>
      )}
      <div className="note-actions">
        {state.merging ? (
          <button
            type="button"
            className="btn btn--small btn--primary"
            disabled={state.saving}
            onClick={note.finishMerge}
          >
            Save merged note
          </button>
        ) : (
          <button
            type="button"
            className="btn btn--small"
            disabled={state.saving || !isDirty(state)}
            onClick={note.save}
          >
            Save now
          </button>
        )}
        {state.saveError && (
          <button type="button" className="btn btn--small btn--quiet" onClick={note.save}>
            Try again
          </button>
        )}
      </div>
    </div>
  );
}
