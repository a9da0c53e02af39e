// The customer: sign in (or sign up with a card and a friend), set pickup and destination, call,
// follow the taxi live, cancel (the fee shown first), the receipt and the review; past trips and insights.
import { api, follow, ProblemError, type Money, type Place, type Position } from '../api';
import { attempt, field, h, replace, rerender, value } from '../dom';
import { choose, chosenHere, language, money, t, time, type Language } from '../i18n';
import { taxiMap } from '../map';
import { knownPlaces } from '../places';
import { claimsOf, keep, signOut, tokenOf } from '../session';
import { signInForm } from './signin';

export interface TripView {
  callId: string; memberId: string; status: string; pickup: Place; dropoff: Place; fareEstimate?: Money;
  taxi?: { taxiId: string; taxiNumber: string; driverName: string; rating?: number; etaSeconds?: number };
  location?: Position; fare?: Money; fee?: Money;
  fareParts?: { base: number; distance: number; time: number; night: number; rounding: number; promotion: number;
    fees: number; total: number; currency: string };
  payment?: { status: string; amount?: number; currency?: string; cardLast4?: string };
  review?: { rating: number; comment?: string };
  timeline: { type: string; time: string; line?: string }[];
  requestedAt?: string;
}

interface Member { memberId: string; name: string; phoneMasked: string; cardLast4?: string; language?: string }
interface Quote { callId: string; status: string; feeNow?: Money; freeUntil?: string; feeAfterGrace?: Money }

const ACTIVE = ['REQUESTED', 'ASSIGNED', 'STARTED', 'ENDED', 'PAYMENT_FAILED'];

export function customerPage(root: HTMLElement, callId?: string): () => void {
  const token = tokenOf('customer');
  if (!token) {
    replace(root, signInForm(t('customer'), signedIn => {
      keep('customer', signedIn);
      rerender();
    }));
    return () => {};
  }
  const claims = claimsOf(token);
  if (claims.roles.includes('signup')) {
    replace(root, signUpForm(token, claims.phone ?? ''));
    return () => {};
  }
  const memberId = claims.member_id ?? claims.sub;
  return callId ? tripPage(root, token, callId) : homePage(root, token, memberId);
}

function signUpForm(token: string, phone: string): HTMLElement {
  const status = h('p', { class: 'status', 'aria-live': 'polite' });
  const form: HTMLFormElement = h('form', { class: 'card', 'aria-label': t('signUpTitle') },
    field(t('name'), 'name', { required: true, autocomplete: 'name' }),
    field(t('phone'), 'phone', { type: 'tel', value: phone, readonly: true }),
    field(t('friendPhone'), 'friendPhone', { type: 'tel', required: true }),
    h('label', { class: 'field' }, h('span', {}, t('language')),
      h('select', { name: 'language' }, h('option', { value: 'ko' }, '한국어'), h('option', { value: 'en' }, 'English'))),
    field(t('cardNumber'), 'number', { inputmode: 'numeric', autocomplete: 'cc-number', required: true }),
    h('div', { class: 'row' },
      field(t('expMonth'), 'expMonth', { type: 'number', min: '1', max: '12', required: true, autocomplete: 'cc-exp-month' }),
      field(t('expYear'), 'expYear', { type: 'number', min: '2025', max: '2100', required: true, autocomplete: 'cc-exp-year' }),
      field(t('cvc'), 'cvc', { inputmode: 'numeric', required: true, autocomplete: 'cc-csc' })),
    h('button', { type: 'submit' }, t('signUp')));
  (form.elements.namedItem('language') as HTMLSelectElement).value = document.documentElement.lang === 'ko' ? 'ko' : 'en';
  form.addEventListener('submit', event => {
    event.preventDefault();
    void attempt(status, async () => {
      const language = (form.elements.namedItem('language') as HTMLSelectElement).value as Language;
      const member = await api<{ access_token: string }>('/members', { token, body: {
        name: value(form, 'name'), phone, friendPhone: value(form, 'friendPhone'), language,
        card: { number: value(form, 'number'), expMonth: Number(value(form, 'expMonth')),
          expYear: Number(value(form, 'expYear')), cvc: value(form, 'cvc') },
      } });
      choose(language);
      keep('customer', member.access_token);
      rerender();
    });
  });
  return h('section', {}, h('h2', {}, t('signUpTitle')), form, status);
}

