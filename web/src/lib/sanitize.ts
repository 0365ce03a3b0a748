/**
 * The one HTML sanitizer of the topic panel: topic bodies (rendered by the server) and the
 * learner's notes (rendered here, with the server's own Markdown renderer) both pass through
 * it before they reach the page.
 */
import DOMPurify from 'dompurify';

// Links open in a new tab without handing over window.opener.
// Code blocks and tables scroll sideways, so they must be reachable by keyboard.
DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A' && /^https?:/i.test(node.getAttribute('href') ?? '')) {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  } else if (node.tagName === 'PRE' || node.tagName === 'TABLE') {
    node.setAttribute('tabindex', '0');
  }
});

export function sanitizeHtml(html: string): string {
  return DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select'],
    FORBID_ATTR: ['style'],
  });
}
