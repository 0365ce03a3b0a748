import type { ReactElement } from 'react';
import { Header } from './components/Header';
import { NotFound } from './components/States';
import { useDocumentTitle } from './lib/hooks';
import { useRoute } from './lib/router';
import { HomePage } from './pages/HomePage';
import { RoadmapPage } from './pages/RoadmapPage';

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

export function App(): ReactElement {
  const route = useRoute();
  switch (route.name) {
    case 'home':
      return <HomePage />;
    case 'roadmap':
      // Keyed by slug so that switching roadmaps starts from a clean state.
      return <RoadmapPage key={route.slug} slug={route.slug} topicId={route.topicId} />;
    default:
      return <NotFoundPage />;
  }
}
