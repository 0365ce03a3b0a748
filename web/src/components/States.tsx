import { useEffect, useRef, type ReactElement, type ReactNode } from 'react';
import type { ApiError } from '../lib/api';
import { ArrowLeftIcon } from './Icons';
import { Link } from './Link';

export function Loading({ label }: { label: string }): ReactElement {
  return (
    <div className="state" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <p>{label}</p>
    </div>
  );
}

/** Moves focus to a page's main heading so screen readers announce the new page. */
function useFocusHeading(): React.RefObject<HTMLHeadingElement | null> {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus({ preventScroll: true }), []);
  return ref;
}

export function NotFound({
  title = 'Page not found',
  detail,
  back,
}: {
  title?: string;
  detail?: ReactNode;
  back?: { href: string; label: string };
}): ReactElement {
  const ref = useFocusHeading();
  return (
    <div className="state state--page">
      <p className="state-code" aria-hidden="true">
        404
      </p>
      <h1 ref={ref} tabIndex={-1}>
        {title}
      </h1>
      <p className="state-detail">
        {detail ?? 'The page you were looking for does not exist or has moved.'}
      </p>
      <div className="state-actions">
        {back && (
          <Link href={back.href} className="btn btn--primary">
            <ArrowLeftIcon size={16} />
            {back.label}
          </Link>
        )}
        <Link href="/" className={back ? 'btn' : 'btn btn--primary'}>
          All roadmaps
        </Link>
      </div>
    </div>
  );
}

export function ErrorView({
  error,
  onRetry,
}: {
  error: ApiError;
  onRetry: () => void;
}): ReactElement {
  const ref = useFocusHeading();
  return (
    <div className="state state--page" role="alert">
      <h1 ref={ref} tabIndex={-1}>
        {error.status >= 500 || error.status === 0 ? 'Something went wrong' : error.title}
      </h1>
      <p className="state-detail">{error.detail}</p>
      <div className="state-actions">
        <button type="button" className="btn btn--primary" onClick={onRetry}>
          Try again
        </button>
        <Link href="/" className="btn">
          All roadmaps
        </Link>
      </div>
    </div>
  );
}
