// The commands a user may give on a case (DESIGN.md section 5), each with its fields and how its body is built.
// What is offered follows the rules the decider enforces, so that users are not shown actions bound to fail;
// the API stays the judge (its refusals are shown by the field).
import { type CaseAction, caseAction } from '../../api/sen';
import type { CaseView, User, WriteResult } from '../../api/types';
import {
  AGENCIES,
  CHILD_MARRIAGE_OUTCOMES,
  CLOSURE_REASONS,
  CONSENT_GIVERS,
  MEASURES,
  RISK_LEVELS,
  SERVICES,
  URGENCIES,
  VERIFICATIONS,
} from '../../domain/vocabulary';
import type { Problems } from '../../validation/rules';
import { lines } from '../../validation/rules';
import { type FieldSpec, type ServiceRow, type Values, instant, text } from './action-form';

export interface ActionSpec {
  action: CaseAction;
  fields: FieldSpec[];
  body: (v: Values, c: CaseView) => object;
  check?: (v: Values, c: CaseView) => Problems;
}

const hasConsentForReferral = (c: CaseView) => c.consent?.forReferral === true;

export const ACTION_SPECS: Record<CaseAction, ActionSpec> = {
  'risk-assessments': {
    action: 'risk-assessments',
    fields: [
      {
        kind: 'select',
        name: 'level',
        label: 'field.level',
        options: (t) => RISK_LEVELS.map((r) => ({ value: r, label: t(`risk.${r}`) })),
      },
      {
        kind: 'select',
        name: 'verification',
        label: 'field.verification',
        options: (t) => VERIFICATIONS.map((v) => ({ value: v, label: t(`verification.${v}`) })),
      },
      { kind: 'lines', name: 'factors', label: 'field.factors', optional: true, max: 50, itemMax: 200 },
      { kind: 'textarea', name: 'notes', label: 'field.notes', optional: true, max: 5000 },
      { kind: 'datetime', name: 'assessedAt', label: 'field.assessedAt', notFuture: true, notBeforeReport: true },
    ],
    body: (v) => ({
      level: v.level,
      verification: v.verification,
      factors: lines(String(v.factors)),
      notes: text(v.notes),
      assessedAt: instant(v.assessedAt),
    }),
  },
  'emergency-measures': {
    action: 'emergency-measures',
    fields: [
      {
        kind: 'select',
        name: 'measure',
        label: 'field.measure',
        options: (t) => MEASURES.map((m) => ({ value: m, label: t(`measure.${m}`) })),
      },
      { kind: 'datetime', name: 'appliedAt', label: 'field.appliedAt', notFuture: true, notBeforeReport: true },
      { kind: 'textarea', name: 'notes', label: 'field.notes', optional: true, max: 5000 },
    ],
    body: (v) => ({ measure: v.measure, appliedAt: instant(v.appliedAt), notes: text(v.notes) }),
  },
  'detailed-assessment': {
    action: 'detailed-assessment',
    fields: [
      {
        kind: 'checkboxes',
        name: 'needs',
        label: 'field.needs',
        min: 1,
        extra: 'otherNeeds',
        options: (t) => SERVICES.filter((s) => s !== 'other').map((s) => ({ value: s, label: t(`service.${s}`) })),
      },
      { kind: 'lines', name: 'otherNeeds', label: 'field.otherNeeds', optional: true, max: 50, itemMax: 200 },
      { kind: 'textarea', name: 'notes', label: 'field.notes', optional: true, max: 5000 },
      { kind: 'datetime', name: 'at', label: 'field.at', notFuture: true, notBeforeReport: true },
    ],
    body: (v) => ({
      needs: [...(v.needs as string[]), ...lines(String(v.otherNeeds))],
      notes: text(v.notes),
      at: instant(v.at),
    }),
  },
  consent: {
    action: 'consent',
    fields: [
      {
        kind: 'select',
        name: 'givenBy',
        label: 'field.givenBy',
        options: (t) => CONSENT_GIVERS.map((g) => ({ value: g, label: t(`consentGiver.${g}`) })),
      },
      { kind: 'checkbox', name: 'forServices', label: 'field.forServices' },
      { kind: 'checkbox', name: 'forReferral', label: 'field.forReferral' },
      { kind: 'checkbox', name: 'forReporting', label: 'field.forReporting' },
    ],
    body: (v) => ({
      givenBy: v.givenBy,
      forServices: v.forServices === true,
      forReferral: v.forReferral === true,
      forReporting: v.forReporting === true,
    }),
  },
  'support-plan': {
    action: 'support-plan',
    fields: [
      { kind: 'lines', name: 'goals', label: 'field.goals', min: 1, max: 20, itemMax: 500 },
      { kind: 'planServices', name: 'services', label: 'field.services' },
      { kind: 'datetime', name: 'reviewAt', label: 'field.reviewAt' },
    ],
    body: (v) => ({
      goals: lines(String(v.goals)),
      services: (v.services as ServiceRow[]).map((s) => ({
        service: s.service,
        agency: s.agency,
        dueAt: instant(s.dueAt),
      })),
      reviewAt: instant(v.reviewAt),
    }),
  },
  'support-plan/approve': {
    action: 'support-plan/approve',
    fields: [{ kind: 'textarea', name: 'comment', label: 'field.comment', optional: true, max: 2000 }],
    body: (v) => ({ comment: text(v.comment) }),
  },
  'support-plan/reject': {
    action: 'support-plan/reject',
    fields: [{ kind: 'textarea', name: 'comment', label: 'field.comment', optional: true, max: 2000 }],
    body: (v) => ({ comment: text(v.comment) }),
  },
  referrals: {
    action: 'referrals',
    fields: [
      {
        kind: 'select',
        name: 'toAgency',
        label: 'field.toAgency',
        options: (t) => AGENCIES.map((a) => ({ value: a, label: t(`agency.${a}`) })),
      },
      { kind: 'textarea', name: 'reason', label: 'field.reason', max: 2000 },
      {
        kind: 'select',
        name: 'urgency',
        label: 'field.urgency',
        options: (t) => URGENCIES.map((u) => ({ value: u, label: t(`urgency.${u}`) })),
      },
      { kind: 'datetime', name: 'dueAt', label: 'field.referralDueAt', optional: true, afterNow: true },
      {
        kind: 'textarea',
        name: 'consentWaivedReason',
        label: 'field.consentWaivedReason',
        hint: 'validation.consentNeeded',
        max: 2000,
        when: (_v, c) => !hasConsentForReferral(c),
      },
    ],
    check: (v, c): Problems =>
      hasConsentForReferral(c) || !v.urgency || v.urgency === 'emergency'
        ? {}
        : { urgency: { key: 'validation.consentNeeded' } },
    body: (v, c) => ({
      toAgency: v.toAgency,
      reason: text(v.reason),
      urgency: v.urgency,
      ...(v.dueAt ? { dueAt: instant(v.dueAt) } : {}),
      ...(!hasConsentForReferral(c) ? { consentWaivedReason: text(v.consentWaivedReason) } : {}),
    }),
  },
  support: {
    action: 'support',
    fields: [
      {
        kind: 'select',
        name: 'service',
        label: 'field.service',
        options: (t) => SERVICES.map((s) => ({ value: s, label: t(`service.${s}`) })),
      },
      {
        kind: 'select',
        name: 'agency',
        label: 'field.agency',
        options: (t) => AGENCIES.map((a) => ({ value: a, label: t(`agency.${a}`) })),
      },
      { kind: 'datetime', name: 'providedAt', label: 'field.providedAt', notFuture: true, notBeforeReport: true },
      { kind: 'textarea', name: 'notes', label: 'field.notes', optional: true, max: 5000 },
      {
        kind: 'select',
        name: 'referralId',
        label: 'field.referralId',
        optional: true,
        when: (_v, c) => c.referrals.length > 0,
        options: (t, c) =>
          c.referrals.map((r) => ({
            value: r.referralId,
            label: `${t(`agency.${r.toAgency}`)} — ${r.reason.slice(0, 60)}`,
          })),
      },
    ],
    body: (v) => ({
      service: v.service,
      agency: v.agency,
      providedAt: instant(v.providedAt),
      notes: text(v.notes),
      ...(v.referralId ? { referralId: v.referralId } : {}),
    }),
  },
  'child-marriage-outcome': {
    action: 'child-marriage-outcome',
    fields: [
      {
        kind: 'select',
        name: 'outcome',
        label: 'field.outcome',
        options: (t) => CHILD_MARRIAGE_OUTCOMES.map((o) => ({ value: o, label: t(`childMarriage.${o}`) })),
      },
      { kind: 'datetime', name: 'at', label: 'field.at', notFuture: true },
    ],
    body: (v) => ({ outcome: v.outcome, at: instant(v.at) }),
  },
  closure: {
    action: 'closure',
    fields: [
      {
        kind: 'select',
        name: 'reason',
        label: 'field.closureReason',
        options: (t) => CLOSURE_REASONS.map((r) => ({ value: r, label: t(`closure.${r}`) })),
      },
      { kind: 'textarea', name: 'notes', label: 'field.notes', optional: true, max: 5000 },
    ],
    body: (v) => ({ reason: v.reason, notes: text(v.notes) }),
  },
  reopen: {
    action: 'reopen',
    fields: [{ kind: 'textarea', name: 'reason', label: 'field.reopenReason', max: 2000 }],
    body: (v) => ({ reason: text(v.reason) }),
  },
};

/** The actions this user may take on this case now, in the order of the process (Decree 56/2017, chapter III). */
export function availableActions(c: CaseView, user: User): CaseAction[] {
  if (user.role !== 'social_worker' && user.role !== 'supervisor') return [];
  if (c.personalDataErased) return [];
  if (c.status === 'closed') return ['reopen'];
  const out: CaseAction[] = ['risk-assessments', 'emergency-measures'];
  if (c.risk) out.push('detailed-assessment');
  out.push('consent');
  if (c.detailedAssessment) out.push('support-plan');
  const latest = c.plan.latest;
  if (user.role === 'supervisor' && latest?.status === 'proposed' && latest.proposedBy !== user.userId) {
    out.push('support-plan/approve', 'support-plan/reject');
  }
  out.push('referrals', 'support');
  if (c.category === 'child_marriage') out.push('child-marriage-outcome');
  out.push('closure');
  return out;
}

export function runAction(spec: ActionSpec, c: CaseView, values: Values): Promise<WriteResult> {
  return caseAction(c.caseId, spec.action, c.version, spec.body(values, c));
}
