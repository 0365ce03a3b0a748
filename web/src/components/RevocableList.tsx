/**
 * A settings list of things the user can take away (sessions, tokens, signed-in apps, linked
 * accounts): the loading and empty states, the error area with Try again, and one row per item
 * with its details and a ConfirmButton. Each section says what its items show and what they ask.
 */
import type { ReactElement, ReactNode } from 'react';
import type { Resource } from '../lib/api';
import { useForm } from '../lib/useForm';
import { FormAlert } from './Alerts';
import { ConfirmButton } from './ConfirmButton';
import { Loading } from './States';

/** What an item's button says, and asks before it acts. */
export interface RevokeButton {
  /** The button's text, with what a screen reader needs to tell the rows apart. */
  label: ReactNode;
  question: ReactNode;
  confirmLabel: string;
}

export function RevocableList<T extends { id: string }>({
  list,
  items,
  label,
  loadingLabel,
  empty,
  button,
  onRevoke,
  children,
}: {
  /** The request that loads the list: its loading state and error are shown here. */
  list: Pick<Resource<unknown>, 'status' | 'error'> & { retry: () => void };
  /** The loaded items, in the order to show them. */
  items: readonly T[] | undefined;
  /** The list's accessible name. */
  label: string;
  loadingLabel: string;
  /** Said instead of an empty list; without it, an empty list is shown as one. */
  empty?: string;
  button: (item: T) => RevokeButton;
  /** Takes the item away (and reloads the list); a rejection is shown in the error area. */
  onRevoke: (item: T) => Promise<void>;
  /** The item's title and details. */
  children: (item: T) => ReactNode;
}): ReactElement {
  const action = useForm<HTMLDivElement>();
  return (
    <>
      <div ref={action.ref}>
        <FormAlert error={action.errors.alert ?? list.error ?? null}>
          {list.error && (
            <button type="button" className="btn btn--small" onClick={list.retry}>
              Try again
            </button>
          )}
        </FormAlert>
      </div>
      {list.status === 'loading' && <Loading label={loadingLabel} />}
      {items && items.length === 0 && empty !== undefined && <p className="muted">{empty}</p>}
      {items && (items.length > 0 || empty === undefined) && (
        <ul className="item-list" aria-label={label}>
          {items.map((item) => {
            const { label: text, question, confirmLabel } = button(item);
            return (
              <li key={item.id} className="item">
                <div className="item-main">{children(item)}</div>
                <div className="item-actions">
                  <ConfirmButton
                    busy={action.busy}
                    question={question}
                    confirmLabel={confirmLabel}
                    onConfirm={() => void action.run(() => onRevoke(item))}
                  >
                    {text}
                  </ConfirmButton>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
