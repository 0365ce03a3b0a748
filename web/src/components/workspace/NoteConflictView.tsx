/**
 * A save the server refused because the note changed elsewhere: both texts side by side,
 * and the three ways out. Nothing is written until the learner picks one.
 */
import { useEffect, useRef, type ReactElement } from 'react';
import { formatDateTime } from '../../lib/dates';
import type { NoteVersion } from '../../lib/workspaceApi';

interface Props {
  mine: string;
  theirs: NoteVersion;
  saving: boolean;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
  onMerge: () => void;
}

export function NoteConflictView({
  mine,
  theirs,
  saving,
  onKeepMine,
  onTakeTheirs,
  onMerge,
}: Props): ReactElement {
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The editor this replaces had focus; bring it here so the conflict is noticed.
  useEffect(() => headingRef.current?.focus(), [theirs.etag]);
  return (
    <div className="note-conflict" role="group" aria-labelledby="note-conflict-title">
      <h4 id="note-conflict-title" className="note-conflict-title" ref={headingRef} tabIndex={-1}>
        This note was changed in another tab or on another device
      </h4>
      <p className="note-conflict-help">
        Your text was not saved, and nothing was overwritten. Choose which version to keep, or merge
        them.
      </p>
      <div className="note-versions">
        <section className="note-version" aria-labelledby="note-mine-title">
          <h5 id="note-mine-title">Your version</h5>
          <pre className="note-version-text" tabIndex={0} aria-labelledby="note-mine-title">
            {mine || '(empty)'}
          </pre>
        </section>
        <section className="note-version" aria-labelledby="note-theirs-title">
          <h5 id="note-theirs-title">
            Saved version
            {theirs.updatedAt && (
              <span className="note-version-when"> · {formatDateTime(theirs.updatedAt)}</span>
            )}
          </h5>
          <pre className="note-version-text" tabIndex={0} aria-labelledby="note-theirs-title">
            {theirs.markdown || '(empty)'}
          </pre>
        </section>
      </div>
      <div className="note-actions">
        <button
          type="button"
          className="btn btn--small btn--primary"
          onClick={onKeepMine}
          disabled={saving}
        >
          Keep mine
        </button>
        <button type="button" className="btn btn--small" onClick={onTakeTheirs} disabled={saving}>
          Take saved version
        </button>
        <button type="button" className="btn btn--small" onClick={onMerge} disabled={saving}>
          Merge by editing
        </button>
      </div>
    </div>
  );
}
