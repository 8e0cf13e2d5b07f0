// Changing an account (PATCH /admin/users/:id): name, role, agency, area, and deactivating or reactivating it.
// A deactivated user can no longer sign in, and their tokens stop working at the next request.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { type AdminUser, type UserChanges, updateUser } from '../../api/admin';
import { describeError, fieldErrors } from '../../api/errors';
import { useUser } from '../../auth/auth';
import { Badge } from '../../components/badges';
import { ErrorSummary, TextField } from '../../components/fields';
import { Notice } from '../../components/notice';
import type { Agency, UserRole } from '../../domain/vocabulary';
import { useI18n } from '../../i18n/i18n';
import { RoleAreaFields, roleAreaProblems } from './user-fields';

const ALIASES = { displayName: 'e-name', role: 'e-role', agency: 'e-agency', areaCodes: 'e-area', active: 'e-active' };

export function EditUser({
  user,
  onSaved,
  onClose,
}: {
  user: AdminUser;
  onSaved: (u: AdminUser, message: string) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const me = useUser();
  const [v, setV] = useState({
    displayName: user.displayName,
    role: user.role as string,
    agency: user.agency ?? '',
    areaCode: user.areaCodes.length === 1 ? user.areaCodes[0]! : '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof v) => (value: string) => setV((x) => ({ ...x, [k]: value }));
  const labels: Record<string, string> = {
    'e-name': t('admin.col.name'),
    'e-role': t('admin.col.role'),
    'e-agency': t('admin.col.agency'),
    'e-area': t('admin.col.areas'),
    'e-active': t('admin.col.active'),
  };
  const self = me.userId === user.userId;
  const heading = useRef<HTMLHeadingElement>(null);
  // The form opens below the list: bring it to the keyboard and the eye.
  useEffect(() => heading.current?.focus(), [user.userId]);

  async function send(changes: UserChanges, message: string) {
    setBusy(true);
    setFailure(null);
    try {
      onSaved(await updateUser(user.userId, changes), message);
    } catch (err) {
      setErrors(fieldErrors(t, err, ALIASES));
      setFailure(describeError(t, err));
    } finally {
      setBusy(false);
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!v.displayName.trim()) found['e-name'] = t('validation.required');
    // An account with several areas keeps them unless one area is chosen here.
    Object.assign(found, roleAreaProblems('e', v, t, user.areaCodes.length > 1));
    setErrors(found);
    if (Object.keys(found).length) return;
    const changes: UserChanges = {
      displayName: v.displayName.trim(),
      role: v.role as UserRole,
      ...(v.role === 'agency_officer' ? { agency: v.agency as Agency } : {}),
      ...(v.areaCode && !(user.areaCodes.length === 1 && user.areaCodes[0] === v.areaCode)
        ? { areaCodes: [v.areaCode] }
        : {}),
    };
    await send(changes, t('admin.userSaved', { username: user.username }));
  }

  return (
    <form className="form card section-card" onSubmit={submit} noValidate aria-labelledby="edit-user-title">
      <h2 id="edit-user-title" ref={heading} tabIndex={-1}>
        {t('admin.editUser', { username: user.username })}
      </h2>
      <p>
        <Badge tone={user.active ? 'good' : 'neutral'}>{user.active ? t('admin.active') : t('admin.inactive')}</Badge>
      </p>
      <ErrorSummary errors={Object.entries(errors).map(([id, m]) => ({ id, message: `${labels[id] ?? id}: ${m}` }))} />
      {failure && <Notice kind="error">{failure}</Notice>}
      <TextField
        id="e-name"
        label={t('admin.col.name')}
        value={v.displayName}
        onValue={set('displayName')}
        error={errors['e-name']}
      />
      <RoleAreaFields
        prefix="e"
        values={v}
        onValue={set}
        errors={errors}
        {...(user.areaCodes.length > 1 ? { areaHint: t('admin.areasKept', { areas: user.areaCodes.join(', ') }) } : {})}
      />
      <div className="button-row">
        <button type="submit" className="button" disabled={busy}>
          {t('admin.saveUser')}
        </button>
        <button type="button" className="button button--secondary" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
      <h3>{t('admin.col.active')}</h3>
      {self ? (
        <p className="muted">{t('admin.notYourself')}</p>
      ) : user.active ? (
        <>
          <p>{t('admin.deactivateHint')}</p>
          <button
            type="button"
            className="button button--danger"
            disabled={busy}
            onClick={() => void send({ active: false }, t('admin.userDeactivated', { username: user.username }))}
          >
            {t('admin.deactivate', { username: user.username })}
          </button>
        </>
      ) : (
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void send({ active: true }, t('admin.userReactivated', { username: user.username }))}
        >
          {t('admin.reactivate', { username: user.username })}
        </button>
      )}
      {errors['e-active'] && <Notice kind="error">{errors['e-active']}</Notice>}
    </form>
  );
}
