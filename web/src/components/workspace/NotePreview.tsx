/**
 * The note as it will read: Markdown rendered by the same renderer as topic bodies (the
 * server's, loaded on first use so the main bundle does not carry it) and sanitized by the
 * panel's sanitizer.
 */
import { useEffect, useState, type ReactElement } from 'react';
import { sanitizeHtml } from '../../lib/sanitize';

type Render = (markdown: string) => string;
let renderer: Promise<Render> | undefined;
const loadRenderer = (): Promise<Render> =>
  (renderer ??= import('../../../../src/content/markdown').then((m) => m.renderMarkdown));

export function NotePreview({ markdown, id }: { markdown: string; id?: string }): ReactElement {
  const [render, setRender] = useState<Render | null>(null);
  useEffect(() => {
    let live = true;
    void loadRenderer().then((r) => live && setRender(() => r));
    return () => {
      live = false;
    };
  }, []);
  if (markdown.trim() === '') {
    return (
      <p id={id} className="note-preview muted">
        Nothing to preview yet.
      </p>
    );
  }
  if (!render) {
    return (
      <p id={id} className="note-preview muted" role="status">
        Rendering…
      </p>
    );
  }
  return (
    <div
      id={id}
      className="prose note-preview"
      dangerouslySetInnerHTML={{ __html: sanitizeHtml(render(markdown)) }}
    />
  );
}
