// Disasters (thiên tai, thảm họa): record an incident (POST /incidents), then the children it affects from an
// editable table or a CSV file (POST /incidents/:id/children, in batches of up to 1,000), each row's result as
// the API gives it, and the incident's figures (GET /incidents/:id).
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useAreas } from '../../api/areas';
import { describeError, fieldErrors } from '../../api/errors';
import { INCIDENT_TYPES, type IncidentType, createIncident, getIncident, listIncidents } from '../../api/incidents';
import { useUser } from '../../auth/auth';
import { ErrorSummary, SelectField, TextArea, TextField } from '../../components/fields';
import { Notice } from '../../components/notice';
import { PageHeading } from '../../components/page';
import { RemoteStatus, useRemote } from '../../components/remote';
import { instantToLocalInput, localInputToInstant } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { vocab } from '../../i18n/vocab';
import { instantProblem, notInFuture, textProblem } from '../../validation/rules';
import { ChildrenTable } from './children-table';
import { ChildrenUpload } from './children-upload';
import type { ChildRowInput, RowOutcome } from './children-rows';
import { registerChildren } from './register-children';
import { RegistrationResults } from './registration-results';

function NewIncident({ onCreated }: { onCreated: (id: string) => void }) {
  const { t } = useI18n();
  const user = useUser();
  const communes = useAreas().communesOf(user);
  const [name, setName] = useState('');
  const [type, setType] = useState('');
  const [startedAt, setStartedAt] = useState(instantToLocalInput(new Date()));
  const [areaCodes, setAreaCodes] = useState<string[]>([]);
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function create(e: FormEvent) {
    e.preventDefault();
    const found: Record<string, string> = {};
    const p = textProblem(name, 200);
    if (p) found['incident-name'] = t(p.key, p.params);
    if (!type) found['incident-type'] = t('validation.choose');
    const at = localInputToInstant(startedAt);
    const atProblem = instantProblem(at) ?? (at ? notInFuture(at, new Date()) : null);
    if (atProblem) found['incident-at'] = t(atProblem.key, atProblem.params);
    if (areaCodes.length === 0) found['incident-areas'] = t('validation.atLeastOne');
    const d = textProblem(description, 2000, false);
    if (d) found['incident-description'] = t(d.key, d.params);
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length || !at) return;
    setBusy(true);
    try {
      const res = await createIncident({
        type: type as IncidentType,
        name: name.trim(),
        startedAt: at,
        areaCodes,
        ...(description.trim() ? { description: description.trim() } : {}),
      });
      onCreated(res.incidentId);
    } catch (err) {
      const byField = fieldErrors(t, err, {
        name: 'incident-name',
        type: 'incident-type',
        startedAt: 'incident-at',
        areaCodes: 'incident-areas',
      });
      setErrors(byField);
      setFailure(describeError(t, err));
    } finally {
      setBusy(false);
    }
  }

  const labels: Record<string, string> = {
    'incident-name': t('incidents.name'),
    'incident-type': t('incidents.kind'),
    'incident-at': t('incidents.occurredAt'),
    'incident-areas': t('incidents.areas'),
    'incident-description': t('incidents.description'),
  };
  return (
    <form className="form card section-card" onSubmit={create} noValidate aria-labelledby="new-incident-title">
      <h2 id="new-incident-title">{t('incidents.new')}</h2>
      <ErrorSummary errors={Object.entries(errors).map(([id, m]) => ({ id, message: `${labels[id] ?? id}: ${m}` }))} />
      {failure && <Notice kind="error">{failure}</Notice>}
      <TextField
        id="incident-name"
        label={t('incidents.name')}
        value={name}
        onValue={setName}
        maxLength={200}
        error={errors['incident-name']}
      />
      <SelectField
        id="incident-type"
        label={t('incidents.kind')}
        value={type}
        onValue={setType}
        placeholder={t('open.choose')}
        options={INCIDENT_TYPES.map((k) => ({ value: k, label: t(`incidents.kind.${k}`) }))}
        error={errors['incident-type']}
      />
      <TextField
        id="incident-at"
        label={t('incidents.occurredAt')}
        type="datetime-local"
        value={startedAt}
        onValue={setStartedAt}
        error={errors['incident-at']}
      />
      <div className={`field${errors['incident-areas'] ? ' field--error' : ''}`}>
        <label htmlFor="incident-areas">{t('incidents.areas')}</label>
        <p id="incident-areas-hint" className="hint">
          {t('incidents.areasHint')}
        </p>
        {errors['incident-areas'] && (
          <p id="incident-areas-error" className="field-error">
            {errors['incident-areas']}
          </p>
        )}
        <select
          id="incident-areas"
          multiple
          size={Math.min(6, Math.max(2, communes.length))}
          value={areaCodes}
          aria-invalid={errors['incident-areas'] ? true : undefined}
          aria-describedby={`incident-areas-hint${errors['incident-areas'] ? ' incident-areas-error' : ''}`}
          onChange={(e) => setAreaCodes(Array.from(e.target.selectedOptions, (o) => o.value))}
        >
          {communes.map((a) => (
            <option key={a.code} value={a.code}>
              {a.name} ({a.code})
            </option>
          ))}
        </select>
      </div>
      <TextArea
        id="incident-description"
        label={t('incidents.description')}
        optional
        value={description}
        onValue={setDescription}
        maxLength={2000}
        error={errors['incident-description']}
      />
      <button type="submit" className="button" disabled={busy}>
        {t('incidents.create')}
      </button>
    </form>
  );
}

