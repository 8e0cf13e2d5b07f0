// Family tracing for children separated by a disaster: a family's request (POST /tracing-requests), the children
// Sen proposes as matches (scored on name, age, sex and commune), and the worker's decision on each
// (POST /tracing-requests/:id/matches/:caseId/confirm|reject).
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useAreas } from '../../api/areas';
import { describeError, fieldErrors } from '../../api/errors';
import {
  type TracingRequest,
  createTracingRequest,
  decideMatch,
  getTracingRequest,
  listIncidents,
  reunite,
} from '../../api/incidents';
import { getCase } from '../../api/sen';
import { useUser } from '../../auth/auth';
import { Badge } from '../../components/badges';
import { ErrorSummary, SelectField, TextArea, TextField } from '../../components/fields';
import { Notice } from '../../components/notice';
import { PageHeading } from '../../components/page';
import { RemoteStatus, useRemote } from '../../components/remote';
import { SEXES, type Sex } from '../../domain/vocabulary';
import { useI18n } from '../../i18n/i18n';
import { vocab } from '../../i18n/vocab';
import { textProblem } from '../../validation/rules';
import { TracingList } from './tracing-list';

const PHONE = /^\+?[0-9 .()-]{3,20}$/;

function NewRequest({ incidentId, onCreated }: { incidentId: string | null; onCreated: (r: TracingRequest) => void }) {
  const { t } = useI18n();
  const user = useUser();
  const areas = useAreas();
  const communes = areas.communesOf(user);
  const incidents = useRemote('tracing-incidents', listIncidents);
  const [v, setV] = useState({
    incidentId: incidentId ?? '',
    requesterName: '',
    phone: '',
    relation: '',
    fullName: '',
    sex: '',
    ageYears: '',
    lastSeenAreaCode: communes.length === 1 ? communes[0]!.code : '',
    description: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof v) => (value: string) => setV((x) => ({ ...x, [k]: value }));
  const labels: Record<string, string> = {
    'tr-requester': t('tracing.requester'),
    'tr-phone': t('tracing.phone'),
    'tr-relation': t('tracing.relation'),
    'tr-name': t('tracing.childName'),
    'tr-age': t('tracing.age'),
    'tr-area': t('tracing.lastSeen'),
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: Record<string, string> = {};
    for (const [id, value, max] of [
      ['tr-requester', v.requesterName, 200],
      ['tr-relation', v.relation, 100],
      ['tr-name', v.fullName, 200],
    ] as const) {
      const p = textProblem(value, max);
      if (p) found[id] = t(p.key, p.params);
    }
    if (!PHONE.test(v.phone.trim())) found['tr-phone'] = t('validation.phone');
    if (v.ageYears !== '' && (!/^\d{1,2}$/.test(v.ageYears) || Number(v.ageYears) > 17))
      found['tr-age'] = t('incidents.row.age');
    if (!v.lastSeenAreaCode) found['tr-area'] = t('validation.choose');
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const r = await createTracingRequest({
        ...(v.incidentId ? { incidentId: v.incidentId } : {}),
        requester: { name: v.requesterName.trim(), phone: v.phone.trim(), relation: v.relation.trim() },
        sought: {
          fullName: v.fullName.trim(),
          ...(v.sex ? { sex: v.sex as Sex } : {}),
          ...(v.ageYears !== '' ? { ageYears: Number(v.ageYears) } : {}),
          lastSeenAreaCode: v.lastSeenAreaCode,
          ...(v.description.trim() ? { description: v.description.trim() } : {}),
        },
      });
      onCreated(r);
    } catch (err) {
      setErrors(
        fieldErrors(t, err, {
          'requester.name': 'tr-requester',
          'requester.phone': 'tr-phone',
          'requester.relation': 'tr-relation',
          'sought.fullName': 'tr-name',
          'sought.ageYears': 'tr-age',
          'sought.lastSeenAreaCode': 'tr-area',
        }),
      );
      setFailure(describeError(t, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form card section-card" onSubmit={submit} noValidate aria-labelledby="new-tracing-title">
      <h2 id="new-tracing-title">{t('tracing.new')}</h2>
      <ErrorSummary errors={Object.entries(errors).map(([id, m]) => ({ id, message: `${labels[id] ?? id}: ${m}` }))} />
      {failure && <Notice kind="error">{failure}</Notice>}
      <SelectField
        id="tr-incident"
        label={t('tracing.incident')}
        optional
        placeholder={t('tracing.noIncident')}
        value={v.incidentId}
        onValue={set('incidentId')}
        options={
          incidents.state === 'ready' ? incidents.data.items.map((i) => ({ value: i.incidentId, label: i.name })) : []
        }
      />
      <fieldset className="field">
        <legend>{t('tracing.family')}</legend>
        <TextField
          id="tr-requester"
          label={t('tracing.requester')}
          value={v.requesterName}
          onValue={set('requesterName')}
          error={errors['tr-requester']}
        />
        <TextField
          id="tr-phone"
          label={t('tracing.phone')}
          type="tel"
          value={v.phone}
          onValue={set('phone')}
          error={errors['tr-phone']}
        />
        <TextField
          id="tr-relation"
          label={t('tracing.relation')}
          value={v.relation}
          onValue={set('relation')}
          error={errors['tr-relation']}
        />
      </fieldset>
      <fieldset className="field">
        <legend>{t('tracing.sought')}</legend>
        <TextField
          id="tr-name"
          label={t('tracing.childName')}
          value={v.fullName}
          onValue={set('fullName')}
          error={errors['tr-name']}
        />
        <SelectField
          id="tr-sex"
          label={t('tracing.sex')}
          optional
          placeholder={t('open.choose')}
          value={v.sex}
          onValue={set('sex')}
          options={SEXES.map((s) => ({ value: s, label: vocab(t, 'sex', s) }))}
        />
        <TextField
          id="tr-age"
          label={t('tracing.age')}
          optional
          inputMode="numeric"
          className="field--short"
          value={v.ageYears}
          onValue={set('ageYears')}
          error={errors['tr-age']}
        />
        <SelectField
          id="tr-area"
          label={t('tracing.lastSeen')}
          placeholder={t('open.choose')}
          value={v.lastSeenAreaCode}
          onValue={set('lastSeenAreaCode')}
          options={communes.map((a) => ({ value: a.code, label: a.name }))}
          error={errors['tr-area']}
        />
        <TextArea
          id="tr-description"
          label={t('tracing.description')}
          optional
          value={v.description}
          onValue={set('description')}
          maxLength={2000}
        />
      </fieldset>
      <button type="submit" className="button" disabled={busy}>
        {t('tracing.submit')}
      </button>
    </form>
  );
}

function RequestView({ request, onChange }: { request: TracingRequest; onChange: (r: TracingRequest) => void }) {
  const { t, number } = useI18n();
  const areas = useAreas();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  async function reunited() {
    if (!request.matchedCaseId) return;
    setBusy(true);
    setNotice(null);
    try {
      // The reunion is support recorded on the child's case: sent with the version of the case just read.
      const matched = await getCase(request.matchedCaseId);
      await reunite(request.requestId, matched.version);
      onChange(await getTracingRequest(request.requestId));
      setNotice({ kind: 'success', text: t('tracing.reunitedDone') });
    } catch (err) {
      setNotice({ kind: 'error', text: describeError(t, err) });
    } finally {
      setBusy(false);
    }
  }
  async function decide(caseId: string, d: 'confirm' | 'reject' | 'restore') {
    setBusy(true);
    setNotice(null);
    try {
      onChange(await decideMatch(request.requestId, caseId, d));
      setNotice({
        kind: 'success',
        text: t(d === 'confirm' ? 'tracing.confirmed' : d === 'reject' ? 'tracing.rejected' : 'tracing.restored'),
      });
    } catch (err) {
      setNotice({ kind: 'error', text: describeError(t, err) });
    } finally {
      setBusy(false);
    }
  }
  const s = request.sought;
  return (
    <section className="card section-card" aria-labelledby="request-title">
      <h2 id="request-title">{t('tracing.request', { name: s.fullName })}</h2>
      <p>
        <Badge tone={request.status === 'open' ? 'info' : 'good'}>{vocab(t, 'tracing.status', request.status)}</Badge>
      </p>
      <p>
        {t('tracing.summary', {
          requester: request.requester.name,
          relation: request.requester.relation,
          area: areas.nameOf(s.lastSeenAreaCode),
        })}
      </p>
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
      {request.status === 'matched' && (
        <p>
          <button type="button" className="button" disabled={busy} onClick={() => void reunited()}>
            {t('tracing.reunite')}
          </button>
        </p>
      )}
      {request.status === 'reunited' && request.matchedCaseId && (
        <p>
          <Link to={`/cases/${request.matchedCaseId}`}>{t('tracing.openCase')}</Link>
        </p>
      )}
      {request.status !== 'reunited' && <h3>{t('tracing.matches')}</h3>}
      {request.status === 'reunited' ? null : request.matches.length === 0 ? (
        <p>{t('tracing.noMatch')}</p>
      ) : (
        <ul className="card-list" aria-label={t('tracing.matches')}>
          {request.matches.map((m) => (
            <li key={m.caseId} className="card match-card">
              <h4>
                <Link to={`/cases/${m.caseId}`}>{m.childName}</Link>
              </h4>
              <p>
                {vocab(t, 'sex', m.sex)}, {m.ageYears === null ? '—' : t('tracing.years', { n: m.ageYears })},{' '}
                {areas.nameOf(m.areaCode)}
              </p>
              <p>
                {t('tracing.score', { score: number(m.score * 100, 0) })} —{' '}
                {m.reasons.map((r) => vocab(t, 'tracing.reason', r.replace(/ /g, '_'))).join(', ')}
              </p>
              {m.decision ? (
                <Badge tone={m.decision === 'confirmed' ? 'good' : 'neutral'}>
                  {vocab(t, 'tracing.decision', m.decision)}
                </Badge>
              ) : (
                <div className="button-row">
                  <button
                    type="button"
                    className="button"
                    disabled={busy}
                    onClick={() => void decide(m.caseId, 'confirm')}
                  >
                    {t('tracing.confirm')}
                    <span className="visually-hidden"> — {m.childName}</span>
                  </button>
                  <button
                    type="button"
                    className="button button--secondary"
                    disabled={busy}
                    onClick={() => void decide(m.caseId, 'reject')}
                  >
                    {t('tracing.reject')}
                    <span className="visually-hidden"> — {m.childName}</span>
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {request.status !== 'reunited' && request.rejectedCaseIds.length > 0 && (
        <>
          <h3>{t('tracing.rejectedList')}</h3>
          <ul className="card-list" aria-label={t('tracing.rejectedList')}>
            {request.rejectedCaseIds.map((caseId, i) => (
              <li key={caseId} className="card match-card">
                <Link to={`/cases/${caseId}`}>{t('tracing.rejectedCase', { n: i + 1 })}</Link>{' '}
                <button
                  type="button"
                  className="button button--secondary"
                  disabled={busy}
                  onClick={() => void decide(caseId, 'restore')}
                >
                  {t('tracing.restore')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export default function TracingPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const requestId = params.get('request');
  const [latest, setLatest] = useState<TracingRequest | null>(null);
  const remote = useRemote(`tracing|${requestId ?? ''}`, () =>
    requestId ? getTracingRequest(requestId) : Promise.resolve(null),
  );
  const shown = latest && latest.requestId === requestId ? latest : remote.state === 'ready' ? remote.data : null;
  return (
    <>
      <PageHeading title={t('tracing.title')} />
      <p>{t('tracing.intro')}</p>
      {requestId ? (
        <>
          <p>
            <Link to="/tracing">{t('tracing.backToList')}</Link>
          </p>
          {!shown && <RemoteStatus remote={remote} />}
          {shown && <RequestView request={shown} onChange={setLatest} />}
        </>
      ) : (
        <>
          <TracingList />
          <NewRequest
            incidentId={params.get('incident')}
            onCreated={(r) => {
              setLatest(r);
              setParams({ request: r.requestId });
            }}
          />
        </>
      )}
    </>
  );
}