function homePage(root: HTMLElement, token: string, memberId: string): () => void {
  const status = h('p', { class: 'status', 'aria-live': 'polite' });
  const chosen: Record<'pickup' | 'dropoff', Place | null> = { pickup: null, dropoff: null };
  let setting: 'pickup' | 'dropoff' = 'pickup';
  const mapBox = h('div', { class: 'map', id: 'customer-map', role: 'region', 'aria-label': t('tapToSet', { what: t('pickup') }) });
  const hint = h('p', { class: 'hint' });
  const estimate = h('p', { id: 'estimate-before', 'aria-live': 'polite' });
  const callButton = h('button', { type: 'button', disabled: true }, t('callTaxi')) as HTMLButtonElement;
  const pickers = (['pickup', 'dropoff'] as const).map(what => {
    const select = h('select', { name: what, 'aria-label': `${t(what)}: ${t('choosePlace')}` },
      h('option', { value: '' }, `${t(what)}: ${t('choosePlace')}`),
      knownPlaces.map((place, index) => h('option', { value: String(index) }, place.address ?? '')));
    select.addEventListener('change', () => {
      const place = select.value === '' ? null : knownPlaces[Number(select.value)];
      set(what, place);
    });
    const onMap = h('button', { type: 'button', class: 'secondary', 'aria-pressed': String(what === setting) },
      t('onMap', { what: t(what) }));
    onMap.addEventListener('click', () => {
      setting = what;
      pickerRow.querySelectorAll('button[aria-pressed]').forEach(b => b.setAttribute('aria-pressed', 'false'));
      onMap.setAttribute('aria-pressed', 'true');
      showHint();
    });
    return h('div', { class: 'row picker' }, select, onMap);
  });
  const pickerRow = h('div', { class: 'pickers' }, pickers);
  const map = taxiMap(mapBox, (lat, lng) => {
    set(setting, { lat: round(lat), lng: round(lng), address: `${t(setting)} (${lat.toFixed(4)}, ${lng.toFixed(4)})` });
    setting = setting === 'pickup' ? 'dropoff' : 'pickup';
    showHint();
  });
  function set(what: 'pickup' | 'dropoff', place: Place | null) {
    chosen[what] = place;
    map.place(what, place);
    map.fit();
    callButton.disabled = !(chosen.pickup && chosen.dropoff);
    showHint();
    estimate.textContent = '';
    const { pickup, dropoff } = chosen;
    if (pickup && dropoff) {
      void api<Money>(`/fares/estimate?pickupLat=${pickup.lat}&pickupLng=${pickup.lng}&dropoffLat=${dropoff.lat}`
        + `&dropoffLng=${dropoff.lng}`, { token }).then(fare => {
        if (chosen.pickup === pickup && chosen.dropoff === dropoff) {
          estimate.textContent = `${t('fareEstimate')}: ${money(fare)}`;
        }
      }).catch(() => {});
    }
  }
  function showHint() {
    hint.textContent = `${t('setOnMap', { what: t(setting) })} · ${chosen.pickup?.address ?? '—'} → ${chosen.dropoff?.address ?? '—'}`;
  }
  showHint();
  callButton.addEventListener('click', () => void attempt(status, async () => {
    const call = await api<{ callId: string }>('/calls', { token, body: { pickup: chosen.pickup, dropoff: chosen.dropoff } });
    location.hash = `#/trips/${call.callId}`;
  }));
  const trips = h('section', { 'aria-labelledby': 'my-trips' }, h('h2', { id: 'my-trips' }, t('myTrips')));
  const insights = h('section', { 'aria-labelledby': 'my-insights' }, h('h2', { id: 'my-insights' }, t('insights')));
  replace(root,
    h('section', { class: 'call' }, h('h2', {}, t('callTaxi')), pickerRow, mapBox, hint, estimate, callButton, status),
    trips, insights,
    h('button', { type: 'button', class: 'link', onclick: () => { signOut('customer'); rerender(); } }, t('signOut')));
  setTimeout(() => map.map.invalidateSize(), 0);
  // the member's language, unless this browser was switched to another by hand
  void api<Member>(`/members/${memberId}`, { token }).then(member => {
    if ((member.language === 'ko' || member.language === 'en') && !chosenHere() && language() !== member.language) {
      choose(member.language);
      rerender();
    }
  }).catch(() => {});
  void api<TripView[]>(`/members/${memberId}/trips?size=10`, { token }).then(list => {
    const active = list.find(trip => ACTIVE.includes(trip.status));
    trips.append(list.length === 0 ? h('p', {}, t('none')) : h('ul', { class: 'trips' }, list.map(trip =>
      h('li', {}, h('a', { href: `#/trips/${trip.callId}` },
        `${time(trip.requestedAt)} · ${trip.pickup.address ?? ''} → ${trip.dropoff.address ?? ''} · ${t(trip.status)}`,
        trip.fare ? ` · ${money(trip.fare)}` : '')))));
    if (active) {
      callButton.disabled = true;
      status.append(h('a', { href: `#/trips/${active.callId}` }, `${t(active.status)} →`));
    }
  }).catch(error => { trips.append(h('p', {}, String(error.message))); });
  void api<{ rides: number; totalSpent?: Money; promotions: { code: string; discountPercent: number; reason: string }[] }>(
    `/members/${memberId}/insights`, { token }).then(report => {
    insights.append(h('dl', {},
      h('dt', {}, t('rides')), h('dd', {}, String(report.rides)),
      h('dt', {}, t('spent')), h('dd', {}, money(report.totalSpent) || '—'),
      h('dt', {}, t('promotions')), h('dd', {}, report.promotions.length === 0 ? t('none')
        : report.promotions.map(p => `${p.code} −${p.discountPercent}%`).join(', '))));
  }).catch(() => { insights.append(h('p', {}, t('none'))); });
  return () => map.map.remove();
}

