/**
 * Keyboard shortcuts for a topic's status: D done, L learning, S skipped, R review, N not
 * started. They act on the focused topic (a graph node, or anything marked data-topic-id),
 * else on the open one; never while typing, with a modifier held, or under a modal dialog.
 */
import { useEffect, useRef } from 'react';
import { STATUS_KEYS, type ProgressStatus } from './progress';

const BY_KEY = new Map(
  (Object.entries(STATUS_KEYS) as [ProgressStatus, string][]).map(([status, key]) => [key, status]),
);
const NOT_TYPING = new Set(['button', 'checkbox', 'radio', 'range', 'reset', 'submit', 'color']);

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLInputElement) return !NOT_TYPING.has(target.type);
  return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

/** The status a key press asks for, or null when it is not a status shortcut here. */
export function shortcutStatus(e: KeyboardEvent): ProgressStatus | null {
  if (e.defaultPrevented || e.repeat || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) {
    return null;
  }
  const status = BY_KEY.get(e.key.toLowerCase());
  if (!status || isTyping(e.target)) return null;
  if (document.querySelector('dialog[open], [aria-modal="true"]')) return null;
  return status;
}

/** Listens while `enabled`; `openTopicId` is the topic shown in the panel, if any. */
export function useStatusShortcuts(
  enabled: boolean,
  openTopicId: string | null,
  setStatus: (topicId: string, status: ProgressStatus) => unknown,
): void {
  const current = useRef({ openTopicId, setStatus });
  current.current = { openTopicId, setStatus };
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent): void => {
      const status = shortcutStatus(e);
      if (!status) return;
      const focused = document.activeElement?.closest('[data-topic-id]');
      const topicId = focused?.getAttribute('data-topic-id') ?? current.current.openTopicId;
      if (!topicId) return;
      e.preventDefault();
      void current.current.setStatus(topicId, status);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [enabled]);
}
