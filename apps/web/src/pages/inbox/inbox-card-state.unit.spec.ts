// The inbox card after "Báo hoàn thành" (issue 19, point 4): the form closes on success and the button does not come
// back while the list still shows the referral as accepted (the projection catches up a moment later).
import { cardButtons, cardReducer, initialCard, shownStatus, type CardEvent, type CardState } from './inbox-card-state';

const run = (events: CardEvent[], from: CardState = initialCard): CardState => events.reduce(cardReducer, from);

describe('inbox card', () => {
  it('offers the actions of each status, and none while a form is open', () => {
    expect(cardButtons('issued', initialCard)).toEqual(['acknowledge', 'decline']);
    expect(cardButtons('acknowledged', initialCard)).toEqual(['accept', 'decline']);
    expect(cardButtons('accepted', initialCard)).toEqual(['complete']);
    expect(cardButtons('completed', initialCard)).toEqual([]);
    expect(cardButtons('declined', initialCard)).toEqual([]);
    expect(cardButtons('accepted', run([{ type: 'open', form: 'complete' }]))).toEqual([]);
  });

  it('closes the completion form once the API has accepted it, and offers nothing more', () => {
    const s = run([
      { type: 'open', form: 'complete' },
      { type: 'succeeded', action: 'complete' },
    ]);
    expect(s.form).toBeNull();
    // The list read just after the write still says "accepted": the card shows what was done, with no button.
    expect(shownStatus('accepted', s)).toBe('completed');
    expect(cardButtons('accepted', s)).toEqual([]);
    expect(cardButtons('completed', s)).toEqual([]);
  });

  it('closes the decline form on success', () => {
    const s = run([
      { type: 'open', form: 'decline' },
      { type: 'succeeded', action: 'decline' },
    ]);
    expect(s.form).toBeNull();
    expect(cardButtons('issued', s)).toEqual([]);
    expect(shownStatus('issued', s)).toBe('declined');
  });

  it('closes the form when the API says the referral has ended already', () => {
    const s = run([{ type: 'open', form: 'complete' }, { type: 'ended' }]);
    expect(s.form).toBeNull();
  });

  it('keeps the form open after cancel only until asked again; cancel closes it', () => {
    expect(run([{ type: 'open', form: 'complete' }]).form).toBe('complete');
    expect(run([{ type: 'open', form: 'complete' }, { type: 'cancel' }]).form).toBeNull();
  });

  it('moves on after a quick action while the list lags, and follows the list once it is ahead', () => {
    const s = run([{ type: 'succeeded', action: 'acknowledge' }]);
    expect(cardButtons('issued', s)).toEqual(['accept', 'decline']);
    expect(shownStatus('accepted', s)).toBe('accepted');
    expect(cardButtons('accepted', s)).toEqual(['complete']);
  });
});
