/** Messages on the account pages: errors are alerts, confirmations are polite status updates. */
import type { ReactElement, ReactNode } from 'react';
import type { ApiError } from '../lib/api';
import { PROBLEM, isProblem } from '../lib/auth';
import { signInHref } from '../lib/router';
import { Link } from './Link';

/** What to tell the user about a failed request. */
export function errorMessage(error: ApiError): string {
  if (error.status === 0) return error.detail;
  if (error.status >= 500) return 'Something went wrong on the server. Please try again.';
  if (error.status === 429)
    return error.detail || 'Too many attempts. Wait a little, then try again.';
  return error.detail || error.title;
}

/**
 * A form's error area. Always present (empty when there is no error) so that screen readers,
 * which watch live regions that already exist, announce the message when it appears.
 */
export function FormAlert({
  error,
  returnTo = '/settings',
  children,
}: {
  error: ApiError | null;
  /** Where to come back to after signing in again, when the server asks for it. */
  returnTo?: string;
  children?: ReactNode;
}): ReactElement {
  return (
    <div className="form-alert" role="alert" tabIndex={-1}>
      {error && (
        <div className="alert alert--error">
          {isProblem(error, PROBLEM.reauthenticate) ? (
            <p>
              For your security, please sign in again to continue.{' '}
              <Link href={signInHref(returnTo)}>Sign in again</Link>
            </p>
          ) : (
            <p>{errorMessage(error)}</p>
          )}
          {children}
        </div>
      )}
    </div>
  );
}

/** A confirmation or notice, announced politely. */
export function Notice({
  tone = 'success',
  children,
}: {
  tone?: 'success' | 'info' | 'warning';
  children: ReactNode;
}): ReactElement {
  return (
    <div className={`alert alert--${tone}`} role="status">
      {children}
    </div>
  );
}