function IncidentFiguresCard({ incidentId, version }: { incidentId: string; version: number }) {
  const { t, dateTime, number } = useI18n();
  const remote = useRemote(`incident|${incidentId}|${version}`, () => getIncident(incidentId));
  if (remote.state !== 'ready') return <RemoteStatus remote={remote} />;
  const i = remote.data;
  const f = i.figures;
  const tiles: [string, number][] = [
    [t('incidents.fig.registered'), f.registered],
    [t('incidents.fig.reached'), f.reachedWithin12h],
    [t('incidents.fig.waiting'), f.stillWaiting],
    [t('incidents.fig.missed'), f.missed12h],
    [t('incidents.fig.separated'), f.separated],
    [t('incidents.fig.unaccompanied'), f.unaccompanied],
    [t('incidents.fig.injured'), f.injured],
    [t('incidents.fig.reunified'), f.reunified],
  ];
  return (
    <section className="card section-card" aria-labelledby="incident-title">
      <h2 id="incident-title">{i.name}</h2>
      <p className="muted">
        {vocab(t, 'incidents.kind', i.type)} · {dateTime(i.startedAt)}
      </p>
      <dl className="tiles" data-figure="incident-figures">
        {tiles.map(([k, v]) => (
          <div key={k} className="tile">
            <dt>{k}</dt>
            <dd>{number(v, 0)}</dd>
          </div>
        ))}
      </dl>
      <p>
        <Link to={`/tracing?incident=${i.incidentId}`}>{t('incidents.tracingLink')}</Link>
      </p>
    </section>
  );
}

export default function IncidentsPage() {
  const { t, dateTime } = useI18n();
  const user = useUser();
  const communes = useAreas().communesOf(user);
  const [params, setParams] = useSearchParams();
  const incidentId = params.get('incident');
  const list = useRemote(`incidents|${incidentId ?? ''}`, listIncidents);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<string | null>(null);
  const [results, setResults] = useState<{
    outcomes: RowOutcome[];
    source: 'table' | 'csv';
    names: Map<number, string>;
  } | null>(null);
  const [version, setVersion] = useState(0);

  const submit = (source: 'table' | 'csv') => async (rows: (ChildRowInput & { line: number })[]) => {
    if (!incidentId) return [];
    setBusy(true);
    setResults(null);
    try {
      const outcomes = await registerChildren(incidentId, rows, (done, total) =>
        setProgress(t('incidents.progress', { done, total })),
      );
      setResults({ outcomes, source, names: new Map(rows.map((r) => [r.line, r.fullName.trim()])) });
      setVersion((v) => v + 1);
      return outcomes;
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  return (
    <>
      <PageHeading title={t('incidents.title')} />
      <p>{t('incidents.intro')}</p>
      {!incidentId && (
        <>
          <NewIncident onCreated={(id) => setParams({ incident: id })} />
          <section className="card section-card" aria-labelledby="incident-list-title">
            <h2 id="incident-list-title">{t('incidents.list')}</h2>
            <RemoteStatus remote={list} />
            {list.state === 'ready' &&
              (list.data.items.length === 0 ? (
                <p>{t('incidents.none')}</p>
              ) : (
                <ul className="plain-list">
                  {list.data.items.map((i) => (
                    <li key={i.incidentId}>
                      <Link to={`/incidents?incident=${i.incidentId}`}>{i.name}</Link> —{' '}
                      {vocab(t, 'incidents.kind', i.type)}, {dateTime(i.startedAt)}
                    </li>
                  ))}
                </ul>
              ))}
          </section>
        </>
      )}
      {incidentId && (
        <>
          <p>
            <Link to="/incidents">{t('incidents.back')}</Link>
          </p>
          <IncidentFiguresCard incidentId={incidentId} version={version} />
          <section className="card section-card" aria-labelledby="children-title">
            <h2 id="children-title">{t('incidents.children')}</h2>
            <p>{t('incidents.childrenIntro')}</p>
            {progress && (
              <p role="status" className="muted">
                {progress}
              </p>
            )}
            <ChildrenTable communes={communes} busy={busy} onSubmit={submit('table')} />
            <ChildrenUpload busy={busy} onSubmit={submit('csv')} />
          </section>
          {results && (
            <RegistrationResults
              outcomes={results.outcomes}
              names={results.names}
              lineLabel={results.source === 'csv' ? t('incidents.results.line') : t('incidents.results.row')}
            />
          )}
        </>
      )}
    </>
  );
}
