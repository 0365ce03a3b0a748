/**
 * A topic's key concepts. Signed in, a checklist the learner ticks one by one, with how many
 * are ticked; otherwise (and until the ticks load) the plain list from the content.
 */
import { useEffect, useState, type ReactElement } from 'react';
import { ApiError } from '../../lib/api';
import { useSession } from '../../lib/auth';
import { conceptsApi, type ConceptChecklist as Checklist } from '../../lib/workspaceApi';
import '../../workspace.css';

export function ConceptChecklist({
  slug,
  topicId,
  concepts,
}: {
  slug: string;
  topicId: string;
  concepts: string[];
}): ReactElement {
  const session = useSession();
  const signedIn = session.status === 'signedIn';
  const [list, setList] = useState<Checklist | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setList(null);
    setError(null);
    if (!signedIn) return;
    let live = true;
    conceptsApi.checklist(slug, topicId).then(
      (res) => live && setList(res),
      (e: unknown) => live && setError(e instanceof ApiError ? e.detail : String(e)),
    );
    return () => {
      live = false;
    };
  }, [slug, topicId, signedIn]);

  if (!signedIn || !list) {
    return (
      <>
        <ul className="concepts">
          {concepts.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
        {error && <p className="workspace-field-error">Your ticks could not be loaded: {error}</p>}
      </>
    );
  }

  const toggle = async (conceptId: string, checked: boolean): Promise<void> => {
    const apply = (value: boolean) =>
      setList((l) =>
        l
          ? {
              ...l,
              concepts: l.concepts.map((c) => (c.id === conceptId ? { ...c, checked: value } : c)),
            }
          : l,
      );
    apply(checked);
    setError(null);
    try {
      const res = await conceptsApi.set(slug, topicId, conceptId, checked);
      // Only this concept's answer counts: answers to quicker clicks may arrive out of order.
      const mine = res.concepts.find((c) => c.id === conceptId);
      if (mine) apply(mine.checked);
    } catch (e) {
      apply(!checked);
      setError(e instanceof ApiError ? e.detail : String(e));
    }
  };

  const checked = list.concepts.filter((c) => c.checked).length;
  const total = list.concepts.length;
  return (
    <div className="checklist">
      <p className="checklist-count" role="status" aria-live="polite">
        <span className="checklist-count-text">
          {checked} of {total} ticked
        </span>
        <span className="checklist-bar" aria-hidden="true">
          <span
            className="checklist-bar-fill"
            style={{ width: `${total ? Math.round((checked / total) * 100) : 0}%` }}
          />
        </span>
      </p>
      <ul className="checklist-items">
        {list.concepts.map((c) => (
          <li key={c.id}>
            <label className="checklist-item">
              <input
                type="checkbox"
                checked={c.checked}
                onChange={(e) => void toggle(c.id, e.currentTarget.checked)}
              />
              <span>{c.text}</span>
            </label>
          </li>
        ))}
      </ul>
      {error && (
        <p className="workspace-field-error" role="alert">
          Not saved: {error}
        </p>
      )}
    </div>
  );
}
