/** The learner's work-in-progress limit on `learning`, changed from the board. */
import { useEffect, useState, type FormEvent, type ReactElement } from 'react';
import { ApiError } from '../../lib/api';
import { WIP_LIMIT_RANGE } from '../../lib/board';

export function WipLimitForm({
  limit,
  onSave,
}: {
  limit: number;
  onSave: (limit: number) => Promise<void>;
}): ReactElement {
  const [value, setValue] = useState(String(limit));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setValue(String(limit)), [limit]);

  const parsed = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  const valid = parsed >= WIP_LIMIT_RANGE.min && parsed <= WIP_LIMIT_RANGE.max;

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!valid) {
      setError(`Choose a whole number from ${WIP_LIMIT_RANGE.min} to ${WIP_LIMIT_RANGE.max}.`);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await onSave(parsed);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not save the limit.');
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="board-wip-form" onSubmit={(e) => void submit(e)} noValidate>
      <label htmlFor="board-wip-limit">Learning limit</label>
      <input
        id="board-wip-limit"
        className="board-wip-input"
        type="number"
        inputMode="numeric"
        min={WIP_LIMIT_RANGE.min}
        max={WIP_LIMIT_RANGE.max}
        step={1}
        value={value}
        aria-invalid={error !== null}
        aria-describedby={error ? 'board-wip-error' : undefined}
        onChange={(e) => {
          setValue(e.target.value);
          setError(null);
        }}
      />
      <button
        type="submit"
        className="btn btn--small"
        disabled={saving || (valid && parsed === limit)}
      >
        {saving ? 'Saving…' : 'Save'}
      </button>
      {error && (
        <p id="board-wip-error" className="board-wip-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
