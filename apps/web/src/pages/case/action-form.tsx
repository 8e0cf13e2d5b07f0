import { useRef, useState, type FormEvent } from 'react';
import { describeError, fieldErrors } from '../../api/errors';
import { ApiError } from '../../api/http';
import type { CaseView, WriteResult } from '../../api/types';
import {
  Checkbox,
  ChoiceGroup,
  ErrorSummary,
  FieldError,
  type Option,
  SelectField,
  TextArea,
  TextField,
} from '../../components/fields';
import { Notice } from '../../components/notice';
import { AGENCIES, SERVICES } from '../../domain/vocabulary';
import { instantToLocalInput, localInputToInstant } from '../../i18n/format';
import type { MessageKey } from '../../i18n/catalogue';
import { useI18n } from '../../i18n/i18n';
import {
  type Problem,
  type Problems,
  instantProblem,
  lines,
  listProblem,
  notInFuture,
  textProblem,
} from '../../validation/rules';

export interface ServiceRow {
  service: string;
  agency: string;
  dueAt: string;
}

export type Value = string | boolean | string[] | ServiceRow[];
export type Values = Record<string, Value>;

interface Base {
  name: string;
  label: MessageKey;
  hint?: MessageKey;
  optional?: boolean;
  /** Shown (and checked) only when this holds. */
  when?: (values: Values, c: CaseView) => boolean;
}

export type FieldSpec = Base &
  (
    | { kind: 'select'; options: (t: (k: MessageKey) => string, c: CaseView) => Option[] }
    | { kind: 'text'; max: number }
    | { kind: 'textarea'; max: number }
    | { kind: 'lines'; min?: number; max: number; itemMax: number }
    | { kind: 'datetime'; notFuture?: boolean; notBeforeReport?: boolean; afterNow?: boolean }
    | { kind: 'checkbox' }
    | { kind: 'checkboxes'; options: (t: (k: MessageKey) => string) => Option[]; min?: number; extra?: string }
    | { kind: 'planServices' }
  );

export function initialValues(fields: FieldSpec[], now: Date): Values {
  const v: Values = {};
  for (const f of fields) {
    if (f.kind === 'checkbox') v[f.name] = false;
    else if (f.kind === 'checkboxes') v[f.name] = [];
    else if (f.kind === 'planServices')
      v[f.name] = [{ service: '', agency: '', dueAt: instantToLocalInput(new Date(now.getTime() + 7 * 86_400_000)) }];
    else if (f.kind === 'datetime' && !f.optional) v[f.name] = instantToLocalInput(now);
    else v[f.name] = '';
  }
  return v;
}

/** Checks the visible fields as the API's DTOs and the decider do; returns problems by field id. */
export function validate(fields: FieldSpec[], values: Values, c: CaseView, now: Date, idPrefix: string): Problems {
  const problems: Problems = {};
  const put = (name: string, p: Problem | null) => {
    if (p && !problems[`${idPrefix}${name}`]) problems[`${idPrefix}${name}`] = p;
  };
  for (const f of fields) {
    if (f.when && !f.when(values, c)) continue;
    const v = values[f.name];
    switch (f.kind) {
      case 'select':
        if (!f.optional && !v) put(f.name, { key: 'validation.choose' });
        break;
      case 'text':
      case 'textarea':
        put(f.name, textProblem(String(v ?? ''), f.max, !f.optional));
        break;
      case 'lines':
        put(
          f.name,
          listProblem(lines(String(v ?? '')), { min: f.optional ? 0 : (f.min ?? 0), max: f.max, itemMax: f.itemMax }),
        );
        break;
      case 'datetime': {
        const raw = String(v ?? '');
        if (raw === '') {
          if (!f.optional) put(f.name, { key: 'validation.required' });
          break;
        }
        const instant = localInputToInstant(raw);
        const p = instantProblem(instant);
        if (p || !instant) {
          put(f.name, p ?? { key: 'validation.dateTime' });
          break;
        }
        if (f.notFuture) put(f.name, notInFuture(instant, now));
        if (f.notBeforeReport && Date.parse(instant) < Date.parse(c.reportedAt))
          put(f.name, { key: 'validation.beforeReport', params: { at: c.reportedAt } });
        if (f.afterNow && Date.parse(instant) <= now.getTime()) put(f.name, { key: 'validation.afterNow' });
        break;
      }
      case 'checkboxes': {
        const chosen = (v as string[]) ?? [];
        const extra = f.extra ? lines(String(values[f.extra] ?? '')) : [];
        if ((f.min ?? 0) > chosen.length + extra.length) put(f.name, { key: 'validation.atLeastOne' });
        break;
      }
      case 'planServices': {
        const rows = (v as ServiceRow[]) ?? [];
        if (rows.length === 0) put(f.name, { key: 'validation.atLeastOne' });
        if (rows.length > 30) put(f.name, { key: 'validation.tooMany', params: { max: 30 } });
        rows.forEach((r, i) => {
          if (!r.service) put(`${f.name}.${i}.service`, { key: 'validation.choose' });
          if (!r.agency) put(`${f.name}.${i}.agency`, { key: 'validation.choose' });
          const instant = localInputToInstant(r.dueAt);
          const p = instantProblem(instant);
          if (p) put(`${f.name}.${i}.dueAt`, p);
          else if (instant && Date.parse(instant) < now.getTime())
            put(`${f.name}.${i}.dueAt`, { key: 'error.code.PLAN_SERVICE_DUE_BEFORE_PROPOSAL' });
        });
        break;
      }
      case 'checkbox':
        break;
      default: {
        const never: never = f;
        throw new Error(`unhandled field ${JSON.stringify(never)}`);
      }
    }
  }
  return problems;
}

