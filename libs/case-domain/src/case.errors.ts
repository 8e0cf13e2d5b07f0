// Domain errors carry a stable code; the HTTP layer maps the kind to a status in one place.

export type DomainErrorKind = 'not_found' | 'conflict' | 'unprocessable' | 'forbidden';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** The command cannot apply to the case as it is now (409). */
export class IllegalStateError extends DomainError {
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super('conflict', code, message, details);
  }
}

/** The command is well-formed but breaks a rule of the process (422). */
export class RuleViolationError extends DomainError {
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super('unprocessable', code, message, details);
  }
}

export class NotFoundError extends DomainError {
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super('not_found', code, message, details);
  }
}

export const ErrorCodes = {
  CASE_NOT_FOUND: 'CASE_NOT_FOUND',
  CASE_ALREADY_EXISTS: 'CASE_ALREADY_EXISTS',
  CASE_CLOSED: 'CASE_CLOSED',
  CASE_NOT_CLOSED: 'CASE_NOT_CLOSED',
  CHILD_NOT_A_CHILD: 'CHILD_NOT_A_CHILD',
  TIME_IN_FUTURE: 'TIME_IN_FUTURE',
  TIME_BEFORE_REPORT: 'TIME_BEFORE_REPORT',
  RISK_NOT_ASSESSED: 'RISK_NOT_ASSESSED',
  DETAILED_ASSESSMENT_REQUIRED: 'DETAILED_ASSESSMENT_REQUIRED',
  EMERGENCY_RESPONSE_REQUIRED: 'EMERGENCY_RESPONSE_REQUIRED',
  ESCALATION_NOT_UPWARD: 'ESCALATION_NOT_UPWARD',
  SAME_AREA: 'SAME_AREA',
  PLAN_NOT_PROPOSED: 'PLAN_NOT_PROPOSED',
  PLAN_SELF_APPROVAL: 'PLAN_SELF_APPROVAL',
  PLAN_SERVICE_DUE_BEFORE_PROPOSAL: 'PLAN_SERVICE_DUE_BEFORE_PROPOSAL',
  NOT_CHILD_MARRIAGE_CASE: 'NOT_CHILD_MARRIAGE_CASE',
  CONSENT_REQUIRED: 'CONSENT_REQUIRED',
  CONSENT_WAIVER_REASON_REQUIRED: 'CONSENT_WAIVER_REASON_REQUIRED',
  REFERRAL_EXISTS: 'REFERRAL_EXISTS',
  REFERRAL_NOT_FOUND: 'REFERRAL_NOT_FOUND',
  REFERRAL_OPEN: 'REFERRAL_OPEN',
  REFERRAL_ALREADY_ACKNOWLEDGED: 'REFERRAL_ALREADY_ACKNOWLEDGED',
  REFERRAL_NOT_ACKNOWLEDGED: 'REFERRAL_NOT_ACKNOWLEDGED',
  REFERRAL_ALREADY_ACCEPTED: 'REFERRAL_ALREADY_ACCEPTED',
  REFERRAL_NOT_ACCEPTED: 'REFERRAL_NOT_ACCEPTED',
  REFERRAL_FINISHED: 'REFERRAL_FINISHED',
  REFERRAL_DUE_BEFORE_ISSUE: 'REFERRAL_DUE_BEFORE_ISSUE',
  PERSONAL_DATA_ERASED: 'PERSONAL_DATA_ERASED',
} as const;
