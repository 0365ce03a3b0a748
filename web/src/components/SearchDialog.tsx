/** Ctrl-K / Cmd-K search over the topics of the open roadmap (titles, summaries, key concepts). */
import {
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type ReactElement,
  type ReactNode,
} from 'react';
import type { RoadmapView, TopicNode } from '../../../src/modules/roadmaps/roadmaps.schemas';
import { SearchIcon } from './Icons';

const fold = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** Where `tok` occurs in `text`: at its start, at the start of a word, inside a word, or not at all. */
function matchAt(text: string, tok: string): 'start' | 'word' | 'inside' | null {
  let i = text.indexOf(tok);
  if (i < 0) return null;
  if (i === 0) return 'start';
  let inside = false;
  while (i >= 0) {
    if (!/[\p{L}\p{N}]/u.test(text[i - 1] ?? '')) return 'word';
    inside = true;
    i = text.indexOf(tok, i + 1);
  }
  return inside ? 'inside' : null;
}

interface Hit {
  topic: TopicNode;
  section: string;
  score: number;
  /** A key concept or the summary, shown under the title when it is what matched. */
  context: { kind: 'concept' | 'summary'; text: string } | null;
}

function search(view: RoadmapView, query: string): Hit[] {
  const sections = new Map(view.sections.map((s) => [s.id, s.title]));
  const order = new Map(view.sections.map((s, i) => [s.id, i]));
  const tokens = fold(query).split(/\s+/).filter(Boolean);
  const all = [...view.topics].sort(
    (a, b) =>
      (order.get(a.sectionId) ?? 0) - (order.get(b.sectionId) ?? 0) ||
      a.box.y - b.box.y ||
      a.box.x - b.box.x,
  );
  if (tokens.length === 0) {
    return all.map((topic) => ({
      topic,
      section: sections.get(topic.sectionId) ?? '',
      score: 0,
      context: null,
    }));
  }
  const hits: Hit[] = [];
  for (const topic of all) {
    const title = fold(topic.title);
    const summary = fold(topic.summary);
    const concepts = topic.concepts.map(fold);
    const section = sections.get(topic.sectionId) ?? '';
    const sectionF = fold(section);
    let score = 0;
    let context: Hit['context'] = null;
    let ok = true;
    for (const tok of tokens) {
      let s = 0;
      const inTitle = matchAt(title, tok);
      if (inTitle === 'start') s += 30;
      else if (inTitle === 'word') s += 20;
      else if (inTitle === 'inside') s += 4;
      if (topic.id.includes(tok)) s += 2;
      let conceptHit = -1;
      let conceptScore = 0;
      concepts.forEach((c, i) => {
        const m = matchAt(c, tok);
        const cs = m === 'start' || m === 'word' ? 10 : m === 'inside' ? 3 : 0;
        if (cs > conceptScore) {
          conceptScore = cs;
          conceptHit = i;
        }
      });
      s += conceptScore;
      if (conceptHit >= 0 && inTitle === null && !context)
        context = { kind: 'concept', text: topic.concepts[conceptHit]! };
      const inSummary = matchAt(summary, tok);
      if (inSummary) {
        s += inSummary === 'inside' ? 1 : 3;
        if (inTitle === null && conceptHit < 0 && !context)
          context = { kind: 'summary', text: topic.summary };
      }
      if (sectionF.includes(tok)) s += 1;
      if (s === 0) {
        ok = false;
        break;
      }
      score += s;
    }
    if (ok) hits.push({ topic, section, score, context });
  }
  return hits.sort((a, b) => b.score - a.score);
}

/** Wraps the parts of `text` that match a query token in <mark>. */
function highlight(text: string, query: string): ReactNode {
  const tokens = fold(query).split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return text;
  const folded = fold(text);
  // Folding can change length for some characters; only highlight when it did not.
  if (folded.length !== text.length) return text;
  const marks = new Array<boolean>(text.length).fill(false);
  for (const t of tokens) {
    let i = folded.indexOf(t);
    while (i >= 0) {
      for (let j = i; j < i + t.length; j++) marks[j] = true;
      i = folded.indexOf(t, i + t.length);
    }
  }
  const out: ReactNode[] = [];
  let i = 0;
  while (i < text.length) {
    const m = marks[i];
    let j = i;
    while (j < text.length && marks[j] === m) j++;
    const part = text.slice(i, j);
    out.push(m ? <mark key={i}>{part}</mark> : part);
    i = j;
  }
  return out;
}

