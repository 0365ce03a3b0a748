/**
 * Markdown to HTML for topic bodies and exports. Raw HTML in the source is escaped, never
 * passed through (html: false), and markdown-it refuses javascript:/vbscript:/data: links,
 * so what comes out is safe to insert into a page.
 */
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

// External links open in a new tab without handing the opener to the other site.
const defaultLinkOpen =
  md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  if (/^https?:\/\//.test(String(token.attrGet('href') ?? ''))) {
    token.attrSet('rel', 'noopener noreferrer');
    token.attrSet('target', '_blank');
  }
  return defaultLinkOpen(tokens, idx, options, env, self);
};

export function renderMarkdown(source: string): string {
  return md.render(source);
}

export function renderInlineMarkdown(source: string): string {
  return md.renderInline(source);
}

export function escapeHtml(text: string): string {
  return md.utils.escapeHtml(text);
}
