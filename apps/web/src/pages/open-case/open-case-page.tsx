import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useAreas } from '../../api/areas';
import { describeError, fieldErrors } from '../../api/errors';
import { ApiError } from '../../api/http';
import { openCase } from '../../api/sen';
import { useUser } from '../../auth/auth';
import { ChoiceGroup, ErrorSummary, Radio, SelectField, TextArea, TextField } from '../../components/fields';
import { Notice } from '../../components/notice';
import { PageHeading } from '../../components/page';
import { CATEGORIES, SEXES, SOURCES } from '../../domain/vocabulary';
import { instantToLocalInput } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { newKey } from '../../hooks';
import { OPEN_CASE_FIELDS as F, type OpenCaseDraft, validateOpenCase } from '../../validation/open-case';

const ETHNICITIES = ['Kinh', 'Hoa', 'Khmer', 'Chăm', 'Tày', 'Thái', 'Mường', 'Nùng', 'Hmông', 'Dao'];

function emptyDraft(): OpenCaseDraft {
  return {
    fullName: '',
    sex: '',
    ageKind: 'age',
    dateOfBirth: '',
    ageYears: '',
    ethnicity: '',
    disability: '',
    category: '',
    summary: '',
    areaCode: '',
    reportedAt: instantToLocalInput(new Date()),
    source: '',
    reporterName: '',
    reporterPhone: '',
    reporterRelation: '',
  };
}