function snippet(text: string, query: string, max = 110): string {
  if (text.length <= max) return text;
  const tok = fold(query).split(/\s+/).find(Boolean) ?? '';
  const at = Math.max(0, fold(text).indexOf(tok));
  const start = Math.max(0, Math.min(at - 30, text.length - max));
  return `${start > 0 ? '…' : ''}${text.slice(start, start + max).trim()}…`;
}

interface SearchDialogProps {
  view: RoadmapView;
  open: boolean;
  onClose: () => void;
  onSelect: (topicId: string) => void;
}

export function SearchDialog({ view, open, onClose, onSelect }: SearchDialogProps): ReactElement {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const uid = useId();
  const listId = `${uid}-list`;

  const hits = useMemo(() => search(view, query).slice(0, 50), [view, query]);

  useEffect(() => {
    const d = dialogRef.current;
    if (!d) return;
    if (open && !d.open) {
      setQuery('');
      setActive(0);
      d.showModal();
      inputRef.current?.focus();
    } else if (!open && d.open) {
      d.close();
    }
  }, [open]);

  useEffect(() => setActive(0), [query]);

  useEffect(() => {
    listRef.current
      ?.querySelector<HTMLElement>(`[data-index="${active}"]`)
      ?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const choose = (i: number): void => {
    const hit = hits[i];
    if (!hit) return;
    // Close first, so the dialog's focus restoration happens before the panel takes focus.
    dialogRef.current?.close();
    onSelect(hit.topic.id);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => (hits.length === 0 ? 0 : (a + 1) % hits.length));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => (hits.length === 0 ? 0 : (a - 1 + hits.length) % hits.length));
    } else if (e.key === 'Home' && e.ctrlKey) {
      setActive(0);
    } else if (e.key === 'End' && e.ctrlKey) {
      setActive(Math.max(0, hits.length - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      choose(active);
    }
  };

  const activeId = hits[active] ? `${uid}-opt-${active}` : undefined;

  return (
    <dialog
      ref={dialogRef}
      className="search-dialog"
      aria-label={`Search ${view.title}`}
      onClose={onClose}
      onClick={(e) => {
        if (e.target === dialogRef.current) onClose();
      }}
    >
      <div className="search-box">
        <div className="search-field">
          <SearchIcon size={20} />
          <input
            ref={inputRef}
            type="text"
            enterKeyHint="search"
            className="search-input"
            placeholder="Search topics and concepts…"
            aria-label="Search topics"
            role="combobox"
            aria-expanded={hits.length > 0}
            aria-controls={listId}
            aria-activedescendant={activeId}
            aria-autocomplete="list"
            autoComplete="off"
            spellCheck={false}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={onKeyDown}
          />
          <kbd className="kbd">Esc</kbd>
        </div>
        <p className="visually-hidden" role="status" aria-live="polite">
          {query ? `${hits.length} ${hits.length === 1 ? 'result' : 'results'}` : ''}
        </p>
        {hits.length > 0 ? (
          <ul
            ref={listRef}
            id={listId}
            className="search-results"
            role="listbox"
            aria-label="Topics"
          >
            {hits.map((h, i) => (
              <li
                key={h.topic.id}
                id={`${uid}-opt-${i}`}
                data-index={i}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'search-result search-result--active' : 'search-result'}
                onMouseMove={() => i !== active && setActive(i)}
                onClick={() => choose(i)}
              >
                <span className="search-result-title">
                  {highlight(h.topic.title, query)}
                  {h.topic.optional && (
                    <span className="chip chip--optional chip--xs">Optional</span>
                  )}
                </span>
                <span className="search-result-meta">{h.section}</span>
                {h.context && (
                  <span className="search-result-context">
                    {h.context.kind === 'concept' ? 'Concept: ' : ''}
                    {highlight(
                      h.context.kind === 'summary'
                        ? snippet(h.context.text, query)
                        : h.context.text,
                      query,
                    )}
                  </span>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p className="search-empty">No topic matches “{query}”.</p>
        )}
        <div className="search-foot" aria-hidden="true">
          <span>
            <kbd className="kbd">↑</kbd>
            <kbd className="kbd">↓</kbd> to move
          </span>
          <span>
            <kbd className="kbd">Enter</kbd> to open
          </span>
          <span>
            <kbd className="kbd">Esc</kbd> to close
          </span>
        </div>
      </div>
    </dialog>
  );
}
