// Assessment, first response, assignment, transfer, consent, escalation, and the times commands carry.
import { type CaseCommand, ErrorCodes as E, type Level, addHours } from '@sen/case-domain';
import {
  AREA,
  CASE_ID,
  OTHER_AREA,
  OTHER_WORKER,
  REPORTED_AT,
  applyEmergencyMeasure,
  assessRisk,
  assignCase,
  caseAssigned,
  caseEscalated,
  caseOpened,
  caseSpec,
  caseTransferred,
  childMarriageOutcomeRecorded,
  completeDetailedAssessment,
  consentRecorded,
  detailedAssessmentCompleted,
  emergencyMeasureApplied,
  escalateCase,
  fileOf,
  h,
  provideSupport,
  recordChildMarriageOutcome,
  recordConsent,
  riskAssessed,
  supportProvided,
  transferCase,
} from '@sen/testing';

const spec = caseSpec();

describe('Case', () => {
  describe('when open', () => {
    it('records the risk assessment (form 02)', () => {
      spec
        .given([caseOpened()])
        .when(assessRisk({ level: 'high', verification: 'inconclusive', factors: ['alcohol'], notes: 'visited' }))
        .then([riskAssessed({ level: 'high', verification: 'inconclusive', factors: ['alcohol'], notes: 'visited' })]);
    });

    it('keeps the risk assessment on the case', () => {
      spec
        .given([caseOpened()])
        .when(assessRisk({ level: 'critical' }))
        .thenProduces((_, state) =>
          expect(fileOf(state).risk).toEqual({
            level: 'critical',
            verification: 'confirmed',
            factors: ['repeated violence'],
            notes: 'form 02',
            assessedAt: h(1),
          }),
        );
    });

    it('applies an emergency measure, which is the first response', () => {
      spec
        .given([caseOpened()])
        .when(applyEmergencyMeasure({ measure: 'removal_from_danger', appliedAt: h(1.5), notes: 'taken away' }))
        .thenProduces((events, state) => {
          expect(events).toEqual([
            emergencyMeasureApplied({ measure: 'removal_from_danger', appliedAt: h(1.5), notes: 'taken away' }),
          ]);
          expect(fileOf(state)).toMatchObject({
            emergencyMeasures: [{ measure: 'removal_from_danger', appliedAt: h(1.5), notes: 'taken away' }],
            firstResponseAt: h(1.5),
            firstResponseBy: 'social_worker',
          });
        });
    });

    it('counts support provided as the first response, credited to the agency', () => {
      spec
        .given([caseOpened()])
        .when(provideSupport({ service: 'medical', agency: 'health', providedAt: h(5) }, { at: h(6) }))
        .thenProduces((_, state) =>
          expect(fileOf(state)).toMatchObject({ firstResponseAt: h(5), firstResponseBy: 'health' }),
        );
    });

    it('keeps the earlier emergency measure as the first response when support comes later', () => {
      spec
        .given([caseOpened(), emergencyMeasureApplied({ appliedAt: h(3) }, { at: h(3) })])
        .when(provideSupport({ providedAt: h(8) }, { at: h(8) }))
        .thenProduces((_, state) =>
          expect(fileOf(state)).toMatchObject({ firstResponseAt: h(3), firstResponseBy: 'social_worker' }),
        );
    });

    it('takes support recorded late but given earlier as the first response', () => {
      spec
        .given([caseOpened(), emergencyMeasureApplied({ appliedAt: h(6) }, { at: h(6) })])
        .when(provideSupport({ agency: 'police', service: 'rescue', providedAt: h(2) }, { at: h(9) }))
        .thenProduces((_, state) =>
          expect(fileOf(state)).toMatchObject({ firstResponseAt: h(2), firstResponseBy: 'police' }),
        );
    });

    it('takes an emergency measure recorded late but applied earlier as the first response', () => {
      spec
        .given([caseOpened(), supportProvided({ agency: 'health', providedAt: h(7) }, { at: h(7) })])
        .when(applyEmergencyMeasure({ appliedAt: h(4) }, { at: h(9) }))
        .thenProduces((_, state) =>
          expect(fileOf(state)).toMatchObject({ firstResponseAt: h(4), firstResponseBy: 'social_worker' }),
        );
    });

    it('assigns the case to another social worker', () => {
      spec
        .given([caseOpened()])
        .when(assignCase({ assigneeId: OTHER_WORKER }))
        .thenProduces((events, state) => {
          expect(events).toEqual([caseAssigned({ assigneeId: OTHER_WORKER })]);
          expect(fileOf(state).assigneeId).toBe(OTHER_WORKER);
        });
    });

    it('records consent', () => {
      spec
        .given([caseOpened()])
        .when(recordConsent({ givenBy: 'guardian', forServices: true, forReferral: false, forReporting: true }))
        .thenProduces((events, state) => {
          expect(events).toEqual([
            consentRecorded({ givenBy: 'guardian', forServices: true, forReferral: false, forReporting: true }),
          ]);
          expect(fileOf(state).consent).toEqual({
            givenBy: 'guardian',
            forServices: true,
            forReferral: false,
            forReporting: true,
            recordedAt: h(2),
          });
        });
    });

    it('refuses the detailed assessment (form 03) before the risk assessment (form 02)', () => {
      spec.given([caseOpened()]).when(completeDetailedAssessment()).thenThrows(E.RISK_NOT_ASSESSED, 'unprocessable');
    });

    it('refuses a child marriage outcome on a case of another category', () => {
      spec
        .given([caseOpened()])
        .when(recordChildMarriageOutcome())
        .thenThrows(E.NOT_CHILD_MARRIAGE_CASE, 'unprocessable');
    });
  });

  describe('when assessed', () => {
    it('completes the detailed assessment (form 03)', () => {
      spec
        .given([caseOpened(), riskAssessed()])
        .when(completeDetailedAssessment({ needs: ['school fees'], notes: 'poor family', at: h(20) }))
        .thenProduces((events, state) => {
          expect(events).toEqual([
            detailedAssessmentCompleted({ needs: ['school fees'], notes: 'poor family', at: h(20) }),
          ]);
          expect(fileOf(state).detailedAssessment).toEqual({ needs: ['school fees'], notes: 'poor family', at: h(20) });
        });
    });
  });

  describe('when transferred', () => {
    it('moves the case to the new area, unassigned unless someone is named', () => {
      spec
        .given([caseOpened()])
        .when(transferCase({ toAreaCode: OTHER_AREA, reason: 'the family moved' }))
        .thenProduces((events, state) => {
          expect(events).toEqual([
            {
              type: 'CaseTransferred',
              data: { caseId: CASE_ID, fromAreaCode: AREA, toAreaCode: OTHER_AREA, reason: 'the family moved' },
              metadata: caseTransferred().metadata,
            },
          ]);
          expect(fileOf(state)).toMatchObject({ areaCode: OTHER_AREA, assigneeId: null });
        });
    });

    it('hands the case to the named social worker of the new area', () => {
      spec
        .given([caseOpened()])
        .when(transferCase({ toAssigneeId: OTHER_WORKER }))
        .thenProduces((events, state) => {
          expect(events).toEqual([caseTransferred({ toAssigneeId: OTHER_WORKER })]);
          expect(fileOf(state)).toMatchObject({ areaCode: OTHER_AREA, assigneeId: OTHER_WORKER });
        });
    });

    it('refuses a transfer to the area the case is already in', () => {
      spec
        .given([caseOpened()])
        .when(transferCase({ toAreaCode: AREA }))
        .thenThrows(E.SAME_AREA, 'unprocessable');
    });

    it('can go back to the area it came from', () => {
      spec
        .given([caseOpened(), caseTransferred()])
        .when(transferCase({ toAreaCode: AREA }, { at: h(30) }))
        .then([caseTransferred({ fromAreaCode: OTHER_AREA, toAreaCode: AREA }, { at: h(30) })]);
    });

    it('refuses a second transfer to its new area', () => {
      spec
        .given([caseOpened(), caseTransferred()])
        .when(transferCase({ toAreaCode: OTHER_AREA }, { at: h(30) }))
        .thenThrows(E.SAME_AREA, 'unprocessable');
    });
  });

  describe('when escalated', () => {
    const atLevel = (level: Level) =>
      level === 'commune'
        ? [caseOpened()]
        : [caseOpened(), caseEscalated({ fromLevel: 'commune', toLevel: level }, { at: h(5) })];

    it.each([
      ['commune', 'district'],
      ['commune', 'province'],
      ['district', 'province'],
    ] as const)('goes up from %s to %s', (from, to) => {
      spec
        .given(atLevel(from))
        .when(escalateCase({ toLevel: to, reason: 'beyond the commune' }))
        .thenProduces((events, state) => {
          expect(events).toEqual([
            caseEscalated({ fromLevel: from, toLevel: to, reason: 'beyond the commune', automatic: false }),
          ]);
          expect(fileOf(state).level).toBe(to);
          expect(fileOf(state).escalations.at(-1)).toEqual({
            fromLevel: from,
            toLevel: to,
            reason: 'beyond the commune',
            automatic: false,
            at: h(6),
          });
        });
    });

    it.each([
      ['commune', 'commune'],
      ['district', 'district'],
      ['province', 'province'],
      ['district', 'commune'],
      ['province', 'district'],
      ['province', 'commune'],
    ] as const)('refuses to go from %s to %s (only upwards)', (from, to) => {
      spec
        .given(atLevel(from))
        .when(escalateCase({ toLevel: to }))
        .thenThrows(E.ESCALATION_NOT_UPWARD, 'unprocessable');
    });
  });

  describe('when about a child marriage (tảo hôn)', () => {
    it.each(['prevented', 'occurred'] as const)('records the outcome %s', (outcome) => {
      spec
        .given([caseOpened({ category: 'child_marriage' })])
        .when(recordChildMarriageOutcome({ outcome, at: h(200) }))
        .thenProduces((events, state) => {
          expect(events).toEqual([childMarriageOutcomeRecorded({ outcome, at: h(200) })]);
          expect(fileOf(state).childMarriageOutcome).toEqual({ outcome, at: h(200) });
        });
    });
  });

  describe('when a command states a time', () => {
    const now = h(10);
    const skew = 5 * 60_000;
    const later = (ms: number) => new Date(Date.parse(now) + ms).toISOString();
    const given = [caseOpened({ category: 'child_marriage' }), riskAssessed()];
    const timed: [string, (at: string) => CaseCommand, boolean][] = [
      ['AssessRisk', (at) => assessRisk({ assessedAt: at }, { at: now }), true],
      ['ApplyEmergencyMeasure', (at) => applyEmergencyMeasure({ appliedAt: at }, { at: now }), true],
      ['CompleteDetailedAssessment', (at) => completeDetailedAssessment({ at }, { at: now }), true],
      ['ProvideSupport', (at) => provideSupport({ providedAt: at }, { at: now }), true],
      ['RecordChildMarriageOutcome', (at) => recordChildMarriageOutcome({ at }, { at: now }), false],
    ];

    it.each(timed)('%s accepts a time up to 5 minutes ahead of the clock', (_, make) => {
      spec
        .given(given)
        .when(make(later(skew)))
        .thenProduces((events) => expect(events).toHaveLength(1));
    });

    it.each(timed)('%s refuses a time more than 5 minutes ahead of the clock', (_, make) => {
      spec
        .given(given)
        .when(make(later(skew + 1)))
        .thenThrows(E.TIME_IN_FUTURE, 'unprocessable');
    });

    it.each(timed.filter(([, , beforeReport]) => beforeReport))('%s accepts the very time of the report', (_, make) => {
      spec
        .given(given)
        .when(make(REPORTED_AT))
        .thenProduces((events) => expect(events).toHaveLength(1));
    });

    it.each(timed.filter(([, , beforeReport]) => beforeReport))('%s refuses a time before the report', (_, make) => {
      spec
        .given(given)
        .when(make(addHours(REPORTED_AT, -1 / 3_600_000)))
        .thenThrows(E.TIME_BEFORE_REPORT, 'unprocessable');
    });
  });
});