/** Form 01 of Decree 56/2017/NĐ-CP: the report that opens a case. */
export function OpenCasePage() {
  const { t } = useI18n();
  const user = useUser();
  const areas = useAreas();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<OpenCaseDraft>(emptyDraft);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // One key per report: a double click or a retry after a lost answer lands on the same case.
  const idempotencyKey = useRef(newKey());
  const inFlight = useRef(false);

  const communes = areas.communesOf(user);
  const areaCode = draft.areaCode || (communes.length === 1 ? communes[0]!.code : '');

  const labels: Record<string, string> = useMemo(
    () => ({
      [F.fullName]: t('open.fullName'),
      [F.sex]: t('open.sex'),
      [F.dateOfBirth]: t('open.dateOfBirth'),
      [F.ageYears]: t('open.ageYears'),
      [F.ethnicity]: t('open.ethnicity'),
      [F.disability]: t('open.disability'),
      [F.category]: t('open.category'),
      [F.summary]: t('open.summary'),
      [F.areaCode]: t('open.commune'),
      [F.reportedAt]: t('open.reportedAt'),
      [F.source]: t('open.source'),
      [F.reporterName]: t('open.reporterName'),
      [F.reporterPhone]: t('open.reporterPhone'),
      [F.reporterRelation]: t('open.reporterRelation'),
    }),
    [t],
  );

  const set = (k: keyof OpenCaseDraft) => (v: string) => setDraft((d) => ({ ...d, [k]: v }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (inFlight.current) return;
    setFailure(null);
    const { problems, body } = validateOpenCase({ ...draft, areaCode }, new Date());
    const found = Object.fromEntries(Object.entries(problems).map(([f, p]) => [f, t(p.key, p.params)]));
    setErrors(found);
    if (!body) return;
    inFlight.current = true;
    setBusy(true);
    try {
      const opened = await openCase(body, idempotencyKey.current);
      navigate(`/cases/${opened.caseId}`, { state: { flash: 'opened' } });
    } catch (err) {
      const byField = fieldErrors(t, err, {
        child: draft.ageKind === 'dob' ? F.dateOfBirth : F.ageYears,
        reporter: F.reporterName,
        location: F.areaCode,
      });
      setErrors(byField);
      setFailure(Object.keys(byField).length ? null : describeError(t, err));
      // A refused request stored nothing: a corrected one may reuse the key. A network failure keeps it too, so
      // that the retry cannot open a second case.
      if (err instanceof ApiError && err.code === 'IDEMPOTENCY_KEY_REUSED') idempotencyKey.current = newKey();
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }

  // In the order of the form, as a reader meets the fields.
  const order: string[] = Object.values(F);
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  const summary = Object.entries(errors)
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([id, message]) => ({ id, message: `${labels[id] ?? id}: ${message}` }));

  return (
    <div className="narrow">
      <PageHeading title={t('open.title')} />
      <p>{t('open.intro')}</p>
      <ErrorSummary errors={summary} />
      {failure && <Notice kind="error">{failure}</Notice>}
      <form onSubmit={submit} noValidate className="form">
        <fieldset className="section">
          <legend>{t('open.section.child')}</legend>
          <TextField
            id={F.fullName}
            label={labels[F.fullName]!}
            value={draft.fullName}
            onValue={set('fullName')}
            error={errors[F.fullName]}
            autoComplete="off"
            maxLength={200}
          />
          <SelectField
            id={F.sex}
            label={labels[F.sex]!}
            value={draft.sex}
            onValue={set('sex')}
            error={errors[F.sex]}
            placeholder={t('open.choose')}
            options={SEXES.map((s) => ({ value: s, label: t(`sex.${s}`) }))}
          />
          <ChoiceGroup id={F.ageKind} legend={t('open.ageKind')} inline>
            <Radio
              name="ageKind"
              id="ageKind-age"
              value="age"
              checked={draft.ageKind === 'age'}
              onSelect={set('ageKind')}
              label={t('open.ageKind.age')}
            />
            <Radio
              name="ageKind"
              id="ageKind-dob"
              value="dob"
              checked={draft.ageKind === 'dob'}
              onSelect={set('ageKind')}
              label={t('open.ageKind.dob')}
            />
          </ChoiceGroup>
          {draft.ageKind === 'dob' ? (
            <TextField
              id={F.dateOfBirth}
              label={labels[F.dateOfBirth]!}
              type="date"
              value={draft.dateOfBirth}
              onValue={set('dateOfBirth')}
              error={errors[F.dateOfBirth]}
            />
          ) : (
            <TextField
              id={F.ageYears}
              label={labels[F.ageYears]!}
              type="number"
              inputMode="numeric"
              min={0}
              max={15}
              step={1}
              value={draft.ageYears}
              onValue={set('ageYears')}
              error={errors[F.ageYears]}
              className="field--short"
            />
          )}
          <TextField
            id={F.ethnicity}
            label={labels[F.ethnicity]!}
            optional
            list="ethnicities"
            value={draft.ethnicity}
            onValue={set('ethnicity')}
            error={errors[F.ethnicity]}
            maxLength={100}
          />
          <datalist id="ethnicities">
            {ETHNICITIES.map((e) => (
              <option key={e} value={e} />
            ))}
          </datalist>
          <TextField
            id={F.disability}
            label={labels[F.disability]!}
            optional
            value={draft.disability}
            onValue={set('disability')}
            error={errors[F.disability]}
            maxLength={200}
          />
        </fieldset>

        <fieldset className="section">
          <legend>{t('open.section.case')}</legend>
          <SelectField
            id={F.category}
            label={labels[F.category]!}
            value={draft.category}
            onValue={set('category')}
            error={errors[F.category]}
            placeholder={t('open.choose')}
            options={CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
          />
          <TextArea
            id={F.summary}
            label={labels[F.summary]!}
            hint={t('open.summaryHint')}
            value={draft.summary}
            onValue={set('summary')}
            error={errors[F.summary]}
            rows={5}
            maxLength={5000}
          />
          <SelectField
            id={F.areaCode}
            label={labels[F.areaCode]!}
            value={areaCode}
            onValue={set('areaCode')}
            error={errors[F.areaCode]}
            placeholder={t('open.chooseCommune')}
            options={communes.map((a) => ({ value: a.code, label: a.name }))}
          />
          <TextField
            id={F.reportedAt}
            label={labels[F.reportedAt]!}
            hint={t('open.reportedAtHint')}
            type="datetime-local"
            value={draft.reportedAt}
            onValue={set('reportedAt')}
            error={errors[F.reportedAt]}
          />
          <SelectField
            id={F.source}
            label={labels[F.source]!}
            value={draft.source}
            onValue={set('source')}
            error={errors[F.source]}
            placeholder={t('open.choose')}
            options={SOURCES.map((s) => ({ value: s, label: t(`source.${s}`) }))}
          />
        </fieldset>

        <fieldset className="section">
          <legend>{t('open.section.reporter')}</legend>
          <p className="hint">{t('open.reporterHint')}</p>
          <TextField
            id={F.reporterName}
            label={labels[F.reporterName]!}
            optional
            value={draft.reporterName}
            onValue={set('reporterName')}
            error={errors[F.reporterName]}
            autoComplete="off"
            maxLength={200}
          />
          <TextField
            id={F.reporterPhone}
            label={labels[F.reporterPhone]!}
            optional
            type="tel"
            inputMode="tel"
            value={draft.reporterPhone}
            onValue={set('reporterPhone')}
            error={errors[F.reporterPhone]}
            autoComplete="off"
            maxLength={20}
          />
          <TextField
            id={F.reporterRelation}
            label={labels[F.reporterRelation]!}
            optional
            value={draft.reporterRelation}
            onValue={set('reporterRelation')}
            error={errors[F.reporterRelation]}
            maxLength={100}
          />
        </fieldset>

        <button type="submit" className="button" disabled={busy} aria-disabled={busy}>
          {busy ? t('open.submitting') : t('open.submit')}
        </button>
      </form>
    </div>
  );
}
