// Request bodies shared by the tests that walk every route of the API.
const at = '2026-11-20T08:00:00+07:00';

/**
 * A valid body for each route that takes one, keyed `METHOD /path` as in the OpenAPI document: the fuzzer
 * (test/reliability/fuzz.e2e.spec.ts) mutates these, and the text-rule test (test/e2e/hostile-text.e2e.spec.ts)
 * poisons each of their strings.
 */
export const SAMPLES: Record<string, object> = {
  'POST /api/v1/auth/login': { username: 'worker1', password: 'sen-demo-2030' },
  'POST /api/v1/cases': {
    child: { fullName: 'Trẻ Thử Nghiệm', sex: 'male', ageYears: 9 },
    category: 'neglect',
    summary: 's',
    location: { areaCode: '29926' },
    reportedAt: at,
    source: 'walk_in',
  },
  'POST /api/v1/cases/{id}/risk-assessments': {
    level: 'low',
    verification: 'confirmed',
    factors: [],
    notes: '',
    assessedAt: at,
  },
  'POST /api/v1/cases/{id}/emergency-measures': { measure: 'other', appliedAt: at, notes: '' },
  'POST /api/v1/cases/{id}/detailed-assessment': { needs: ['x'], notes: '', at },
  'POST /api/v1/cases/{id}/consent': { givenBy: 'parent', forServices: true, forReferral: true, forReporting: true },
  'POST /api/v1/cases/{id}/assignments': { assigneeId: '00000000-0000-4000-8000-000000000000' },
  'POST /api/v1/cases/{id}/transfers': { toAreaCode: '29938', reason: 'moved' },
  'POST /api/v1/cases/{id}/escalations': { toLevel: 'province', reason: 'x' },
  'POST /api/v1/cases/{id}/support-plan': {
    goals: ['x'],
    services: [{ service: 'medical', agency: 'health', dueAt: '2026-12-30T00:00:00Z' }],
    reviewAt: '2026-12-30T00:00:00Z',
  },
  'POST /api/v1/cases/{id}/support-plan/approve': { comment: '' },
  'POST /api/v1/cases/{id}/support-plan/reject': { comment: '' },
  'POST /api/v1/cases/{id}/support': { service: 'medical', agency: 'health', providedAt: at, notes: '' },
  'POST /api/v1/cases/{id}/referrals': { toAgency: 'police', reason: 'x', urgency: 'routine' },
  'POST /api/v1/cases/{id}/child-marriage-outcome': { outcome: 'prevented', at },
  'POST /api/v1/cases/{id}/closure': { reason: 'other', notes: '' },
  'POST /api/v1/cases/{id}/reopen': { reason: 'x' },
  'POST /api/v1/referrals/{id}/decline': { reason: 'x' },
  'POST /api/v1/referrals/{id}/complete': { outcome: 'x', servicesProvided: ['legal'] },
  'POST /api/v1/indicators/{number}/figures': { year: 2025, areaCode: '29926', value: 50 },
  'POST /api/v1/admin/users': {
    username: 'fuzzed.user',
    displayName: 'x',
    password: 'a-long-passphrase-2030',
    role: 'analyst',
    areaCodes: ['82'],
  },
  'PATCH /api/v1/admin/users/{id}': { displayName: 'x' },
  'DELETE /api/v1/children/{childId}/personal-data': { reason: 'x' },
  'POST /api/v1/incidents': { type: 'flood', name: 'Lũ', areaCodes: ['29926'], startedAt: at },
  'POST /api/v1/incidents/{id}/children': {
    children: [{ fullName: 'Lò Văn Lũ', sex: 'male', ageYears: 5, areaCode: '29926' }],
  },
  'POST /api/v1/tracing-requests': {
    requester: { name: 'Người Tìm', phone: '0900000000', relation: 'father' },
    sought: { fullName: 'Lò Văn Lạc', lastSeenAreaCode: '29926' },
  },
  'POST /api/v1/tracing-requests/{id}/reunite': {},
};
