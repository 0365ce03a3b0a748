/** The header's link to the dashboard, for signed-in learners only. */
import type { ReactElement } from 'react';
import { useSession } from '../lib/auth';
import { DASHBOARD_HREF, useRoute } from '../lib/router';
import { Link } from './Link';
import '../dashboard-link.css';

export function DashboardLink(): ReactElement | null {
  const session = useSession();
  const route = useRoute();
  if (session.status !== 'signedIn') return null;
  return (
    <Link
      href={DASHBOARD_HREF}
      className="btn btn--small btn--quiet dashboard-link"
      aria-current={route.name === 'dashboard' ? 'page' : undefined}
    >
      <svg
        className="icon"
        width={16}
        height={16}
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth={2}
        strokeLinecap="round"
        aria-hidden="true"
        focusable="false"
      >
        <path d="M4 20V10M10 20V4M16 20v-7M22 20H2" />
      </svg>
      <span className="dashboard-link-text">Dashboard</span>
    </Link>
  );
}
