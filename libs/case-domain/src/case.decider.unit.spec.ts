import { type CaseCommand, ErrorCodes as E } from '@sen/case-domain';
import {
  AREA,
  CASE_ID,
  CHILD_ID,
  REPORTED_AT,
  SUPERVISOR,
  WORKER,
  acknowledgeReferral,
  approveSupportPlan,
  applyEmergencyMeasure,
  assessRisk,
  assignCase,
  caseClosed,
  caseOpened,
  caseReopened,
  caseSpec,
  closeCase,
  completeDetailedAssessment,
  detailedAssessmentCompleted,
  erasePersonalData,
  escalateCase,
  fileOf,
  h,
  issueReferral,
  markReferralOverdue,
  openCase,
  proposeSupportPlan,
  recordConsent,
  reopenCase,
  riskAssessed,
  supportPlanApproved,
  supportPlanProposed,
} from '@sen/testing';

const spec = caseSpec();

/** Opens a case for a child with this date of birth (and no age), reported at `reportedAt`. */
function openFor(dateOfBirth: string, reportedAt = REPORTED_AT) {
  return openCase(
    { child: { fullName: 'Lê Văn Minh', sex: 'male', dateOfBirth }, reportedAt },
    { at: reportedAt > h(0.5) ? reportedAt : h(0.5) },
  );
}

function openAged(ageYears: number) {
  return openCase({ child: { fullName: 'Lê Văn Minh', sex: 'male', ageYears } });
}

