import { useEffect, useMemo, type ReactElement } from 'react';
import { CopyButton } from './CopyButton';

/** Recovery codes, shown once: a list to copy, download or write down. */
export function RecoveryCodes({ codes }: { codes: readonly string[] }): ReactElement {
  const text = `Waymark recovery codes (each works once)\n\n${codes.join('\n')}\n`;
  const href = useMemo(() => URL.createObjectURL(new Blob([text], { type: 'text/plain' })), [text]);
  useEffect(() => () => URL.revokeObjectURL(href), [href]);
  return (
    <div className="recovery">
      <ol className="recovery-codes" aria-label="Recovery codes">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      <div className="form-actions">
        <CopyButton text={codes.join('\n')} label="Copy codes" />
        <a className="btn btn--small" href={href} download="waymark-recovery-codes.txt">
          Download codes
        </a>
      </div>
    </div>
  );
}
