/**
 * The header's account area: Sign in / Sign up links when signed out; when signed in, the user's
 * name opening a small menu (a disclosure: a button and the links it shows).
 */
import { useEffect, useId, useRef, useState, type ReactElement } from 'react';
import { signOut, useSession, userName } from '../lib/auth';
import { currentPath, navigate, parseRoute, signInHref } from '../lib/router';
import { Link } from './Link';

/** Pages that make no sense to come back to after signing in. */
const NO_RETURN = new Set(['signin', 'signup', 'forgotPassword', 'resetPassword', 'verifyEmail']);
/** Pages that need a session: leave them when signing out. */
const PRIVATE = new Set(['settings', 'device']);

function initials(name: string): string {
  const letters = name
    .replace(/@.*/, '')
    .split(/[\s._-]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => [...w][0]?.toUpperCase() ?? '');
  return letters.join('') || '?';
}

export function AccountMenu(): ReactElement | null {
  const session = useSession();
  const [open, setOpen] = useState(false);
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent): void => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  if (session.status === 'loading') return <div className="account-nav" aria-hidden="true" />;

  if (session.status !== 'signedIn') {
    const route = parseRoute(currentPath());
    const returnTo = NO_RETURN.has(route.name) ? null : currentPath();
    return (
      <nav className="account-nav" aria-label="Account">
        <Link href={signInHref(returnTo)} className="btn btn--small btn--quiet">
          Sign in
        </Link>
        <Link href="/signup" className="btn btn--small btn--primary account-signup">
          Sign up
        </Link>
      </nav>
    );
  }

  const name = userName(session.user);
  const onSignOut = (): void => {
    setBusy(true);
    setFailed(false);
    signOut(() => {
      if (PRIVATE.has(parseRoute(currentPath()).name)) navigate('/', { replace: true });
    }).then(
      () => {
        setBusy(false);
        setOpen(false);
      },
      () => {
        setBusy(false);
        setFailed(true);
      },
    );
  };

  return (
    <nav
      className="account-nav"
      aria-label="Account"
      ref={root}
      onBlur={(e) => {
        if (open && !root.current?.contains(e.relatedTarget)) setOpen(false);
      }}
    >
      <button
        ref={button}
        type="button"
        className="account-button"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="account-avatar" aria-hidden="true">
          {initials(name)}
        </span>
        <span className="visually-hidden">Account menu: </span>
        <span className="account-name">{name}</span>
        <span className="account-caret" aria-hidden="true" />
      </button>
      <div id={menuId} className="account-menu" hidden={!open}>
        <p className="account-menu-who">
          Signed in as <strong>{session.user.email}</strong>
        </p>
        <ul>
          <li>
            <Link href="/settings" className="account-menu-item" onClick={() => setOpen(false)}>
              Settings
            </Link>
          </li>
          <li>
            <button type="button" className="account-menu-item" disabled={busy} onClick={onSignOut}>
              Sign out
            </button>
          </li>
        </ul>
        {failed && (
          <p className="account-menu-error" role="alert">
            Could not sign out. Check your connection and try again.
          </p>
        )}
      </div>
    </nav>
  );
}
