// The support and intervention plan (form 04), its approval (form 05), and support provided.
import { ErrorCodes as E } from '@sen/case-domain';
import {
  CASE_ID,
  PLAN_ID,
  REFERRAL_ID,
  SUPERVISOR,
  WORKER,
  approveSupportPlan,
  asSupervisor,
  caseOpened,
  caseSpec,
  consentRecorded,
  emergencyMeasureApplied,
  fileOf,
  h,
  proposeSupportPlan,
  provideSupport,
  readyForPlan,
  referralIssued,
  rejectSupportPlan,
  riskAssessed,
  supportPlanApproved,
  supportPlanProposed,
  supportPlanRejected,
  supportProvided,
} from '@sen/testing';

const spec = caseSpec();
const OTHER_SUPERVISOR = 'supervisor-2';

describe('Case', () => {
  describe('when ready for a plan', () => {
    it('takes a proposed plan, not yet in force', () => {
      spec
        .given(readyForPlan())
        .when(proposeSupportPlan())
        .thenProduces((events, state) => {
          expect(events).toEqual([supportPlanProposed()]);
          expect(state.status).toBe('assessed');
          expect(fileOf(state)).toMatchObject({
            latestPlan: { planId: PLAN_ID, status: 'proposed', proposedBy: WORKER, proposedAt: h(48) },
            approvedPlan: null,
            planProposedAt: h(48),
          });
        });
    });

    it('refuses a plan with a service due before the proposal', () => {
      spec
        .given(readyForPlan())
        .when(proposeSupportPlan({ services: [{ service: 'medical', agency: 'health', dueAt: h(47) }] }))
        .thenThrows(E.PLAN_SERVICE_DUE_BEFORE_PROPOSAL, 'unprocessable');
    });

    it('accepts a plan with a service due the moment it is proposed', () => {
      spec
        .given(readyForPlan())
        .when(proposeSupportPlan({ services: [{ service: 'medical', agency: 'health', dueAt: h(48) }] }))
        .thenProduces((events) => expect(events).toHaveLength(1));
    });
  });

  describe('when not assessed in detail', () => {
    it('refuses a plan on a case only assessed for risk', () => {
      spec
        .given([caseOpened(), riskAssessed()])
        .when(proposeSupportPlan())
        .thenThrows(E.DETAILED_ASSESSMENT_REQUIRED, 'unprocessable');
    });

    it('refuses a plan on a case just opened', () => {
      spec.given([caseOpened()]).when(proposeSupportPlan()).thenThrows(E.DETAILED_ASSESSMENT_REQUIRED, 'unprocessable');
    });
  });

  describe('when a plan is proposed', () => {
    const proposed = [...readyForPlan(), supportPlanProposed()];

    it('puts the plan in force when a supervisor approves it', () => {
      spec
        .given(proposed)
        .when(approveSupportPlan({ comment: 'go ahead' }))
        .thenProduces((events, state) => {
          expect(events).toEqual([
            {
              type: 'SupportPlanApproved',
              data: { caseId: CASE_ID, planId: PLAN_ID, approverId: SUPERVISOR, comment: 'go ahead' },
              metadata: supportPlanApproved().metadata,
            },
          ]);
          expect(state.status).toBe('in_support');
          expect(fileOf(state).approvedPlan).toMatchObject({
            planId: PLAN_ID,
            status: 'approved',
            decidedBy: SUPERVISOR,
            decidedAt: h(50),
            comment: 'go ahead',
          });
        });
    });

    it('sends the plan back when a supervisor rejects it', () => {
      spec
        .given(proposed)
        .when(rejectSupportPlan({ comment: 'add a school visit' }))
        .thenProduces((events, state) => {
          expect(events).toEqual([
            {
              type: 'SupportPlanRejected',
              data: { caseId: CASE_ID, planId: PLAN_ID, approverId: SUPERVISOR, comment: 'add a school visit' },
              metadata: supportPlanRejected().metadata,
            },
          ]);
          expect(state.status).toBe('assessed');
          expect(fileOf(state)).toMatchObject({
            approvedPlan: null,
            latestPlan: { status: 'rejected', decidedBy: SUPERVISOR },
          });
        });
    });

    it('refuses approval by whoever proposed the plan', () => {
      spec
        .given(proposed)
        .when(approveSupportPlan({}, { actorId: WORKER }))
        .thenThrows(E.PLAN_SELF_APPROVAL, 'unprocessable');
    });

    it('refuses rejection by whoever proposed the plan', () => {
      spec
        .given(proposed)
        .when(rejectSupportPlan({}, { actorId: WORKER }))
        .thenThrows(E.PLAN_SELF_APPROVAL, 'unprocessable');
    });

    it('refuses approval by a supervisor of the plan the same supervisor proposed', () => {
      spec
        .given([...readyForPlan(), supportPlanProposed({}, asSupervisor)])
        .when(approveSupportPlan())
        .thenThrows(E.PLAN_SELF_APPROVAL, 'unprocessable');
    });

    it("lets another supervisor approve a supervisor's plan", () => {
      spec
        .given([...readyForPlan(), supportPlanProposed({}, asSupervisor)])
        .when(approveSupportPlan({}, { actorId: OTHER_SUPERVISOR }))
        .then([supportPlanApproved({ approverId: OTHER_SUPERVISOR }, { actorId: OTHER_SUPERVISOR })]);
    });

    it('keeps the first proposal time when the plan is proposed again', () => {
      spec
        .given(proposed)
        .when(proposeSupportPlan({ planId: 'plan-2' }, { at: h(49) }))
        .thenProduces((_, state) =>
          expect(fileOf(state)).toMatchObject({
            planProposedAt: h(48),
            latestPlan: { planId: 'plan-2', proposedAt: h(49) },
          }),
        );
    });
  });

  describe('when no plan awaits a decision', () => {
    it('refuses approval before any proposal', () => {
      spec.given(readyForPlan()).when(approveSupportPlan()).thenThrows(E.PLAN_NOT_PROPOSED, 'conflict');
    });

    it('refuses rejection before any proposal', () => {
      spec.given(readyForPlan()).when(rejectSupportPlan()).thenThrows(E.PLAN_NOT_PROPOSED, 'conflict');
    });

    it('refuses approving the approved plan again', () => {
      spec
        .given([...readyForPlan(), supportPlanProposed(), supportPlanApproved()])
        .when(approveSupportPlan({}, { at: h(51) }))
        .thenThrows(E.PLAN_NOT_PROPOSED, 'conflict');
    });

    it('refuses approving a rejected plan', () => {
      spec
        .given([...readyForPlan(), supportPlanProposed(), supportPlanRejected()])
        .when(approveSupportPlan({}, { at: h(51) }))
        .thenThrows(E.PLAN_NOT_PROPOSED, 'conflict');
    });

    it('takes a new proposal after a rejection, and approves it', () => {
      const history = [...readyForPlan(), supportPlanProposed(), supportPlanRejected()];
      spec
        .given(history)
        .when(proposeSupportPlan({ planId: 'plan-2' }, { at: h(52) }))
        .then([supportPlanProposed({ planId: 'plan-2' }, { at: h(52) })]);
      spec
        .given([...history, supportPlanProposed({ planId: 'plan-2' }, { at: h(52) })])
        .when(approveSupportPlan({}, { at: h(53) }))
        .thenProduces((events, state) => {
          expect(events).toEqual([supportPlanApproved({ planId: 'plan-2' }, { at: h(53) })]);
          expect(state.status).toBe('in_support');
        });
    });
  });

  describe('when a plan is in force', () => {
    const inForce = [...readyForPlan(), supportPlanProposed(), supportPlanApproved()];

    it('keeps it in force while a revised plan awaits approval', () => {
      spec
        .given(inForce)
        .when(proposeSupportPlan({ planId: 'plan-2' }, { at: h(100) }))
        .thenProduces((_, state) => {
          expect(state.status).toBe('in_support');
          expect(fileOf(state)).toMatchObject({
            approvedPlan: { planId: PLAN_ID, status: 'approved' },
            latestPlan: { planId: 'plan-2', status: 'proposed' },
          });
        });
    });

    it('records support provided under it', () => {
      spec
        .given(inForce)
        .when(
          provideSupport(
            { service: 'education', agency: 'education', providedAt: h(90), notes: 'school fees paid' },
            { at: h(91) },
          ),
        )
        .thenProduces((events, state) => {
          expect(events).toEqual([
            {
              type: 'SupportProvided',
              data: {
                caseId: CASE_ID,
                service: 'education',
                agency: 'education',
                providedAt: h(90),
                notes: 'school fees paid',
              },
              metadata: supportProvided({}, { at: h(91) }).metadata,
            },
          ]);
          expect(fileOf(state).support).toEqual([
            { service: 'education', agency: 'education', providedAt: h(90), notes: 'school fees paid' },
          ]);
        });
    });

    it('links support to the referral it answers', () => {
      spec
        .given([...inForce, consentRecorded(), referralIssued({}, { at: h(60) })])
        .when(provideSupport({ agency: 'police', service: 'legal', referralId: REFERRAL_ID }))
        .then([supportProvided({ agency: 'police', service: 'legal', referralId: REFERRAL_ID })]);
    });

    it('refuses support linked to a referral that is not on the case', () => {
      spec
        .given(inForce)
        .when(provideSupport({ referralId: 'ref-unknown' }))
        .thenThrows(E.REFERRAL_NOT_FOUND, 'not_found');
    });
  });

  describe('when assessed critical', () => {
    const critical = readyForPlan('critical');

    it('refuses a plan before any emergency response', () => {
      spec.given(critical).when(proposeSupportPlan()).thenThrows(E.EMERGENCY_RESPONSE_REQUIRED, 'unprocessable');
    });

    it('takes a plan once an emergency measure is applied', () => {
      spec
        .given([...critical, emergencyMeasureApplied()])
        .when(proposeSupportPlan())
        .then([supportPlanProposed()]);
    });

    it('takes a plan once an emergency referral is issued', () => {
      spec
        .given([...critical, referralIssued({ urgency: 'emergency', consentWaivedReason: 'child in danger' })])
        .when(proposeSupportPlan())
        .then([supportPlanProposed()]);
    });

    it('still refuses a plan after a referral that is only urgent', () => {
      spec
        .given([...critical, consentRecorded(), referralIssued({ urgency: 'urgent' })])
        .when(proposeSupportPlan())
        .thenThrows(E.EMERGENCY_RESPONSE_REQUIRED, 'unprocessable');
    });

    it('still refuses a plan after support that is not an emergency measure', () => {
      spec
        .given([...critical, supportProvided({ providedAt: h(20) }, { at: h(20) })])
        .when(proposeSupportPlan())
        .thenThrows(E.EMERGENCY_RESPONSE_REQUIRED, 'unprocessable');
    });

    it('refuses to approve a plan proposed before the risk became critical', () => {
      spec
        .given([
          ...readyForPlan(),
          supportPlanProposed(),
          riskAssessed({ level: 'critical', assessedAt: h(49) }, { at: h(49) }),
        ])
        .when(approveSupportPlan())
        .thenThrows(E.EMERGENCY_RESPONSE_REQUIRED, 'unprocessable');
    });

    it('approves that plan once an emergency measure is applied', () => {
      spec
        .given([
          ...readyForPlan(),
          supportPlanProposed(),
          riskAssessed({ level: 'critical', assessedAt: h(49) }, { at: h(49) }),
          emergencyMeasureApplied({ appliedAt: h(49.5) }, { at: h(49.5) }),
        ])
        .when(approveSupportPlan())
        .then([supportPlanApproved()]);
    });

    it('can still send such a plan back', () => {
      spec
        .given([
          ...readyForPlan(),
          supportPlanProposed(),
          riskAssessed({ level: 'critical', assessedAt: h(49) }, { at: h(49) }),
        ])
        .when(rejectSupportPlan())
        .then([supportPlanRejected()]);
    });

    it('takes a plan once the risk is assessed again below critical', () => {
      spec
        .given([...critical, riskAssessed({ level: 'high', assessedAt: h(30) }, { at: h(30) })])
        .when(proposeSupportPlan())
        .then([supportPlanProposed()]);
    });
  });
});
