import type { ReactNode } from 'react';
import type { CaseStatus, DeadlineStatus, ReferralStatus, RiskLevel } from '../domain/vocabulary';
import { useI18n } from '../i18n/i18n';

type Tone = 'neutral' | 'info' | 'good' | 'warn' | 'bad' | 'critical';

export function Badge({ tone = 'neutral', children }: { tone?: Tone; children: ReactNode }) {
  return <span className={`badge badge--${tone}`}>{children}</span>;
}

const STATUS_TONE: Record<CaseStatus, Tone> = { open: 'info', assessed: 'warn', in_support: 'good', closed: 'neutral' };
const RISK_TONE: Record<RiskLevel, Tone> = { low: 'good', medium: 'warn', high: 'bad', critical: 'critical' };
const REFERRAL_TONE: Record<ReferralStatus, Tone> = {
  issued: 'info',
  acknowledged: 'warn',
  accepted: 'warn',
  declined: 'neutral',
  completed: 'good',
};
export const DEADLINE_TONE: Record<DeadlineStatus, Tone> = {
  met: 'good',
  missed: 'bad',
  pending: 'info',
  overdue: 'critical',
  not_applicable: 'neutral',
};

export function StatusBadge({ status }: { status: CaseStatus }) {
  const { t } = useI18n();
  return <Badge tone={STATUS_TONE[status]}>{t(`status.${status}`)}</Badge>;
}

export function RiskBadge({ level }: { level: RiskLevel | null }) {
  const { t } = useI18n();
  if (!level) return <Badge>{t('cases.notAssessed')}</Badge>;
  return <Badge tone={RISK_TONE[level]}>{t('risk.label', { level: t(`risk.${level}`) })}</Badge>;
}

export function ReferralStatusBadge({ status }: { status: ReferralStatus }) {
  const { t } = useI18n();
  return <Badge tone={REFERRAL_TONE[status]}>{t(`referralStatus.${status}`)}</Badge>;
}