/** Value helpers for the actions' body builders. */
export const instant = (v: Value | undefined): string => localInputToInstant(String(v ?? '')) ?? '';
export const text = (v: Value | undefined): string => String(v ?? '').trim();

interface Props {
  id: string;
  title: string;
  fields: FieldSpec[];
  caseView: CaseView;
  /** Extra problems only the action knows (e.g. a referral without consent), by field name. */
  check?: (values: Values, c: CaseView) => Problems;
  submit: (values: Values) => Promise<WriteResult>;
  submitLabel?: string;
  onDone: (result: WriteResult) => void;
  onConflict: () => void;
}

/** One action on a case: its fields, checked before sending, with the API's refusals shown by the field. */
export function ActionForm({ id, title, fields, caseView, check, submit, submitLabel, onDone, onConflict }: Props) {
  const { t, dateTime } = useI18n();
  const [values, setValues] = useState<Values>(() => initialValues(fields, new Date()));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const prefix = `${id}-`;
  const fid = (name: string) => `${prefix}${name}`;

  const labelOf = (fieldId: string): string => {
    const name = fieldId.slice(prefix.length).split('.')[0]!;
    const spec = fields.find((f) => f.name === name);
    return spec ? t(spec.label) : name;
  };

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (inFlight.current) return;
    setFailure(null);
    const now = new Date();
    const extra = Object.fromEntries(
      Object.entries(check ? check(values, caseView) : {}).map(([name, p]) => [fid(name), p]),
    );
    const problems = { ...validate(fields, values, caseView, now, prefix), ...extra };
    setErrors(
      Object.fromEntries(
        Object.entries(problems).map(([k, p]) => [
          k,
          t(p.key, p.key === 'validation.beforeReport' ? { at: dateTime(String(p.params?.at)) } : p.params),
        ]),
      ),
    );
    if (Object.keys(problems).length) return;
    inFlight.current = true;
    setBusy(true);
    try {
      const result = await submit(values);
      onDone(result);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'VERSION_CONFLICT') {
        onConflict();
      } else {
        const aliases = Object.fromEntries(fields.map((f) => [f.name, fid(f.name)]));
        const byField = Object.fromEntries(
          Object.entries(fieldErrors(t, err, aliases)).map(([k, m]) => [k.startsWith(prefix) ? k : fid(k), m]),
        );
        setErrors(byField);
        setFailure(describeError(t, err));
      }
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }

  const set = (name: string) => (v: Value) => setValues((prev) => ({ ...prev, [name]: v }));
  const summary = Object.entries(errors).map(([fieldId, message]) => ({
    id: fieldId,
    message: `${labelOf(fieldId)}: ${message}`,
  }));

  return (
    <form className="form action-form" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      <ErrorSummary errors={summary} />
      {failure && summary.length === 0 && <Notice kind="error">{failure}</Notice>}
      {fields.map((f) => {
        if (f.when && !f.when(values, caseView)) return null;
        const common = {
          id: fid(f.name),
          label: t(f.label),
          error: errors[fid(f.name)],
          hint: f.hint ? t(f.hint) : undefined,
          optional: f.optional,
        };
        switch (f.kind) {
          case 'select':
            return (
              <SelectField
                key={f.name}
                {...common}
                value={String(values[f.name] ?? '')}
                onValue={set(f.name)}
                placeholder={t('open.choose')}
                options={f.options(t, caseView)}
              />
            );
          case 'text':
            return (
              <TextField
                key={f.name}
                {...common}
                value={String(values[f.name] ?? '')}
                onValue={set(f.name)}
                maxLength={f.max}
              />
            );
          case 'textarea':
            return (
              <TextArea
                key={f.name}
                {...common}
                value={String(values[f.name] ?? '')}
                onValue={set(f.name)}
                maxLength={f.max}
                rows={3}
              />
            );
          case 'lines':
            return (
              <TextArea
                key={f.name}
                {...common}
                hint={common.hint ?? t('common.onePerLine')}
                value={String(values[f.name] ?? '')}
                onValue={set(f.name)}
                rows={3}
              />
            );
          case 'datetime':
            return (
              <TextField
                key={f.name}
                {...common}
                type="datetime-local"
                value={String(values[f.name] ?? '')}
                onValue={set(f.name)}
              />
            );
          case 'checkbox':
            return (
              <Checkbox
                key={f.name}
                id={common.id}
                label={common.label}
                checked={values[f.name] === true}
                onChecked={set(f.name)}
              />
            );
          case 'checkboxes': {
            const chosen = (values[f.name] as string[]) ?? [];
            return (
              <ChoiceGroup key={f.name} id={common.id} legend={common.label} error={common.error}>
                {f.options(t).map((o) => (
                  <Checkbox
                    key={o.value}
                    id={`${common.id}-${o.value}`}
                    label={o.label}
                    checked={chosen.includes(o.value)}
                    onChecked={(on) => set(f.name)(on ? [...chosen, o.value] : chosen.filter((x) => x !== o.value))}
                  />
                ))}
              </ChoiceGroup>
            );
          }
          case 'planServices':
            return (
              <PlanServices
                key={f.name}
                id={common.id}
                legend={common.label}
                error={common.error}
                rows={(values[f.name] as ServiceRow[]) ?? []}
                errors={errors}
                onRows={set(f.name)}
              />
            );
          default:
            return null;
        }
      })}
      <button type="submit" className="button" disabled={busy}>
        {busy ? t('common.sending') : (submitLabel ?? t('action.submit'))}
      </button>
    </form>
  );
}

