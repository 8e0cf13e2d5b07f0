// Commands the system sends when a deadline timer fires: MarkReferralOverdue and CheckFirstResponse.
import { CATEGORIES, type CaseEvent, ErrorCodes as E, INDICATOR_12_CATEGORIES } from '@sen/case-domain';
import {
  CASE_ID,
  REFERRAL_ID,
  asSystem,
  caseClosed,
  caseEscalated,
  caseOpened,
  caseSpec,
  checkFirstResponse,
  consentRecorded,
  emergencyMeasureApplied,
  fileOf,
  h,
  markReferralOverdue,
  referralAccepted,
  referralAcknowledged,
  referralCompleted,
  referralDeclined,
  referralIssued,
  referralOverdue,
  supportProvided,
} from '@sen/testing';

const spec = caseSpec();

// An urgent referral issued 3 hours after the report: to be acknowledged by h(15), completed by h(171).
const ACK_BY = '2026-03-02T17:00:00.000Z';
const DUE_AT = '2026-03-09T05:00:00.000Z';
const issued = [caseOpened(), consentRecorded(), referralIssued({ urgency: 'urgent' })];
const accepted = [...issued, referralAcknowledged(), referralAccepted()];

describe('Case', () => {
  describe('when a referral acknowledgement deadline fires', () => {
    it('marks the referral overdue when nobody acknowledged it', () => {
      spec
        .given(issued)
        .when(markReferralOverdue({ deadline: 'acknowledge' }, { at: h(15) }))
        .thenProduces((events, state) => {
          expect(events).toEqual([
            {
              type: 'ReferralOverdue',
              data: { caseId: CASE_ID, referralId: REFERRAL_ID, deadline: 'acknowledge', dueAt: ACK_BY },
              metadata: referralOverdue({}, { at: h(15) }).metadata,
            },
          ]);
          expect(fileOf(state).referrals[0]?.overdue).toEqual(['acknowledge']);
        });
    });

    it('marks it overdue when the timer fires late', () => {
      spec
        .given(issued)
        .when(markReferralOverdue({ deadline: 'acknowledge' }, { at: h(40) }))
        .then([referralOverdue({ deadline: 'acknowledge', dueAt: ACK_BY }, { at: h(40) })]);
    });

    it('does nothing before the deadline', () => {
      spec
        .given(issued)
        .when(markReferralOverdue({ deadline: 'acknowledge' }, { at: '2026-03-02T16:59:59.999Z' }))
        .thenNothing();
    });

    it('does nothing the second time (timers are retried)', () => {
      spec
        .given([...issued, referralOverdue({ deadline: 'acknowledge', dueAt: ACK_BY }, { at: h(15) })])
        .when(markReferralOverdue({ deadline: 'acknowledge' }, { at: h(16) }))
        .thenNothing();
    });

    it('does nothing when the referral was acknowledged in time', () => {
      spec
        .given([...issued, referralAcknowledged()])
        .when(markReferralOverdue({ deadline: 'acknowledge' }, { at: h(15) }))
        .thenNothing();
    });

    it('does nothing when the referral was declined in time', () => {
      spec
        .given([...issued, referralDeclined()])
        .when(markReferralOverdue({ deadline: 'acknowledge' }, { at: h(15) }))
        .thenNothing();
    });

    it('does nothing when the referral was acknowledged late but before the timer fired', () => {
      // The code's choice: the overdue marker drives escalation of what is late now; how late the
      // acknowledgement was can be read from ReferralAcknowledged against acknowledgeBy.
      spec
        .given([...issued, referralAcknowledged({}, { at: h(20) })])
        .when(markReferralOverdue({ deadline: 'acknowledge' }, { at: h(21) }))
        .thenNothing();
    });

    it('does nothing for a referral that is not on the case', () => {
      spec
        .given(issued)
        .when(markReferralOverdue({ referralId: 'ref-unknown' }, { at: h(40) }))
        .thenNothing();
    });
  });

  describe('when a referral completion deadline fires', () => {
    it('marks an accepted referral overdue when it is not completed', () => {
      spec
        .given(accepted)
        .when(markReferralOverdue({ deadline: 'complete' }, { at: h(171) }))
        .thenProduces((events, state) => {
          expect(events).toEqual([referralOverdue({ deadline: 'complete', dueAt: DUE_AT }, { at: h(171) })]);
          expect(fileOf(state).referrals[0]?.overdue).toEqual(['complete']);
        });
    });

    it('marks it overdue after the acknowledgement was overdue too, once per deadline', () => {
      spec
        .given([...issued, referralOverdue({ deadline: 'acknowledge', dueAt: ACK_BY }, { at: h(15) })])
        .when(markReferralOverdue({ deadline: 'complete' }, { at: h(172) }))
        .thenProduces((events, state) => {
          expect(events).toEqual([referralOverdue({ deadline: 'complete', dueAt: DUE_AT }, { at: h(172) })]);
          expect(fileOf(state).referrals[0]?.overdue).toEqual(['acknowledge', 'complete']);
        });
    });

    it('does nothing the second time', () => {
      spec
        .given([...accepted, referralOverdue({ deadline: 'complete', dueAt: DUE_AT }, { at: h(171) })])
        .when(markReferralOverdue({ deadline: 'complete' }, { at: h(180) }))
        .thenNothing();
    });

    it('does nothing before the deadline', () => {
      spec
        .given(accepted)
        .when(markReferralOverdue({ deadline: 'complete' }, { at: h(170) }))
        .thenNothing();
    });

    it('does nothing when the referral was completed', () => {
      spec
        .given([...accepted, referralCompleted()])
        .when(markReferralOverdue({ deadline: 'complete' }, { at: h(171) }))
        .thenNothing();
    });

    it('does nothing when the referral was declined', () => {
      spec
        .given([...issued, referralDeclined()])
        .when(markReferralOverdue({ deadline: 'complete' }, { at: h(171) }))
        .thenNothing();
    });

    it('uses the completion date the referrer set', () => {
      spec
        .given([caseOpened(), consentRecorded(), referralIssued({ dueAt: h(30) })])
        .when(markReferralOverdue({ deadline: 'complete' }, { at: h(30) }))
        .then([referralOverdue({ deadline: 'complete', dueAt: h(30) }, { at: h(30) })]);
    });
  });

  describe('when the first response deadline fires', () => {
    const escalation = (
      at: string,
      fromLevel: 'commune' | 'district' = 'commune',
      toLevel: 'district' | 'province' = 'district',
    ) =>
      caseEscalated(
        {
          fromLevel,
          toLevel,
          reason: 'no first response within the deadline (2026-03-02T14:00:00.000Z)',
          automatic: true,
        },
        { ...asSystem, at },
      );

    it('escalates one level, automatically, when nobody responded', () => {
      spec
        .given([caseOpened()])
        .when(checkFirstResponse({ nextLevel: 'district' }, { at: h(12) }))
        .thenProduces((events, state) => {
          expect(events).toEqual([
            {
              type: 'CaseEscalated',
              data: {
                caseId: CASE_ID,
                fromLevel: 'commune',
                toLevel: 'district',
                reason: 'no first response within the deadline (2026-03-02T14:00:00.000Z)',
                automatic: true,
              },
              metadata: escalation(h(12)).metadata,
            },
          ]);
          expect(fileOf(state).level).toBe('district');
          expect(fileOf(state).escalations).toEqual([
            { fromLevel: 'commune', toLevel: 'district', reason: expect.any(String), automatic: true, at: h(12) },
          ]);
        });
    });

    it('escalates straight to the province where there are no districts (since July 2025)', () => {
      spec
        .given([caseOpened()])
        .when(checkFirstResponse({ nextLevel: 'province' }, { at: h(13) }))
        .then([escalation(h(13), 'commune', 'province')]);
    });

    it.each(INDICATOR_12_CATEGORIES.map((c) => [c]))('escalates a case of category %s', (category) => {
      spec
        .given([caseOpened({ category })])
        .when(checkFirstResponse({}, { at: h(12) }))
        .thenProduces((events) => expect(events).toMatchObject([{ type: 'CaseEscalated', data: { automatic: true } }]));
    });

    it.each(CATEGORIES.filter((c) => !INDICATOR_12_CATEGORIES.includes(c)).map((c) => [c]))(
      'does nothing for a case of category %s, which has no first response deadline',
      (category) => {
        spec
          .given([caseOpened({ category })])
          .when(checkFirstResponse({}, { at: h(48) }))
          .thenNothing();
      },
    );

    it('does nothing before the deadline', () => {
      spec
        .given([caseOpened()])
        .when(checkFirstResponse({}, { at: '2026-03-02T13:59:59.999Z' }))
        .thenNothing();
    });

    it('does nothing when an emergency measure came in time', () => {
      spec
        .given([caseOpened(), emergencyMeasureApplied({ appliedAt: h(11) }, { at: h(11) })])
        .when(checkFirstResponse({}, { at: h(12) }))
        .thenNothing();
    });

    it('does nothing when support came in time', () => {
      spec
        .given([caseOpened(), supportProvided({ providedAt: h(6) }, { at: h(6) })])
        .when(checkFirstResponse({}, { at: h(12) }))
        .thenNothing();
    });

    it('does nothing when the response came at the very deadline', () => {
      spec
        .given([caseOpened(), emergencyMeasureApplied({ appliedAt: h(12) }, { at: h(12) })])
        .when(checkFirstResponse({}, { at: h(12) }))
        .thenNothing();
    });

    it('counts a response recorded late but given in time', () => {
      spec
        .given([caseOpened(), supportProvided({ providedAt: h(10) }, { at: h(20) })])
        .when(checkFirstResponse({}, { at: h(21) }))
        .thenNothing();
    });

    it('escalates when the response came after the deadline', () => {
      spec
        .given([caseOpened(), emergencyMeasureApplied({ appliedAt: h(13) }, { at: h(13) })])
        .when(checkFirstResponse({}, { at: h(14) }))
        .then([escalation(h(14))]);
    });

    it('escalates only once', () => {
      spec
        .given([caseOpened(), escalation(h(12))])
        .when(checkFirstResponse({ nextLevel: 'province' }, { at: h(13) }))
        .thenNothing();
    });

    it('escalates from where a supervisor already raised the case', () => {
      spec
        .given([caseOpened(), caseEscalated({ fromLevel: 'commune', toLevel: 'district' }, { at: h(6) })])
        .when(checkFirstResponse({ nextLevel: 'province' }, { at: h(12) }))
        .then([escalation(h(12), 'district', 'province')]);
    });

    it('does nothing when there is no level above', () => {
      spec
        .given([caseOpened()])
        .when(checkFirstResponse({ nextLevel: null }, { at: h(12) }))
        .thenNothing();
    });

    it.each(['district', 'commune'] as const)(
      'does nothing when the next level given, %s, is not above the case',
      (nextLevel) => {
        spec
          .given([caseOpened(), caseEscalated({ fromLevel: 'commune', toLevel: 'district' }, { at: h(6) })])
          .when(checkFirstResponse({ nextLevel }, { at: h(12) }))
          .thenNothing();
      },
    );
  });

  describe('when closed', () => {
    it('does nothing for a referral deadline', () => {
      // A closed case has no open referral unless its stream says otherwise; this one does, so that only
      // the closure keeps the timer from marking it.
      spec
        .given([...issued, caseClosed({}, { at: h(10) })])
        .when(markReferralOverdue({ deadline: 'acknowledge' }, { at: h(15) }))
        .thenNothing();
    });

    it('does nothing for the first response deadline', () => {
      spec
        .given([caseOpened(), caseClosed({}, { at: h(5) })])
        .when(checkFirstResponse({}, { at: h(12) }))
        .thenNothing();
    });
  });

  describe('when it does not exist', () => {
    it.each([
      ['MarkReferralOverdue', markReferralOverdue()],
      ['CheckFirstResponse', checkFirstResponse()],
    ] as const)('refuses %s', (_, command) => {
      spec
        .given([] as CaseEvent[])
        .when(command)
        .thenThrows(E.CASE_NOT_FOUND, 'not_found');
    });
  });
});
