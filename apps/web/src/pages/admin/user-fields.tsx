// The fields an account's role and place share between creating (users-page) and editing (edit-user) it: the
// role, the agency an agency officer works for, and the area; ids are `${prefix}-role|agency|area`.
import { useAreas } from '../../api/areas';
import { SelectField } from '../../components/fields';
import { AGENCIES, USER_ROLES } from '../../domain/vocabulary';
import { type I18n, useI18n } from '../../i18n/i18n';
import { vocab } from '../../i18n/vocab';

export interface RoleAreaValues {
  role: string;
  agency: string;
  areaCode: string;
}

export function RoleAreaFields({
  prefix,
  values,
  onValue,
  errors,
  rolePlaceholder,
  areaHint,
}: {
  prefix: string;
  values: RoleAreaValues;
  onValue: (field: keyof RoleAreaValues) => (value: string) => void;
  errors: Record<string, string>;
  /** Shown while no role is chosen (a new account). */
  rolePlaceholder?: boolean;
  areaHint?: string;
}) {
  const { t } = useI18n();
  const areas = useAreas();
  return (
    <>
      <SelectField
        id={`${prefix}-role`}
        label={t('admin.col.role')}
        {...(rolePlaceholder ? { placeholder: t('open.choose') } : {})}
        value={values.role}
        onValue={onValue('role')}
        options={USER_ROLES.map((r) => ({ value: r, label: vocab(t, 'role', r) }))}
        error={errors[`${prefix}-role`]}
      />
      {values.role === 'agency_officer' && (
        <SelectField
          id={`${prefix}-agency`}
          label={t('admin.col.agency')}
          placeholder={t('open.choose')}
          value={values.agency}
          onValue={onValue('agency')}
          options={AGENCIES.map((a) => ({ value: a, label: vocab(t, 'agency', a) }))}
          error={errors[`${prefix}-agency`]}
        />
      )}
      <SelectField
        id={`${prefix}-area`}
        label={t('admin.col.areas')}
        {...(areaHint ? { hint: areaHint } : {})}
        placeholder={t('open.choose')}
        value={values.areaCode}
        onValue={onValue('areaCode')}
        options={areas.all
          .filter((a) => a.validTo === null)
          .map((a) => ({ value: a.code, label: `${a.name} (${a.code})` }))}
        error={errors[`${prefix}-area`]}
      />
    </>
  );
}

/** What the role fields lack: an agency for an agency officer, an area unless `areaOptional`. */
export function roleAreaProblems(
  prefix: string,
  v: RoleAreaValues,
  t: I18n['t'],
  areaOptional = false,
): Record<string, string> {
  const found: Record<string, string> = {};
  if (!v.role) found[`${prefix}-role`] = t('validation.choose');
  if (v.role === 'agency_officer' && !v.agency) found[`${prefix}-agency`] = t('validation.choose');
  if (!v.areaCode && !areaOptional) found[`${prefix}-area`] = t('validation.choose');
  return found;
}