function PlanServices({
  id,
  legend,
  error,
  rows,
  errors,
  onRows,
}: {
  id: string;
  legend: string;
  error?: string | undefined;
  rows: ServiceRow[];
  errors: Record<string, string>;
  onRows: (rows: ServiceRow[]) => void;
}) {
  const { t } = useI18n();
  const update = (i: number, patch: Partial<ServiceRow>) =>
    onRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset id={id} className="field plan-services" tabIndex={-1}>
      <legend>{legend}</legend>
      <FieldError id={id} error={error} />
      {rows.map((r, i) => (
        <fieldset key={i} className="plan-services__row">
          <legend>{t('field.serviceRow', { n: i + 1 })}</legend>
          <SelectField
            id={`${id}.${i}.service`}
            label={t('field.service')}
            value={r.service}
            onValue={(v) => update(i, { service: v })}
            error={errors[`${id}.${i}.service`]}
            placeholder={t('open.choose')}
            options={SERVICES.map((s) => ({ value: s, label: t(`service.${s}`) }))}
          />
          <SelectField
            id={`${id}.${i}.agency`}
            label={t('field.agency')}
            value={r.agency}
            onValue={(v) => update(i, { agency: v })}
            error={errors[`${id}.${i}.agency`]}
            placeholder={t('open.choose')}
            options={AGENCIES.map((a) => ({ value: a, label: t(`agency.${a}`) }))}
          />
          <TextField
            id={`${id}.${i}.dueAt`}
            label={t('field.dueAt')}
            type="datetime-local"
            value={r.dueAt}
            onValue={(v) => update(i, { dueAt: v })}
            error={errors[`${id}.${i}.dueAt`]}
          />
          {rows.length > 1 && (
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => onRows(rows.filter((_, j) => j !== i))}
            >
              {t('common.remove')} ({t('field.serviceRow', { n: i + 1 })})
            </button>
          )}
        </fieldset>
      ))}
      {rows.length < 30 && (
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => onRows([...rows, { service: '', agency: '', dueAt: rows[rows.length - 1]?.dueAt ?? '' }])}
        >
          {t('field.addService')}
        </button>
      )}
    </fieldset>
  );
}
