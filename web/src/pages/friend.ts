// The friend's share: the link from the text opens this trip read-only and live, with no sign-in.
import { api, follow, type Place, type Position } from '../api';
import { h, replace } from '../dom';
import { t, time } from '../i18n';
import { taxiMap } from '../map';

interface SharedTrip { callId: string; status: string; pickup: Place; dropoff: Place;
  taxi?: { taxiNumber: string; driverName: string }; location?: Position; updatedAt?: string }

export function friendPage(root: HTMLElement, callId: string, token: string): () => void {
  const headline = h('h2', { id: 'shared-status', 'aria-live': 'polite' });
  const details = h('div', { class: 'details' });
  const status = h('p', { class: 'status', 'aria-live': 'polite' });
  const mapBox = h('div', { class: 'map', id: 'shared-map', role: 'region', 'aria-label': t('taxi') });
  replace(root, h('section', { class: 'shared' }, h('p', {}, t('friendTitle')), headline, details, mapBox, status,
    h('p', { class: 'hint' }, t('friendNote'))));
  const map = taxiMap(mapBox);
  setTimeout(() => map.map.invalidateSize(), 0);
  let fitted = false;
  const path = `/shared/trips/${encodeURIComponent(callId)}`;
  const query = `?token=${encodeURIComponent(token)}`;
  const show = (trip: SharedTrip) => {
    headline.textContent = t(trip.status);
    headline.dataset.status = trip.status;
    replace(details, h('dl', {},
      h('dt', {}, t('pickup')), h('dd', {}, trip.pickup.address ?? ''),
      h('dt', {}, t('dropoff')), h('dd', {}, trip.dropoff.address ?? ''),
      trip.taxi && [h('dt', {}, t('taxi')), h('dd', { id: 'shared-taxi' }, `${trip.taxi.taxiNumber} · ${trip.taxi.driverName}`)],
      trip.updatedAt && [h('dt', {}, '⏱'), h('dd', {}, time(trip.updatedAt))]));
    map.place('pickup', trip.pickup);
    map.place('dropoff', trip.dropoff);
    if (trip.taxi) {
      map.taxi('taxi', trip.location ?? null, trip.taxi.taxiNumber);
    }
    if (!fitted) {
      map.fit();
      fitted = true;
    }
  };
  void api<SharedTrip>(path + query).then(show).catch(error => { status.textContent = error.message; });
  const stop = follow<SharedTrip>(`${path}/stream${query}`, null, show, problem => {
    status.textContent = problem.detail ?? problem.title;
  });
  return () => { stop(); map.map.remove(); };
}
