/** The frame of the account pages: the site header and a centred card (or a wide column). */
import { useEffect, useRef, type ReactElement, type ReactNode } from 'react';
import { useDocumentTitle } from '../lib/hooks';
import { Notice } from './Alerts';
import { Header } from './Header';
import '../account.css';

export function AccountLayout({
  title,
  lead,
  wide = false,
  focusHeading = true,
  children,
}: {
  /** The page's heading, also used in the document title. */
  title: string;
  lead?: ReactNode;
  wide?: boolean;
  /** False when the page focuses something else itself (e.g. the one field of a step). */
  focusHeading?: boolean;
  children: ReactNode;
}): ReactElement {
  useDocumentTitle(`${title} · Waymark`);
  const heading = useRef<HTMLHeadingElement>(null);
  // A new page: start screen readers and keyboard users at its heading.
  useEffect(() => {
    if (focusHeading) heading.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div className="layout layout--page">
      <Header />
      <main id="main" className={wide ? 'account account--wide' : 'account'}>
        <div className={wide ? 'account-column' : 'account-card'}>
          <h1 ref={heading} tabIndex={-1} className="account-title">
            {title}
          </h1>
          {lead && <p className="account-lead">{lead}</p>}
          {children}
        </div>
      </main>
    </div>
  );
}

/** Where an account step ends: what happened, announced politely, then where to go next. */
export function OutcomePage({
  title,
  notice,
  links,
  children,
}: {
  title: string;
  notice: ReactNode;
  links: ReactNode;
  /** Between the notice and the links. */
  children?: ReactNode;
}): ReactElement {
  return (
    <AccountLayout title={title}>
      <Notice>
        <p>{notice}</p>
      </Notice>
      {children}
      <p className="account-links">{links}</p>
    </AccountLayout>
  );
}
