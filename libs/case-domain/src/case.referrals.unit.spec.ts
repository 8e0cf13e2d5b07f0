// Referrals between agencies: consent, deadlines on issue, and the state machine
// issued → acknowledged → accepted → completed, with declined possible before accepted.
import { type CaseCommand, type CaseEvent, ErrorCodes as E } from '@sen/case-domain';
import {
  AREA,
  CASE_ID,
  OTHER_AREA,
  REFERRAL_ID,
  acceptReferral,
  acknowledgeReferral,
  caseOpened,
  caseSpec,
  caseTransferred,
  completeReferral,
  consentRecorded,
  declineReferral,
  fileOf,
  h,
  issueReferral,
  referralAccepted,
  referralAcknowledged,
  referralCompleted,
  referralDeclined,
  referralIssued,
} from '@sen/testing';

const spec = caseSpec();

const consented = [caseOpened(), consentRecorded()];
const issued = [...consented, referralIssued()];
const acknowledged = [...issued, referralAcknowledged()];
const accepted = [...acknowledged, referralAccepted()];
const completed = [...accepted, referralCompleted()];
const declined = [...acknowledged, referralDeclined()];

describe('Case', () => {
  describe('when consent for referral is recorded', () => {
    it('issues a referral with its acknowledgement and completion deadlines', () => {
      spec
        .given(consented)
        .when(issueReferral({ toAgency: 'police', reason: 'investigate the father', urgency: 'urgent' }))
        .then([
          {
            type: 'ReferralIssued',
            data: {
              caseId: CASE_ID,
              referralId: REFERRAL_ID,
              toAgency: 'police',
              reason: 'investigate the father',
              urgency: 'urgent',
              // issued at 05:00Z: acknowledged within 12 hours, completed within 7 days by default
              acknowledgeBy: '2026-03-02T17:00:00.000Z',
              dueAt: '2026-03-09T05:00:00.000Z',
              areaCode: AREA,
            },
            metadata: referralIssued().metadata,
          },
        ]);
    });

    it.each([
      ['emergency', '2026-03-02T07:00:00.000Z'],
      ['urgent', '2026-03-02T17:00:00.000Z'],
      ['routine', '2026-03-05T05:00:00.000Z'],
    ] as const)('gives a referral of urgency %s until %s to be acknowledged', (urgency, acknowledgeBy) => {
      spec
        .given(consented)
        .when(issueReferral({ urgency }))
        .thenProduces(([event]) => expect(event?.data).toMatchObject({ urgency, acknowledgeBy }));
    });

    it('keeps the completion date the referrer set, and the unit', () => {
      spec
        .given(consented)
        .when(issueReferral({ dueAt: h(48), unitCode: 'police-cao-lanh' }))
        .thenProduces(([event]) => expect(event?.data).toMatchObject({ dueAt: h(48), unitCode: 'police-cao-lanh' }));
    });

    it.each([
      ['at', 3],
      ['before', 2],
    ])('refuses a completion date %s the issue', (_, hours) => {
      spec
        .given(consented)
        .when(issueReferral({ dueAt: h(hours) }))
        .thenThrows(E.REFERRAL_DUE_BEFORE_ISSUE, 'unprocessable');
    });

    it('refers from the area the case is in now', () => {
      spec
        .given([...consented, caseTransferred()])
        .when(issueReferral())
        .thenProduces(([event]) => expect(event?.data).toMatchObject({ areaCode: OTHER_AREA }));
    });

    it('does not record a waiver for an emergency referral made with consent', () => {
      spec
        .given(consented)
        .when(issueReferral({ urgency: 'emergency', consentWaivedReason: 'no time' }))
        .thenProduces(([event]) => expect(event?.data).not.toHaveProperty('consentWaivedReason'));
    });

    it('holds the referral as issued, with nothing overdue', () => {
      spec
        .given(consented)
        .when(issueReferral())
        .thenProduces((_, state) =>
          expect(fileOf(state).referrals).toEqual([
            {
              referralId: REFERRAL_ID,
              toAgency: 'police',
              reason: 'investigate the father',
              urgency: 'urgent',
              status: 'issued',
              issuedAt: h(3),
              issuedBy: 'worker-1',
              acknowledgeBy: '2026-03-02T17:00:00.000Z',
              dueAt: '2026-03-09T05:00:00.000Z',
              overdue: [],
            },
          ]),
        );
    });

    it('refuses a second referral with the same id', () => {
      spec
        .given(issued)
        .when(issueReferral({}, { at: h(6) }))
        .thenThrows(E.REFERRAL_EXISTS, 'conflict');
    });

    it('issues a second referral with another id', () => {
      spec
        .given(issued)
        .when(issueReferral({ referralId: 'ref-2', toAgency: 'health' }, { at: h(6) }))
        .then([referralIssued({ referralId: 'ref-2', toAgency: 'health' }, { at: h(6) })]);
    });
  });

  describe('when no consent for referral is recorded', () => {
    it.each(['urgent', 'routine'] as const)('refuses a referral of urgency %s', (urgency) => {
      spec.given([caseOpened()]).when(issueReferral({ urgency })).thenThrows(E.CONSENT_REQUIRED, 'unprocessable');
    });

    it('refuses a referral when the consent recorded excludes referral', () => {
      spec
        .given([caseOpened(), consentRecorded({ forServices: true, forReferral: false })])
        .when(issueReferral())
        .thenThrows(E.CONSENT_REQUIRED, 'unprocessable');
    });

    it('refuses a referral when consent for referral was later withdrawn', () => {
      spec
        .given([caseOpened(), consentRecorded(), consentRecorded({ forReferral: false }, { at: h(2.5) })])
        .when(issueReferral())
        .thenThrows(E.CONSENT_REQUIRED, 'unprocessable');
    });

    it('issues an emergency referral that says why it went without consent', () => {
      spec
        .given([caseOpened()])
        .when(issueReferral({ urgency: 'emergency', consentWaivedReason: 'parents are the abusers' }))
        .then([referralIssued({ urgency: 'emergency', consentWaivedReason: 'parents are the abusers' })]);
    });

    it.each([
      ['no reason', undefined],
      ['a blank reason', '   '],
    ])('refuses an emergency referral with %s for going without consent', (_, consentWaivedReason) => {
      spec
        .given([caseOpened()])
        .when(issueReferral({ urgency: 'emergency', consentWaivedReason }))
        .thenThrows(E.CONSENT_WAIVER_REASON_REQUIRED, 'unprocessable');
    });
  });

  describe('when a referral is issued', () => {
    it('is acknowledged by the agency', () => {
      spec
        .given(issued)
        .when(acknowledgeReferral())
        .thenProduces((events, state) => {
          expect(events).toEqual([
            {
              type: 'ReferralAcknowledged',
              data: { caseId: CASE_ID, referralId: REFERRAL_ID, at: h(4) },
              metadata: referralAcknowledged().metadata,
            },
          ]);
          expect(fileOf(state).referrals[0]).toMatchObject({ status: 'acknowledged', acknowledgedAt: h(4) });
        });
    });

    it('can be declined straight away', () => {
      spec
        .given(issued)
        .when(declineReferral({ reason: 'outside our remit' }))
        .thenProduces((events, state) => {
          expect(events).toEqual([referralDeclined({ reason: 'outside our remit' })]);
          expect(fileOf(state).referrals[0]).toMatchObject({
            status: 'declined',
            declinedAt: h(5),
            declineReason: 'outside our remit',
          });
        });
    });

    it('cannot be accepted before it is acknowledged', () => {
      spec.given(issued).when(acceptReferral()).thenThrows(E.REFERRAL_NOT_ACKNOWLEDGED, 'conflict');
    });

    it('cannot be completed before it is accepted', () => {
      spec.given(issued).when(completeReferral()).thenThrows(E.REFERRAL_NOT_ACCEPTED, 'conflict');
    });

    it('leaves other referrals of the case as they are', () => {
      spec
        .given([...issued, referralIssued({ referralId: 'ref-2' }, { at: h(3.5) })])
        .when(acknowledgeReferral({ referralId: 'ref-2' }))
        .thenProduces((events, state) => {
          expect(events).toEqual([referralAcknowledged({ referralId: 'ref-2' })]);
          expect(fileOf(state).referrals.map((r) => [r.referralId, r.status])).toEqual([
            [REFERRAL_ID, 'issued'],
            ['ref-2', 'acknowledged'],
          ]);
        });
    });
  });

  describe('when a referral is acknowledged', () => {
    it('is accepted', () => {
      spec
        .given(acknowledged)
        .when(acceptReferral())
        .thenProduces((events, state) => {
          expect(events).toEqual([
            {
              type: 'ReferralAccepted',
              data: { caseId: CASE_ID, referralId: REFERRAL_ID, at: h(5) },
              metadata: referralAccepted().metadata,
            },
          ]);
          expect(fileOf(state).referrals[0]).toMatchObject({ status: 'accepted', acceptedAt: h(5) });
        });
    });

    it('can be declined', () => {
      spec.given(acknowledged).when(declineReferral()).then([referralDeclined()]);
    });

    it('cannot be acknowledged again', () => {
      spec.given(acknowledged).when(acknowledgeReferral()).thenThrows(E.REFERRAL_ALREADY_ACKNOWLEDGED, 'conflict');
    });

    it('cannot be completed before it is accepted', () => {
      spec.given(acknowledged).when(completeReferral()).thenThrows(E.REFERRAL_NOT_ACCEPTED, 'conflict');
    });
  });

  describe('when a referral is accepted', () => {
    it('is completed with its outcome', () => {
      spec
        .given(accepted)
        .when(completeReferral({ outcome: 'child placed with relatives', servicesProvided: ['shelter', 'legal'] }))
        .thenProduces((events, state) => {
          expect(events).toEqual([
            {
              type: 'ReferralCompleted',
              data: {
                caseId: CASE_ID,
                referralId: REFERRAL_ID,
                outcome: 'child placed with relatives',
                servicesProvided: ['shelter', 'legal'],
                at: h(72),
              },
              metadata: referralCompleted().metadata,
            },
          ]);
          expect(fileOf(state).referrals[0]).toMatchObject({
            status: 'completed',
            completedAt: h(72),
            outcome: 'child placed with relatives',
            servicesProvided: ['shelter', 'legal'],
          });
        });
    });

    it('cannot be declined any more', () => {
      spec.given(accepted).when(declineReferral()).thenThrows(E.REFERRAL_ALREADY_ACCEPTED, 'conflict');
    });

    it('cannot be accepted again', () => {
      spec.given(accepted).when(acceptReferral()).thenThrows(E.REFERRAL_ALREADY_ACCEPTED, 'conflict');
    });

    it('cannot be acknowledged again', () => {
      spec.given(accepted).when(acknowledgeReferral()).thenThrows(E.REFERRAL_ALREADY_ACKNOWLEDGED, 'conflict');
    });
  });

  const lifecycle: CaseCommand[] = [acknowledgeReferral(), acceptReferral(), declineReferral(), completeReferral()];
  const named = (commands: CaseCommand[]) => commands.map((c) => [c.type, c] as const);

  describe.each([
    ['completed', completed],
    ['declined', declined],
  ] as [string, CaseEvent[]][])('when a referral is %s', (_, history) => {
    it.each(named(lifecycle))('refuses %s: the referral is finished', (__, command) => {
      spec.given(history).when(command).thenThrows(E.REFERRAL_FINISHED, 'conflict');
    });
  });

  describe('when the referral is not on the case', () => {
    it.each(named(lifecycle.map((c) => ({ ...c, data: { ...c.data, referralId: 'ref-unknown' } }) as CaseCommand)))(
      'refuses %s',
      (_, command) => {
        spec.given(issued).when(command).thenThrows(E.REFERRAL_NOT_FOUND, 'not_found');
      },
    );
  });
});
