/**
 * The learner's own space on a topic, in the topic panel: their private note and their links
 * (the key-concept checklist sits with the concepts, see workspace/ConceptChecklist). Signed
 * out, an invitation to sign in.
 */
import type { ReactElement } from 'react';
import { useSession } from '../lib/auth';
import { currentPath, signInHref } from '../lib/router';
import { DocIcon, LinkIcon } from './Icons';
import { Link } from './Link';
import { LinksEditor } from './workspace/LinksEditor';
import { NotesEditor } from './workspace/NotesEditor';
import '../workspace.css';

export function TopicWorkspace({
  slug,
  topicId,
}: {
  slug: string;
  topicId: string;
}): ReactElement | null {
  const session = useSession();
  if (session.status === 'signedOut') {
    return (
      <section className="panel-section workspace-invite" aria-labelledby="workspace-invite-title">
        <h3 id="workspace-invite-title" className="panel-h3">
          <DocIcon size={16} />
          Your notes
        </h3>
        <p>
          <Link href={signInHref(currentPath())}>Sign in</Link> to keep private notes and your own
          links on this topic, and to tick off its key concepts as you learn them.
        </p>
      </section>
    );
  }
  if (session.status !== 'signedIn') return null;
  return (
    <>
      <section className="panel-section workspace" aria-labelledby="workspace-notes-title">
        <h3 id="workspace-notes-title" className="panel-h3">
          <DocIcon size={16} />
          Your notes
        </h3>
        <NotesEditor
          key={`${slug}/${topicId}`}
          slug={slug}
          topicId={topicId}
          csrfToken={session.csrfToken}
        />
      </section>
      <section className="panel-section workspace" aria-labelledby="workspace-links-title">
        <h3 id="workspace-links-title" className="panel-h3">
          <LinkIcon size={16} />
          Your links
        </h3>
        <LinksEditor key={`${slug}/${topicId}`} slug={slug} topicId={topicId} />
      </section>
    </>
  );
}