describe('Case', () => {
  describe('when it does not exist yet', () => {
    it('opens it at commune level with its deadlines and the age at report', () => {
      spec
        .given([])
        .when(openCase())
        .then([
          {
            type: 'CaseOpened',
            data: {
              caseId: CASE_ID,
              childId: CHILD_ID,
              child: { fullName: 'Nguyễn Thị Lan', sex: 'female', dateOfBirth: '2015-06-01', ageYears: 10 },
              category: 'physical_violence',
              summary: 'bruises seen at school',
              location: { areaCode: AREA },
              reportedAt: REPORTED_AT,
              source: 'hotline_111',
              reporter: { name: 'Trần Văn Bình', phone: '0912345678', relation: 'neighbour' },
              level: 'commune',
              // 12 hours after the report; the end of Monday 9 March in Vietnam, 5 working days after Monday 2 March.
              deadlines: { firstResponseBy: '2026-03-02T14:00:00.000Z', planBy: '2026-03-09T16:59:59.999Z' },
            },
            metadata: {
              actorId: WORKER,
              actorRole: 'social_worker',
              correlationId: 'corr-1',
              causationId: 'cause-1',
              occurredAt: '2026-03-02T02:30:00.000Z',
              childId: CHILD_ID,
            },
          },
        ]);
    });

    it('gives a child marriage case no first response deadline', () => {
      spec
        .given([])
        .when(openCase({ category: 'child_marriage' }))
        .thenProduces(([opened]) => {
          expect(opened).toMatchObject({
            type: 'CaseOpened',
            data: { deadlines: { firstResponseBy: null, planBy: '2026-03-09T16:59:59.999Z' } },
          });
        });
    });

    it('keeps the incident of a disaster and leaves out a reporter nobody gave', () => {
      spec
        .given([])
        .when(openCase({ reporter: undefined, category: 'disaster', source: 'community', incidentId: 'flood-2026-1' }))
        .thenProduces(([opened]) => {
          expect(opened?.data).toMatchObject({ category: 'disaster', source: 'community', incidentId: 'flood-2026-1' });
          expect(opened?.data).not.toHaveProperty('reporter');
        });
    });

    it('is open and assigned to the social worker who opened it', () => {
      spec
        .given([])
        .when(openCase())
        .thenProduces((_, state) => {
          expect(state.status).toBe('open');
          expect(fileOf(state)).toMatchObject({
            caseId: CASE_ID,
            assigneeId: WORKER,
            openedBy: WORKER,
            openedAt: h(0.5),
            level: 'commune',
            areaCode: AREA,
            risk: null,
            firstResponseAt: null,
            referrals: [],
          });
        });
    });

    it('is unassigned when a supervisor opened it', () => {
      spec
        .given([])
        .when(openCase({}, { actorId: SUPERVISOR, actorRole: 'supervisor' }))
        .thenProduces((_, state) => expect(fileOf(state).assigneeId).toBeNull());
    });

    it('accepts a report time up to 5 minutes ahead of the clock (phones drift)', () => {
      spec
        .given([])
        .when(openCase({ reportedAt: '2026-03-02T02:05:00.000Z' }, { at: REPORTED_AT }))
        .thenProduces(([opened]) => expect(opened?.data).toMatchObject({ reportedAt: '2026-03-02T02:05:00.000Z' }));
    });

    it('refuses a report time more than 5 minutes ahead of the clock', () => {
      spec
        .given([])
        .when(openCase({ reportedAt: '2026-03-02T02:05:00.001Z' }, { at: REPORTED_AT }))
        .thenThrows(E.TIME_IN_FUTURE, 'unprocessable');
    });

    describe('the child', () => {
      it('is accepted the day before the 16th birthday', () => {
        spec
          .given([])
          .when(openFor('2010-03-03'))
          .thenProduces(([opened]) => expect(opened?.data).toMatchObject({ child: { ageYears: 15 } }));
      });

      it('is refused on the 16th birthday', () => {
        spec.given([]).when(openFor('2010-03-02')).thenThrows(E.CHILD_NOT_A_CHILD, 'unprocessable');
      });

      it('is refused the day after the 16th birthday', () => {
        spec.given([]).when(openFor('2010-03-01')).thenThrows(E.CHILD_NOT_A_CHILD, 'unprocessable');
      });

      it('turns 16 by the date in Vietnam, not in UTC', () => {
        // 00:30 on 2 March in Vietnam is still 1 March in UTC.
        spec
          .given([])
          .when(openFor('2010-03-02', '2026-03-01T17:30:00.000Z'))
          .thenThrows(E.CHILD_NOT_A_CHILD, 'unprocessable');
      });

      it('is still 15 late in the evening before the birthday in Vietnam', () => {
        // 23:30 on 1 March in Vietnam.
        spec
          .given([])
          .when(openFor('2010-03-02', '2026-03-01T16:30:00.000Z'))
          .thenProduces(([opened]) => expect(opened?.data).toMatchObject({ child: { ageYears: 15 } }));
      });

      it('is accepted as a newborn', () => {
        spec
          .given([])
          .when(openFor('2026-03-02'))
          .thenProduces(([opened]) => expect(opened?.data).toMatchObject({ child: { ageYears: 0 } }));
      });

      it('is refused when born after the report', () => {
        spec.given([]).when(openFor('2026-03-03')).thenThrows(E.CHILD_NOT_A_CHILD, 'unprocessable');
      });

      it('is accepted by age alone when under 16', () => {
        spec
          .given([])
          .when(openAged(15))
          .thenProduces(([opened]) =>
            expect(opened?.data).toMatchObject({ child: { fullName: 'Lê Văn Minh', sex: 'male', ageYears: 15 } }),
          );
      });

      it.each([16, 17, -1])('is refused at age %i', (age) => {
        spec.given([]).when(openAged(age)).thenThrows(E.CHILD_NOT_A_CHILD, 'unprocessable');
      });

      it.each(['02/03/2010', 'unknown'])('is refused when the date of birth %s is not YYYY-MM-DD', (dateOfBirth) => {
        // Without the rule, an age of NaN passed both comparisons and an adult could be taken for a child.
        spec.given([]).when(openFor(dateOfBirth)).thenThrows(E.CHILD_NOT_A_CHILD, 'unprocessable');
      });

      it('is refused when the age is not a number', () => {
        spec.given([]).when(openAged(Number.NaN)).thenThrows(E.CHILD_NOT_A_CHILD, 'unprocessable');
      });

      it('is refused with neither a date of birth nor an age', () => {
        spec
          .given([])
          .when(openCase({ child: { fullName: 'Lê Văn Minh', sex: 'male' } }))
          .thenThrows(E.CHILD_NOT_A_CHILD, 'unprocessable');
      });

      it('is judged by the date of birth when an age is also given', () => {
        spec
          .given([])
          .when(openCase({ child: { fullName: 'Lê Văn Minh', sex: 'male', dateOfBirth: '2009-01-01', ageYears: 12 } }))
          .thenThrows(E.CHILD_NOT_A_CHILD, 'unprocessable');
      });
    });

    const commandsOnACase: CaseCommand[] = [
      assessRisk(),
      applyEmergencyMeasure(),
      assignCase(),
      recordConsent(),
      completeDetailedAssessment(),
      escalateCase(),
      proposeSupportPlan(),
      issueReferral(),
      acknowledgeReferral(),
      markReferralOverdue(),
      closeCase(),
      reopenCase(),
      erasePersonalData(),
    ];

    it.each(commandsOnACase.map((c) => [c.type, c] as const))('refuses %s: there is no such case', (_, command) => {
      spec.given([]).when(command).thenThrows(E.CASE_NOT_FOUND, 'not_found');
    });
  });

  describe('when it exists', () => {
    it('refuses to open it again', () => {
      spec.given([caseOpened()]).when(openCase()).thenThrows(E.CASE_ALREADY_EXISTS, 'conflict');
    });

    it('refuses to open it again once closed', () => {
      spec.given([caseOpened(), caseClosed()]).when(openCase()).thenThrows(E.CASE_ALREADY_EXISTS, 'conflict');
    });
  });

  describe('through its life', () => {
    it('goes from open to assessed with the risk assessment', () => {
      spec
        .given([caseOpened()])
        .when(assessRisk())
        .thenProduces((_, state) => expect(state.status).toBe('assessed'));
    });

    it('goes from assessed to in_support when a plan is approved', () => {
      spec
        .given([caseOpened(), riskAssessed(), detailedAssessmentCompleted(), supportPlanProposed()])
        .when(approveSupportPlan())
        .thenProduces((_, state) => expect(state.status).toBe('in_support'));
    });

    it('stays assessed when the risk is assessed again', () => {
      spec
        .given([caseOpened(), riskAssessed()])
        .when(assessRisk({ level: 'high' }, { at: h(8) }))
        .thenProduces((_, state) => {
          expect(state.status).toBe('assessed');
          expect(fileOf(state).risk).toMatchObject({ level: 'high' });
        });
    });

    it('stays in_support when the risk is assessed again', () => {
      spec
        .given([
          caseOpened(),
          riskAssessed(),
          detailedAssessmentCompleted(),
          supportPlanProposed(),
          supportPlanApproved(),
        ])
        .when(assessRisk({ level: 'low', assessedAt: h(100) }, { at: h(100) }))
        .thenProduces((_, state) => expect(state.status).toBe('in_support'));
    });

    it.each([
      ['open', [caseOpened()]],
      ['assessed', [caseOpened(), riskAssessed()]],
      [
        'in_support',
        [caseOpened(), riskAssessed(), detailedAssessmentCompleted(), supportPlanProposed(), supportPlanApproved()],
      ],
    ] as const)('closes from %s and, reopened, returns to it', (status, history) => {
      spec
        .given([...history])
        .when(closeCase())
        .thenProduces((events, closed) => {
          expect(events).toEqual([caseClosed()]);
          expect(closed).toMatchObject({ status: 'closed', previous: status, reason: 'child_safe', closedAt: h(720) });
        });
      spec
        .given([...history, caseClosed()])
        .when(reopenCase())
        .thenProduces((events, reopened) => {
          expect(events).toEqual([caseReopened()]);
          expect(reopened.status).toBe(status);
          expect(fileOf(reopened).reopenings).toEqual([{ reason: 'new report of violence', at: h(744) }]);
        });
    });
  });
});
