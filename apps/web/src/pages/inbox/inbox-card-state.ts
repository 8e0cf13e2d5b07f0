// What one card of the agency inbox shows: its open form (decline or complete) and the buttons offered. The list is
// read from a projection that catches up a moment after a write, so a card remembers what this officer has just
// done until the list says so; otherwise the form stayed open after "Báo hoàn thành" (or the button came back) and a
// second click was refused with "this referral has ended" (issue 19, point 4).
import type { ReferralAction } from '../../api/sen';
import type { ReferralStatus } from '../../domain/vocabulary';

export type CardForm = 'decline' | 'complete' | null;

export interface CardState {
  form: CardForm;
  /** The status the referral has after this officer's last successful action, while the list lags behind. */
  done: ReferralStatus | null;
}

export type CardEvent =
  | { type: 'open'; form: 'decline' | 'complete' }
  | { type: 'cancel' }
  /** The API accepted the action. */
  | { type: 'succeeded'; action: ReferralAction }
  /** The API refused it because the referral has ended already (completed or declined by someone, or a retry). */
  | { type: 'ended' };

export const initialCard: CardState = { form: null, done: null };

const AFTER: Record<ReferralAction, ReferralStatus> = {
  acknowledge: 'acknowledged',
  accept: 'accepted',
  complete: 'completed',
  decline: 'declined',
};

export function cardReducer(state: CardState, event: CardEvent): CardState {
  switch (event.type) {
    case 'open':
      return { ...state, form: event.form };
    case 'cancel':
      return { ...state, form: null };
    case 'succeeded':
      return { form: null, done: AFTER[event.action] };
    case 'ended':
      return { ...state, form: null };
  }
}

const ORDER: ReferralStatus[] = ['issued', 'acknowledged', 'accepted', 'completed'];
const rank = (s: ReferralStatus): number => (s === 'declined' ? ORDER.length : ORDER.indexOf(s));

/** The status to show: the list's, unless this officer has just moved the referral further. */
export function shownStatus(listed: ReferralStatus, state: CardState): ReferralStatus {
  return state.done && rank(state.done) > rank(listed) ? state.done : listed;
}

export type CardButton = 'acknowledge' | 'accept' | 'complete' | 'decline';

/** The actions offered for a status (none while a form is open, none once the referral has ended). */
export function cardButtons(listed: ReferralStatus, state: CardState): CardButton[] {
  if (state.form) return [];
  const status = shownStatus(listed, state);
  const out: CardButton[] = [];
  if (status === 'issued') out.push('acknowledge');
  if (status === 'acknowledged') out.push('accept');
  if (status === 'accepted') out.push('complete');
  if (status === 'issued' || status === 'acknowledged') out.push('decline');
  return out;
}