function round(degrees: number): number {
  return Math.round(degrees * 1e5) / 1e5;
}

function tripPage(root: HTMLElement, token: string, callId: string): () => void {
  const status = h('p', { class: 'status', 'aria-live': 'polite' });
  const headline = h('h2', { id: 'trip-status', 'aria-live': 'polite' });
  const details = h('div', { class: 'details' });
  const mapBox = h('div', { class: 'map', id: 'trip-map', role: 'region', 'aria-label': t('taxi') });
  const actions = h('div', { class: 'actions' });
  const receipt = h('section', { class: 'receipt', hidden: true, 'aria-labelledby': 'receipt' });
  const review = h('section', { class: 'review', hidden: true });
  const timeline = h('ol', { class: 'timeline', 'aria-label': t('timeline') });
  replace(root, h('section', { class: 'trip', 'data-call-id': callId }, headline, details, mapBox, actions, status, receipt,
    review, h('h3', {}, t('timeline')), timeline, h('p', {}, h('a', { href: '#/' }, t('newCall')))));
  const map = taxiMap(mapBox);
  setTimeout(() => map.map.invalidateSize(), 0);
  let fitted = false;
  let shown: TripView | null = null;
  let stop = () => {};
  let left = false;
  // the view is built from the call's events: a call just made may take a moment to appear
  const load = async (tries: number): Promise<void> => {
    try {
      show(await api<TripView>(`/trips/${callId}`, { token }));
      if (!left) {
        stop = follow<TripView>(`/trips/${callId}/stream`, token, view => show(view),
          problem => { status.textContent = problem.detail ?? problem.title; });
      }
    } catch (error) {
      if (tries > 0 && error instanceof ProblemError && error.problem.status === 404 && !left) {
        await new Promise(resolve => setTimeout(resolve, 250));
        return load(tries - 1);
      }
      status.textContent = (error as Error).message;
    }
  };
  void load(40);

  function show(view: TripView) {
    if (shown && shown.timeline.length > view.timeline.length && shown.status === view.status) {
      return; // an older version than the one shown
    }
    const changed = shown?.status !== view.status || shown?.review?.rating !== view.review?.rating;
    shown = view;
    headline.textContent = t(view.status);
    headline.dataset.status = view.status;
    replace(details, h('dl', {},
      h('dt', {}, t('pickup')), h('dd', {}, view.pickup.address ?? ''),
      h('dt', {}, t('dropoff')), h('dd', {}, view.dropoff.address ?? ''),
      view.fareEstimate && [h('dt', {}, t('fareEstimate')), h('dd', { id: 'fare-estimate' }, money(view.fareEstimate))],
      view.taxi && [h('dt', {}, t('taxi')), h('dd', { id: 'taxi-number' }, view.taxi.taxiNumber),
        h('dt', {}, t('driverName')), h('dd', {}, view.taxi.driverName),
        view.taxi.rating != null && [h('dt', {}, t('rating')), h('dd', {}, `★ ${view.taxi.rating.toFixed(1)}`)],
        view.status === 'ASSIGNED' && view.taxi.etaSeconds != null
          && [h('dt', {}, ''), h('dd', {}, t('eta', { minutes: Math.max(1, Math.round(view.taxi.etaSeconds / 60)) }))]]));
    map.place('pickup', view.pickup);
    map.place('dropoff', view.dropoff);
    if (view.taxi) {
      map.taxi(view.taxi.taxiId, view.location ?? null, view.taxi.taxiNumber);
    }
    if (!fitted) {
      map.fit();
      fitted = true;
    }
    replace(timeline, view.timeline.map(line => h('li', {}, h('time', { datetime: line.time }, time(line.time)), ' ',
      line.line ?? line.type)));
    if (changed) {
      showActions(view);
      showReceipt(view);
      showReview(view);
    }
  }

  function showActions(view: TripView) {
    replace(actions);
    if (view.status !== 'REQUESTED' && view.status !== 'ASSIGNED') {
      return;
    }
    const cancel = h('button', { type: 'button', class: 'danger' }, t('cancel'));
    cancel.addEventListener('click', () => void attempt(status, async () => {
      const quote = await api<Quote>(`/calls/${callId}/cancellation`, { token });
      const rule = quote.feeNow ? t('cancelFee', { fee: money(quote.feeNow) })
        : quote.freeUntil && quote.feeAfterGrace ? t('cancelFreeUntil', { time: time(quote.freeUntil), fee: money(quote.feeAfterGrace) })
          : t('cancelFree');
      const confirm = h('button', { type: 'button', class: 'danger' }, t('confirmCancel'));
      const keepIt = h('button', { type: 'button', class: 'secondary' }, t('keepCall'));
      const dialog = h('div', { role: 'alertdialog', 'aria-labelledby': 'cancel-rule', class: 'card' },
        h('p', { id: 'cancel-rule' }, rule), h('div', { class: 'row' }, confirm, keepIt));
      replace(actions, dialog);
      confirm.focus();
      keepIt.addEventListener('click', () => showActions(shown ?? view));
      confirm.addEventListener('click', () => void attempt(status, async () => {
        await api(`/calls/${callId}/cancel`, { token, method: 'POST' });
        replace(actions);
      }));
    }));
    actions.append(cancel);
  }

  function showReceipt(view: TripView) {
    const parts = view.fareParts;
    receipt.hidden = !parts || view.status !== 'COMPLETED';
    if (!parts || receipt.hidden) {
      return;
    }
    const line = (label: string, amount: number) => amount === 0 ? null
      : h('tr', {}, h('th', { scope: 'row' }, label), h('td', {}, money({ amount, currency: parts.currency })));
    replace(receipt, h('h3', { id: 'receipt' }, t('receipt')), h('table', {}, h('tbody', {},
      line(t('fareBase'), parts.base), line(t('fareDistance'), parts.distance), line(t('fareTime'), parts.time),
      line(t('fareNight'), parts.night), line(t('fareRounding'), parts.rounding), line(t('farePromotion'), parts.promotion),
      line(t('fareFees'), parts.fees),
      h('tr', { class: 'total' }, h('th', { scope: 'row' }, t('total')),
        h('td', { id: 'receipt-total' }, money({ amount: parts.total, currency: parts.currency }))))),
    view.payment?.cardLast4 ? h('p', {}, t('paidWith', { last4: view.payment.cardLast4 })) : null);
  }

  function showReview(view: TripView) {
    review.hidden = view.status !== 'COMPLETED';
    if (review.hidden) {
      return;
    }
    if (view.review) {
      replace(review, h('p', { id: 'reviewed' }, t('reviewed', { rating: view.review.rating })));
      return;
    }
    const form: HTMLFormElement = h('form', { 'aria-label': t('review') },
      h('fieldset', {}, h('legend', {}, t('stars')), [1, 2, 3, 4, 5].map(stars =>
        h('label', { class: 'star' }, h('input', { type: 'radio', name: 'rating', value: String(stars), required: true }), ` ${stars}`))),
      field(t('comment'), 'comment', { maxlength: '500' }),
      h('button', { type: 'submit' }, t('sendReview')));
    form.addEventListener('submit', event => {
      event.preventDefault();
      void attempt(status, async () => {
        const rating = Number((form.querySelector('input[name=rating]:checked') as HTMLInputElement).value);
        await api(`/calls/${callId}/review`, { token, body: { rating, comment: value(form, 'comment') } });
        replace(review, h('p', { id: 'reviewed' }, t('reviewed', { rating })));
      });
    });
    replace(review, h('h3', {}, t('review')), form);
  }

  return () => { left = true; stop(); map.map.remove(); };
}
