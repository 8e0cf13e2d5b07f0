// Phase 2 (issue 7): a disaster and the children it affects, over POST /incidents and POST /incidents/:id/children.
import { useRef, useState, type FormEvent } from 'react';
import { useAreas } from '../../api/areas';
import { describeError, isMissingEndpoint } from '../../api/errors';
import { INCIDENT_BATCH_MAX, type IncidentBody, addIncidentChildren, createIncident } from '../../api/phase2';
import { useUser } from '../../auth/auth';
import { ErrorSummary, SelectField, TextArea, TextField } from '../../components/fields';
import { Notice } from '../../components/notice';
import { PageHeading } from '../../components/page';
import { instantToLocalInput, localInputToInstant } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { newKey } from '../../hooks';
import { textProblem } from '../../validation/rules';
import { batches, parseChildren } from './parse-children';

const KINDS: IncidentBody['kind'][] = ['flood', 'storm', 'landslide', 'fire', 'epidemic', 'other'];

export default function IncidentsPage() {
  const { t } = useI18n();
  const user = useUser();
  const areas = useAreas();
  const communes = areas.communesOf(user);
  const [name, setName] = useState('');
  const [kind, setKind] = useState('');
  const [occurredAt, setOccurredAt] = useState(instantToLocalInput(new Date()));
  const [areaCodes, setAreaCodes] = useState<string[]>([]);
  const [description, setDescription] = useState('');
  const [incidentId, setIncidentId] = useState<string | null>(null);
  const [childrenText, setChildrenText] = useState('');
  const [errors, setErrors] = useState<{ id: string; message: string }[]>([]);
  const [notice, setNotice] = useState<{ kind: 'success' | 'error' | 'info'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const incidentKey = useRef(newKey());

  async function create(e: FormEvent) {
    e.preventDefault();
    const found: { id: string; message: string }[] = [];
    const p = textProblem(name, 200);
    if (p) found.push({ id: 'incident-name', message: `${t('incidents.name')}: ${t(p.key, p.params)}` });
    if (!kind) found.push({ id: 'incident-kind', message: `${t('incidents.kind')}: ${t('validation.choose')}` });
    const at = localInputToInstant(occurredAt);
    if (!at) found.push({ id: 'incident-at', message: `${t('incidents.occurredAt')}: ${t('validation.dateTime')}` });
    if (areaCodes.length === 0)
      found.push({ id: 'incident-areas', message: `${t('incidents.areas')}: ${t('validation.atLeastOne')}` });
    setErrors(found);
    if (found.length || !at) return;
    setBusy(true);
    try {
      const res = await createIncident(
        {
          name: name.trim(),
          kind: kind as IncidentBody['kind'],
          occurredAt: at,
          areaCodes,
          description: description.trim(),
        },
        incidentKey.current,
      );
      setIncidentId(res.incidentId);
      setNotice({ kind: 'success', text: t('incidents.created') });
    } catch (err) {
      setNotice(
        isMissingEndpoint(err)
          ? { kind: 'info', text: t('app.notAvailable') }
          : { kind: 'error', text: describeError(t, err) },
      );
    } finally {
      setBusy(false);
    }
  }

  async function addChildren(e: FormEvent) {
    e.preventDefault();
    if (!incidentId) return;
    const { children, problems } = parseChildren(childrenText, description.trim() || name.trim());
    setErrors(
      problems.map((p) => ({
        id: 'incident-children',
        message: t('incidents.lineError', { line: p.line, problem: t(p.problem.key, p.problem.params) }),
      })),
    );
    if (problems.length || children.length === 0) return;
    setBusy(true);
    let created = 0;
    try {
      for (const [i, batch] of batches(children, INCIDENT_BATCH_MAX).entries()) {
        const res = await addIncidentChildren(incidentId, batch, `${incidentKey.current}-children-${i}`);
        created += res.created;
      }
      setNotice({ kind: 'success', text: t('incidents.childrenAdded', { n: created }) });
    } catch (err) {
      setNotice({ kind: 'error', text: describeError(t, err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="narrow">
      <PageHeading title={t('incidents.title')} />
      <p>{t('incidents.intro')}</p>
      <ErrorSummary errors={errors} />
      {notice && (
        <Notice kind={notice.kind} focus>
          {notice.text}
        </Notice>
      )}
      <form className="form" onSubmit={create} noValidate>
        <TextField
          id="incident-name"
          label={t('incidents.name')}
          value={name}
          onValue={setName}
          maxLength={200}
          disabled={!!incidentId}
        />
        <SelectField
          id="incident-kind"
          label={t('incidents.kind')}
          value={kind}
          onValue={setKind}
          placeholder={t('open.choose')}
          options={KINDS.map((k) => ({ value: k, label: t(`incidents.kind.${k}`) }))}
          disabled={!!incidentId}
        />
        <TextField
          id="incident-at"
          label={t('incidents.occurredAt')}
          type="datetime-local"
          value={occurredAt}
          onValue={setOccurredAt}
          disabled={!!incidentId}
        />
        <div className="field">
          <label htmlFor="incident-areas">{t('incidents.areas')}</label>
          <select
            id="incident-areas"
            multiple
            size={6}
            value={areaCodes}
            onChange={(e) => setAreaCodes(Array.from(e.target.selectedOptions, (o) => o.value))}
            disabled={!!incidentId}
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
          maxLength={5000}
          disabled={!!incidentId}
        />
        {!incidentId && (
          <button type="submit" className="button" disabled={busy}>
            {t('incidents.create')}
          </button>
        )}
      </form>
      {incidentId && (
        <form className="form" onSubmit={addChildren} noValidate>
          <TextArea
            id="incident-children"
            label={t('incidents.children')}
            hint={t('incidents.childrenHint')}
            value={childrenText}
            onValue={setChildrenText}
            rows={8}
          />
          <button type="submit" className="button" disabled={busy}>
            {t('incidents.addChildren')}
          </button>
        </form>
      )}
    </div>
  );
}
