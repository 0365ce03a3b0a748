/** Renders its children for a signed-in user; otherwise sends the visitor to sign in first. */
import { useEffect, type ReactElement, type ReactNode } from 'react';
import { loadSession, useSession, type User } from '../lib/auth';
import { currentPath, navigate, signInHref } from '../lib/router';
import { ErrorView, Loading } from './States';

export function RequireSession({
  children,
}: {
  children: (user: User) => ReactNode;
}): ReactElement {
  const session = useSession();
  useEffect(() => {
    if (session.status === 'signedOut') navigate(signInHref(currentPath()), { replace: true });
  }, [session.status]);
  if (session.status === 'signedIn') return <>{children(session.user)}</>;
  if (session.status === 'error')
    return <ErrorView error={session.error} onRetry={() => void loadSession()} />;
  return <Loading label="Checking your session…" />;
}
