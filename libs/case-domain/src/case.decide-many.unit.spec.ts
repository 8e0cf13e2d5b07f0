import { ErrorCodes as E, decide, decideMany, evolve, initialState } from '@sen/case-domain';
import { assessRisk, h, issueReferral, openCase, recordConsent, testCalendar, testPolicy } from '@sen/testing';

const ctx = { policy: testPolicy, calendar: testCalendar };

describe('decideMany', () => {
  it('decides each command on the state the earlier ones left, as one decide after another would', () => {
    const commands = [openCase(), assessRisk(), recordConsent(), issueReferral()];
    const { events, state } = decideMany(commands, initialState(), ctx);
    let expected = initialState();
    const one = commands.flatMap((c) => {
      const produced = decide(c, expected, ctx);
      expected = produced.reduce(evolve, expected);
      return produced;
    });
    expect(events).toEqual(one);
    expect(events.map((e) => e.type)).toEqual(['CaseOpened', 'RiskAssessed', 'ConsentRecorded', 'ReferralIssued']);
    expect(state).toEqual(expected);
  });

  it('throws the first refusal: a referral before consent, in the same batch as the opening', () => {
    expect(() =>
      decideMany([openCase(), issueReferral({ urgency: 'routine' }, { at: h(1) })], initialState(), ctx),
    ).toThrow(expect.objectContaining({ code: E.CONSENT_REQUIRED }));
  });
});
