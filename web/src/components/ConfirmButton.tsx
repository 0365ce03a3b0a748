import { useEffect, useRef, useState, type ReactElement, type ReactNode } from 'react';

/**
 * A button that asks before doing something that cannot be undone: the first press shows the
 * question with Confirm and Cancel, in place.
 */
export function ConfirmButton({
  children,
  question,
  confirmLabel,
  onConfirm,
  busy = false,
  danger = true,
}: {
  children: ReactNode;
  question: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  busy?: boolean;
  danger?: boolean;
}): ReactElement {
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (wasAsking.current) triggerRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);
  const tone = danger ? 'btn btn--small btn--danger' : 'btn btn--small btn--primary';
  if (!asking)
    return (
      <button
        ref={triggerRef}
        type="button"
        className={danger ? 'btn btn--small btn--danger-quiet' : 'btn btn--small'}
        disabled={busy}
        onClick={() => setAsking(true)}
      >
        {children}
      </button>
    );
  return (
    <span className="confirm" role="group" aria-label="Confirm">
      <span className="confirm-question">{question}</span>
      <button
        ref={confirmRef}
        type="button"
        className={tone}
        disabled={busy}
        onClick={() => {
          onConfirm();
          setAsking(false);
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" className="btn btn--small" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
