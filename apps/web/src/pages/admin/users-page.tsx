// The users of Sen (GET /admin/users), a change to one (PATCH /admin/users/:id) and a new account
// (POST /admin/users): admins only.
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { type AdminUser, adminUsers, createUser } from '../../api/admin';
import { describeError, fieldErrors } from '../../api/errors';
import { ErrorSummary, TextField } from '../../components/fields';
import { Notice } from '../../components/notice';
import { PageHeading } from '../../components/page';
import { RemoteStatus, useRemote } from '../../components/remote';
import type { Agency, UserRole } from '../../domain/vocabulary';
import { useI18n } from '../../i18n/i18n';
import { vocab } from '../../i18n/vocab';
import { EditUser } from './edit-user';
import { RoleAreaFields, roleAreaProblems } from './user-fields';

function NewUser({ onCreated }: { onCreated: (u: AdminUser) => void }) {
  const { t } = useI18n();
  const [v, setV] = useState({ username: '', displayName: '', password: '', role: '', agency: '', areaCode: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof v) => (value: string) => setV((x) => ({ ...x, [k]: value }));
  const labels: Record<string, string> = {
    'u-username': t('admin.col.username'),
    'u-name': t('admin.col.name'),
    'u-password': t('admin.password'),
    'u-role': t('admin.col.role'),
    'u-agency': t('admin.col.agency'),
    'u-area': t('admin.col.areas'),
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!/^[a-z0-9._-]{3,50}$/.test(v.username)) found['u-username'] = t('admin.usernameRule');
    if (!v.displayName.trim()) found['u-name'] = t('validation.required');
    if (v.password.length < 12 || v.password.length > 200) found['u-password'] = t('admin.passwordRule');
    Object.assign(found, roleAreaProblems('u', v, t));
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const u = await createUser({
        username: v.username,
        displayName: v.displayName.trim(),
        password: v.password,
        role: v.role as UserRole,
        ...(v.role === 'agency_officer' ? { agency: v.agency as Agency } : {}),
        areaCodes: [v.areaCode],
      });
      setV({ username: '', displayName: '', password: '', role: '', agency: '', areaCode: '' });
      onCreated(u);
    } catch (err) {
      setErrors(
        fieldErrors(t, err, {
          username: 'u-username',
          displayName: 'u-name',
          password: 'u-password',
          role: 'u-role',
          agency: 'u-agency',
          areaCodes: 'u-area',
        }),
      );
      setFailure(describeError(t, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form card section-card" onSubmit={submit} noValidate aria-labelledby="new-user-title">
      <h2 id="new-user-title">{t('admin.newUser')}</h2>
      <ErrorSummary errors={Object.entries(errors).map(([id, m]) => ({ id, message: `${labels[id] ?? id}: ${m}` }))} />
      {failure && <Notice kind="error">{failure}</Notice>}
      <TextField
        id="u-username"
        label={t('admin.col.username')}
        hint={t('admin.usernameRule')}
        autoComplete="off"
        value={v.username}
        onValue={set('username')}
        error={errors['u-username']}
      />
      <TextField
        id="u-name"
        label={t('admin.col.name')}
        value={v.displayName}
        onValue={set('displayName')}
        error={errors['u-name']}
      />
      <TextField
        id="u-password"
        label={t('admin.password')}
        hint={t('admin.passwordRule')}
        type="password"
        autoComplete="new-password"
        value={v.password}
        onValue={set('password')}
        error={errors['u-password']}
      />
      <RoleAreaFields prefix="u" values={v} onValue={set} errors={errors} rolePlaceholder />
      <button type="submit" className="button" disabled={busy}>
        {t('admin.createUser')}
      </button>
    </form>
  );
}

export default function UsersPage() {
  const { t } = useI18n();
  const [version, setVersion] = useState(0);
  const [created, setCreated] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [params, setParams] = useSearchParams();
  const editing = params.get('edit');
  const remote = useRemote(`users|${version}`, adminUsers);
  const edited = remote.state === 'ready' ? remote.data.items.find((u) => u.userId === editing) : undefined;
  return (
    <>
      <p>
        <Link to="/administration">{t('common.back')}</Link>
      </p>
      <PageHeading title={t('admin.users')} />
      <p>{t('admin.users.intro')}</p>
      {created && <Notice kind="success">{t('admin.userCreated', { username: created })}</Notice>}
      {saved && <Notice kind="success">{saved}</Notice>}
      <RemoteStatus remote={remote} />
      {remote.state === 'ready' && (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t('admin.users')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.col.username')}</th>
                <th scope="col">{t('admin.col.name')}</th>
                <th scope="col">{t('admin.col.role')}</th>
                <th scope="col">{t('admin.col.agency')}</th>
                <th scope="col">{t('admin.col.areas')}</th>
                <th scope="col">{t('admin.col.active')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('admin.col.edit')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {remote.data.items.map((u) => (
                <tr key={u.userId}>
                  <th scope="row">
                    <Link
                      to={`/administration/access-log?userId=${u.userId}`}
                      aria-label={t('admin.readsOf', { username: u.username })}
                    >
                      {u.username}
                    </Link>
                  </th>
                  <td>{u.displayName}</td>
                  <td>{vocab(t, 'role', u.role)}</td>
                  <td>{vocab(t, 'agency', u.agency)}</td>
                  <td>{u.areaCodes.join(', ')}</td>
                  <td>
                    {u.active ? t('common.yes') : t('common.no')}
                    {u.demo ? ` (${t('admin.demo')})` : ''}
                  </td>
                  <td>
                    <Link
                      to={`/administration/users?edit=${u.userId}`}
                      aria-label={t('admin.editUser', { username: u.username })}
                      onClick={() => setSaved(null)}
                    >
                      {t('admin.edit')}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {edited && (
        <EditUser
          key={`${edited.userId}|${version}`}
          user={edited}
          onSaved={(_u, message) => {
            setSaved(message);
            setCreated(null);
            setVersion((x) => x + 1);
          }}
          onClose={() => setParams(new URLSearchParams())}
        />
      )}
      <NewUser
        onCreated={(u) => {
          setCreated(u.username);
          setVersion((x) => x + 1);
        }}
      />
    </>
  );
}
