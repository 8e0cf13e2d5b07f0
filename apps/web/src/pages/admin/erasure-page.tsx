// Erasing a child's personal data (DELETE /children/:childId/personal-data): the child's key is destroyed, so
// every record of them reads as erased, everywhere, for good. Two steps: the child and the reason, then a
// confirmation where the admin types the child's id again.
import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { type ErasureResult, eraseChild } from '../../api/admin';
import { describeError, fieldErrors } from '../../api/errors';
import { ErrorSummary, TextArea, TextField } from '../../components/fields';
import { Notice } from '../../components/notice';
import { PageHeading } from '../../components/page';
import { useI18n } from '../../i18n/i18n';
import { textProblem } from '../../validation/rules';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default function ErasurePage() {
  const { t, dateTime } = useI18n();
  const [v, setV] = useState({ childId: '', reason: '', confirm: '' });
  const [step, setStep] = useState<'details' | 'confirm'>('details');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ErasureResult | null>(null);
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  const set = (k: keyof typeof v) => (value: string) => setV((x) => ({ ...x, [k]: value }));
  const labels: Record<string, string> = {
    'er-child': t('erasure.childId'),
    'er-reason': t('erasure.reason'),
    'er-confirm': t('erasure.confirmLabel'),
  };

  function next(e: FormEvent) {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!UUID.test(v.childId.trim())) found['er-child'] = t('erasure.childIdRule');
    const p = textProblem(v.reason, 1000);
    if (p) found['er-reason'] = t(p.key, p.params);
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length) return;
    setStep('confirm');
    setTimeout(() => confirmHeading.current?.focus(), 0);
  }

  async function erase(e: FormEvent) {
    e.preventDefault();
    if (v.confirm.trim().toLowerCase() !== v.childId.trim().toLowerCase()) {
      setErrors({ 'er-confirm': t('erasure.confirmMismatch') });
      return;
    }
    setErrors({});
    setFailure(null);
    setBusy(true);
    try {
      setResult(await eraseChild(v.childId.trim(), v.reason.trim()));
      setV({ childId: '', reason: '', confirm: '' });
      setStep('details');
    } catch (err) {
      setErrors(fieldErrors(t, err, { childId: 'er-child', reason: 'er-reason' }));
      setFailure(describeError(t, err));
      setStep('details');
    } finally {
      setBusy(false);
    }
  }

  const summary = (
    <ErrorSummary errors={Object.entries(errors).map(([id, m]) => ({ id, message: `${labels[id] ?? id}: ${m}` }))} />
  );
  return (
    <>
      <p>
        <Link to="/administration">{t('common.back')}</Link>
      </p>
      <PageHeading title={t('erasure.title')} />
      <p>{t('erasure.intro')}</p>
      {result && (
        <Notice kind="success">
          {t('erasure.done', { childId: result.childId, at: dateTime(result.erasedAt), n: result.cases.length })}
        </Notice>
      )}
      {result && result.cases.length > 0 && (
        <ul aria-label={t('erasure.casesErased')}>
          {result.cases.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
      )}
      {step === 'details' ? (
        <form className="form card section-card" onSubmit={next} noValidate aria-labelledby="erasure-form-title">
          <h2 id="erasure-form-title">{t('erasure.formTitle')}</h2>
          {summary}
          {failure && <Notice kind="error">{failure}</Notice>}
          <TextField
            id="er-child"
            label={t('erasure.childId')}
            hint={t('erasure.childIdHint')}
            autoComplete="off"
            spellCheck={false}
            value={v.childId}
            onValue={set('childId')}
            error={errors['er-child']}
          />
          <TextArea
            id="er-reason"
            label={t('erasure.reason')}
            hint={t('erasure.reasonHint')}
            value={v.reason}
            onValue={set('reason')}
            maxLength={1000}
            error={errors['er-reason']}
          />
          <button type="submit" className="button">
            {t('erasure.next')}
          </button>
        </form>
      ) : (
        <form className="form card section-card" onSubmit={erase} noValidate aria-labelledby="erasure-confirm-title">
          <h2 id="erasure-confirm-title" ref={confirmHeading} tabIndex={-1}>
            {t('erasure.confirmTitle')}
          </h2>
          <Notice kind="warning">{t('erasure.warning')}</Notice>
          <p>
            {t('erasure.child')} <code>{v.childId.trim()}</code>
          </p>
          <p>
            {t('erasure.reason')}: {v.reason.trim()}
          </p>
          {summary}
          <TextField
            id="er-confirm"
            label={t('erasure.confirmLabel')}
            hint={t('erasure.confirmHint')}
            autoComplete="off"
            spellCheck={false}
            value={v.confirm}
            onValue={set('confirm')}
            error={errors['er-confirm']}
          />
          <div className="button-row">
            <button type="submit" className="button button--danger" disabled={busy}>
              {busy ? t('common.sending') : t('erasure.erase')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              disabled={busy}
              onClick={() => {
                setStep('details');
                setErrors({});
                setV((x) => ({ ...x, confirm: '' }));
              }}
            >
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </>
  );
}
