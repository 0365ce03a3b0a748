import { Component, lazy, Suspense, type ReactElement, type ReactNode } from 'react';
import { Header } from './components/Header';
import { Loading, NotFound } from './components/States';
import { useDocumentTitle } from './lib/hooks';
import { useRoute } from './lib/router';
import { HomePage } from './pages/HomePage';
import { RoadmapPage } from './pages/RoadmapPage';

// Account pages are loaded on demand, keeping them out of the roadmap pages' initial script.
const SignUpPage = lazy(() =>
  import('./pages/SignUpPage').then((m) => ({ default: m.SignUpPage })),
);
const SignInPage = lazy(() =>
  import('./pages/SignInPage').then((m) => ({ default: m.SignInPage })),
);
const ForgotPasswordPage = lazy(() =>
  import('./pages/ForgotPasswordPage').then((m) => ({ default: m.ForgotPasswordPage })),
);
const ResetPasswordPage = lazy(() =>
  import('./pages/ResetPasswordPage').then((m) => ({ default: m.ResetPasswordPage })),
);
const VerifyEmailPage = lazy(() =>
  import('./pages/VerifyEmailPage').then((m) => ({ default: m.VerifyEmailPage })),
);
const SettingsPage = lazy(() =>
  import('./pages/SettingsPage').then((m) => ({ default: m.SettingsPage })),
);
const DevicePage = lazy(() =>
  import('./pages/DevicePage').then((m) => ({ default: m.DevicePage })),
);
const ProfilePage = lazy(() =>
  import('./pages/ProfilePage').then((m) => ({ default: m.ProfilePage })),
);
// The board is loaded on demand too, so the roadmap page's initial script does not grow.
const BoardPage = lazy(() => import('./pages/BoardPage').then((m) => ({ default: m.BoardPage })));

const DashboardPage = lazy(() =>
  import('./pages/DashboardPage').then((m) => ({ default: m.DashboardPage })),
);

function NotFoundPage(): ReactElement {
  useDocumentTitle('Not found · Waymark');
  return (
    <div className="layout layout--page">
      <Header />
      <main id="main">
        <NotFound />
      </main>
    </div>
  );
}

function PageShell({ children }: { children: ReactNode }): ReactElement {
  return (
    <div className="layout layout--page">
      <Header />
      <main id="main">{children}</main>
    </div>
  );
}

/** Catches a page chunk that failed to load (offline, or replaced by a newer deployment). */
class ChunkBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }
  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <PageShell>
        <div className="state state--page" role="alert">
          <h1>This page could not be loaded</h1>
          <p className="state-detail">Check your connection, then reload the page.</p>
          <div className="state-actions">
            <button
              type="button"
              className="btn btn--primary"
              onClick={() => window.location.reload()}
            >
              Reload
            </button>
          </div>
        </div>
      </PageShell>
    );
  }
}

function AccountRoute({ children }: { children: ReactNode }): ReactElement {
  return (
    <ChunkBoundary>
      <Suspense
        fallback={
          <PageShell>
            <Loading label="Loading…" />
          </PageShell>
        }
      >
        {children}
      </Suspense>
    </ChunkBoundary>
  );
}

export function App(): ReactElement {
  const route = useRoute();
  switch (route.name) {
    case 'home':
      return <HomePage />;
    case 'roadmap':
      // Keyed by slug so that switching roadmaps starts from a clean state.
      return <RoadmapPage key={route.slug} slug={route.slug} topicId={route.topicId} />;
    case 'board':
      return <AccountRoute>{<BoardPage key={route.slug} slug={route.slug} />}</AccountRoute>;
    case 'signup':
      return <AccountRoute>{<SignUpPage />}</AccountRoute>;
    case 'signin':
      return (
        <AccountRoute>
          {
            <SignInPage
              key={route.returnTo}
              returnTo={route.returnTo}
              mfaToken={route.mfaToken}
              error={route.error}
              linkProvider={route.linkProvider}
            />
          }
        </AccountRoute>
      );
    case 'forgotPassword':
      return <AccountRoute>{<ForgotPasswordPage />}</AccountRoute>;
    case 'resetPassword':
      return (
        <AccountRoute>{<ResetPasswordPage key={route.token} token={route.token} />}</AccountRoute>
      );
    case 'verifyEmail':
      return (
        <AccountRoute>{<VerifyEmailPage key={route.token} token={route.token} />}</AccountRoute>
      );
    case 'settings':
      return (
        <AccountRoute>{<SettingsPage linked={route.linked} error={route.error} />}</AccountRoute>
      );
    case 'device':
      return <AccountRoute>{<DevicePage key={route.code} code={route.code} />}</AccountRoute>;
    case 'dashboard':
      return <AccountRoute>{<DashboardPage />}</AccountRoute>;
    case 'profile':
      return (
        <AccountRoute>
          {<ProfilePage key={route.username} username={route.username} />}
        </AccountRoute>
      );
    default:
      return <NotFoundPage />;
  }
}
