import { useEffect, useState, type ReactElement } from 'react';

/** Copies `text` to the clipboard and says so; when the browser refuses, asks for a manual copy. */
export function CopyButton({
  text,
  label = 'Copy',
  className = 'btn btn--small',
}: {
  text: string;
  label?: string;
  className?: string;
}): ReactElement {
  const [result, setResult] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (result === 'idle') return;
    const t = window.setTimeout(() => setResult('idle'), 4000);
    return () => window.clearTimeout(t);
  }, [result]);
  return (
    <>
      <button
        type="button"
        className={className}
        onClick={() => {
          // Absent outside secure contexts, whatever the DOM typings say.
          if (!(navigator.clipboard as Clipboard | undefined)) return setResult('failed');
          navigator.clipboard.writeText(text).then(
            () => setResult('copied'),
            () => setResult('failed'),
          );
        }}
      >
        {label}
      </button>
      <span className="copy-status" role="status">
        {result === 'copied' ? 'Copied.' : result === 'failed' ? 'Select the text to copy it.' : ''}
      </span>
    </>
  );
}
