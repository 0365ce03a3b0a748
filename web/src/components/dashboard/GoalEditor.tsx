/** The inline editor of the weekly goal, its unit, the hours a week and the time zone. */
import { useId, useMemo, useState, type FormEvent, type ReactElement } from 'react';
import { ApiError } from '../../lib/api';
import {
  dashboardApi,
  type LearningSettings,
  type UpdateLearningSettingsBody,
} from '../../lib/dashboardApi';
import { Field } from '../Field';
import { FormAlert } from '../Alerts';

const number = (value: string): number => (value.trim() === '' ? NaN : Number(value));

/** IANA zones the browser knows, for the time zone field's suggestions. */
function knownZones(): string[] {
  try {
    return ['UTC', ...Intl.supportedValuesOf('timeZone')];
  } catch {
    return ['UTC'];
  }
}

export function GoalEditor({
  settings,
  onSaved,
  onCancel,
}: {
  settings: LearningSettings;
  onSaved: () => void;
  onCancel: () => void;
}): ReactElement {
  const id = useId();
  const zones = useMemo(knownZones, []);
  const [goal, setGoal] = useState(String(settings.weeklyGoal));
  const [unit, setUnit] = useState(settings.weeklyGoalUnit);
  const [hours, setHours] = useState(String(settings.hoursPerWeek));
  const [zone, setZone] = useState(settings.timeZone);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const problems: Record<string, string> = {};
    const goalValue = number(goal);
    const hoursValue = number(hours);
    if (!(goalValue >= 0 && goalValue <= 168))
      problems.weeklyGoal = 'Choose from 0 (no goal) to 168.';
    if (!(hoursValue > 0 && hoursValue <= 168))
      problems.hoursPerWeek = 'Choose more than 0 and at most 168.';
    if (zone.trim() === '') problems.timeZone = 'Choose a time zone, such as Europe/Paris.';
    setFieldErrors(problems);
    setError(null);
    if (Object.keys(problems).length > 0) return;
    const changes: UpdateLearningSettingsBody = {};
    if (goalValue !== settings.weeklyGoal) changes.weeklyGoal = goalValue;
    if (unit !== settings.weeklyGoalUnit) changes.weeklyGoalUnit = unit;
    if (hoursValue !== settings.hoursPerWeek) changes.hoursPerWeek = hoursValue;
    if (zone.trim() !== settings.timeZone) changes.timeZone = zone.trim();
    if (Object.keys(changes).length === 0) {
      onCancel();
      return;
    }
    setSaving(true);
    try {
      await dashboardApi.updateSettings(changes);
      onSaved();
    } catch (err) {
      const apiError = err instanceof ApiError ? err : new ApiError(0, 'Error', String(err));
      const byField = Object.fromEntries(
        apiError.errors.map((f) => [f.field.replace(/^body\./, ''), f.message]),
      );
      setFieldErrors(byField);
      setError(apiError);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="form dash-goal-form" onSubmit={(e) => void submit(e)} noValidate>
      <FormAlert error={error} returnTo="/dashboard" />
      <div className="dash-goal-row">
        <Field
          label="Weekly goal"
          name="weeklyGoal"
          type="number"
          inputMode="decimal"
          min={0}
          max={168}
          step="any"
          value={goal}
          onChange={(e) => setGoal(e.target.value)}
          error={fieldErrors.weeklyGoal}
          hint="0 means no goal."
        />
        <div className={`field${fieldErrors.weeklyGoalUnit ? ' field--invalid' : ''}`}>
          <label className="field-label" htmlFor={`${id}-unit`}>
            Counted in
          </label>
          <div className="field-control">
            <select
              id={`${id}-unit`}
              name="weeklyGoalUnit"
              className="input select"
              value={unit}
              onChange={(e) => setUnit(e.target.value as LearningSettings['weeklyGoalUnit'])}
            >
              <option value="topics">topics done</option>
              <option value="hours">hours of topics done</option>
            </select>
          </div>
        </div>
      </div>
      <Field
        label="Hours a week you plan to learn"
        name="hoursPerWeek"
        type="number"
        inputMode="decimal"
        min={0.5}
        max={168}
        step="any"
        value={hours}
        onChange={(e) => setHours(e.target.value)}
        error={fieldErrors.hoursPerWeek}
        hint="The pace planner's projected finish dates use it."
      />
      <Field
        label="Time zone"
        name="timeZone"
        list={`${id}-zones`}
        autoComplete="off"
        spellCheck={false}
        value={zone}
        onChange={(e) => setZone(e.target.value)}
        error={fieldErrors.timeZone}
        hint="Where your days and weeks (from Monday) begin, e.g. Europe/Paris."
      />
      <datalist id={`${id}-zones`}>
        {zones.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      <div className="form-actions">
        <button type="submit" className="btn btn--primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="btn" onClick={onCancel} disabled={saving}>
          Cancel
        </button>
      </div>
    </form>
  );
}
