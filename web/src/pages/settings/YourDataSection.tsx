/**
 * Your data: download everything recorded (JSON to import again, CSV, Markdown, an offline
 * page per roadmap) and import a JSON export, with each problem of a refused file shown at
 * its place in the file.
 */
import { useId, useRef, useState, type ReactElement } from 'react';
import { FormAlert, Notice } from '../../components/Alerts';
import { api, ApiError, useResource } from '../../lib/api';
import {
  exportHref,
  importFile,
  isRefusal,
  roadmapHtmlHref,
  type ImportRefusal,
  type ImportSummary,
} from '../../lib/portabilityApi';
import '../../your-data.css';
import { SettingsSection } from './SettingsSection';

const DOWNLOADS = [
  ['json', 'JSON', 'everything, to import here or elsewhere'],
  ['csv', 'CSV', 'one row per topic, for a spreadsheet'],
  ['md', 'Markdown', 'to read or keep with your notes'],
] as const;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function summaryLines(s: ImportSummary): string[] {
  const lines = [
    s.historiesRestored > 0 && `${plural(s.historiesRestored, 'topic')} took the file’s history`,
    s.statusesChanged > 0 && `${plural(s.statusesChanged, 'status', 'statuses')} changed`,
    s.notesWritten > 0 && `${plural(s.notesWritten, 'note')} written`,
    s.linksReplaced > 0 && `links replaced on ${plural(s.linksReplaced, 'topic')}`,
    s.conceptChecksReplaced > 0 &&
      `ticked concepts replaced on ${plural(s.conceptChecksReplaced, 'topic')}`,
    s.unchanged > 0 && `${plural(s.unchanged, 'topic')} already as in the file`,
  ];
  return lines.filter((l): l is string => typeof l === 'string');
}

function Downloads(): ReactElement {
  const roadmaps = useResource('roadmaps', api.roadmaps);
  return (
    <>
      <h3 className="your-data-heading">Download</h3>
      <ul className="your-data-downloads">
        {DOWNLOADS.map(([format, label, what]) => (
          <li key={format}>
            <a className="btn" href={exportHref(format)} download>
              {label}
            </a>
            <span className="your-data-what">{what}</span>
          </li>
        ))}
      </ul>
      <h3 className="your-data-heading">A roadmap to read offline</h3>
      <p className="settings-description">
        One HTML file with the roadmap&rsquo;s content and your statuses and notes, that opens
        without a connection.
      </p>
      {roadmaps.status === 'ok' && (
        <ul className="item-list">
          {roadmaps.data.items.map((r) => (
            <li key={r.slug} className="item">
              <p className="item-main item-title">{r.title}</p>
              <a className="btn btn--small" href={roadmapHtmlHref(r.slug)} download>
                Download HTML<span className="visually-hidden"> of {r.title}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
      {roadmaps.status === 'error' && (
        <p className="field-error">Could not list the roadmaps: {roadmaps.error.detail}</p>
      )}
    </>
  );
}

function Refusal({ refusal }: { refusal: ImportRefusal }): ReactElement {
  return (
    <div className="alert alert--error">
      <p>{refusal.detail}</p>
      {refusal.errors.length > 0 && (
        <ul className="your-data-errors">
          {refusal.errors.map((e, i) => (
            <li key={i}>
              <code>{e.field || '(the whole file)'}</code> {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ImportForm(): ReactElement {
  const uid = useId();
  const input = useRef<HTMLInputElement>(null);
  const outcome = useRef<HTMLDivElement>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportSummary | ImportRefusal | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [missing, setMissing] = useState(false);

  const submit = async () => {
    const file = input.current?.files?.[0];
    setMissing(!file);
    if (!file) {
      input.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await importFile(file));
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'Error', String(e)));
    } finally {
      setBusy(false);
      // The outcome is announced (alert or status) and gets the focus, the list included.
      requestAnimationFrame(() => outcome.current?.focus());
    }
  };

  return (
    <form
      className="form form--inset"
      aria-labelledby={`${uid}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      noValidate
    >
      <h3 className="form-title" id={`${uid}-title`}>
        Import
      </h3>
      <p className="settings-description" id={`${uid}-how`}>
        Choose the JSON file of a Waymark export. For each topic in the file, its status, note,
        links and ticked concepts replace yours; topics not in the file stay as they are. The file
        is checked first: if anything in it is wrong, nothing is imported.
      </p>
      <div className="field">
        <label className="field-label" htmlFor={`${uid}-file`}>
          Export file (JSON)
        </label>
        <input
          ref={input}
          id={`${uid}-file`}
          name="file"
          type="file"
          accept="application/json,.json"
          className="your-data-file"
          aria-describedby={missing ? `${uid}-how ${uid}-missing` : `${uid}-how`}
          aria-invalid={missing || undefined}
          onChange={() => setMissing(false)}
        />
        {missing && (
          <p className="field-error" id={`${uid}-missing`}>
            <span className="visually-hidden">Error: </span>Choose a file to import.
          </p>
        )}
      </div>
      <div ref={outcome} tabIndex={-1} className="focus-target your-data-outcome">
        <FormAlert error={error} />
        {result && isRefusal(result) && (
          <div role="alert">
            <Refusal refusal={result} />
          </div>
        )}
        {result && !isRefusal(result) && (
          <Notice>
            <p>
              Imported {plural(result.topics, 'topic')} on {plural(result.roadmaps, 'roadmap')}.
            </p>
            {summaryLines(result).length > 0 && (
              <ul className="your-data-summary">
                {summaryLines(result).map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            )}
          </Notice>
        )}
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {busy ? 'Importing…' : 'Import'}
        </button>
      </div>
    </form>
  );
}

export function YourDataSection(): ReactElement {
  return (
    <SettingsSection
      id="your-data"
      title="Your data"
      description="Everything you recorded on your roadmaps, to download: statuses with their history, notes, links and ticked concepts, topics removed from a roadmap included."
    >
      <Downloads />
      <ImportForm />
    </SettingsSection>
  );
}
