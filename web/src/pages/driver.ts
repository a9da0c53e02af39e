// The driver: sign in, go online or offline, see offers near the taxi and accept one, drive
// (simulated: the page moves the taxi along a straight line, reporting its position), arrived,
// boarded, alighted, give a call back or report a no-show; today's trips and earnings.
import { api, type Money, type Place, type Position } from '../api';
import { attempt, h, replace, rerender } from '../dom';
import { money, t, time } from '../i18n';
import { taxiMap, type TaxiMap } from '../map';
import { knownPlaces } from '../places';
import { claimsOf, keep, signOut, tokenOf } from '../session';
import { signInForm } from './signin';

interface Offer { callId: string; pickup: Place; dropoff: Place; distanceToPickupMeters?: number; fareEstimate?: Money;
  traceparent?: string }
interface CurrentTrip { callId: string; status: string; pickup: Place; dropoff: Place; fareEstimate?: Money;
  arrivedAt?: string; startedAt?: string }
interface DriverTrips { trips: { callId: string; status: string; fare?: Money; endedAt?: string }[]; earnings: Money | null }

const STEP_MS = 250;
const STEPS = 12;

export function driverPage(root: HTMLElement): () => void {
  const token = tokenOf('driver');
  const taxiId = token ? claimsOf(token).taxi_id : undefined;
  if (!token || !taxiId) {
    replace(root, signInForm(t('driver'), signedIn => {
      keep('driver', signedIn);
      rerender();
    }));
    return () => {};
  }
  return new DriverConsole(root, token, taxiId).stop;
}

class DriverConsole {
  private readonly status = h('p', { class: 'status', 'aria-live': 'polite' });
  private readonly availability = h('p', { id: 'availability' });
  private readonly offers = h('section', { 'aria-labelledby': 'offers' });
  private readonly trip = h('section', { 'aria-labelledby': 'current-trip' });
  private readonly today = h('section', { 'aria-labelledby': 'todays-trips' });
  private readonly map: TaxiMap;
  private position: Position;
  private online = sessionStorage.getItem('anycalltaxi.driver.online') === 'true';
  private current: CurrentTrip | null = null;
  private driving = false;
  private boardedAt = 0;
  private travelled = 0;
  private readonly timer: number;

  constructor(root: HTMLElement, private readonly token: string, private readonly taxiId: string) {
    const kept = sessionStorage.getItem('anycalltaxi.driver.position');
    this.position = kept ? JSON.parse(kept) as Position : { lat: knownPlaces[0].lat + 0.0008, lng: knownPlaces[0].lng };
    const toggle = h('button', { type: 'button', id: 'online' });
    toggle.addEventListener('click', () => void attempt(this.status, async () => {
      this.online = !this.online;
      sessionStorage.setItem('anycalltaxi.driver.online', String(this.online));
      await this.report();
      this.showAvailability(toggle);
      await this.refresh();
    }));
    const mapBox = h('div', { class: 'map', id: 'driver-map', role: 'region', 'aria-label': t('taxi') });
    replace(root, h('section', { class: 'driver' },
      h('h2', {}, `${t('taxiId')} ${taxiId}`), h('div', { class: 'row' }, toggle, this.availability), mapBox, this.status),
    this.trip, this.offers, this.today,
    h('button', { type: 'button', class: 'link', onclick: () => { signOut('driver'); rerender(); } }, t('signOut')));
    this.map = taxiMap(mapBox, (lat, lng) => {
      if (!this.driving) { // a tap puts the taxi there: where the driver starts from
        this.position = { lat, lng };
        void this.report();
      }
    });
    setTimeout(() => this.map.map.invalidateSize(), 0);
    this.map.taxi(taxiId, this.position, taxiId);
    this.showAvailability(toggle);
    void this.report().then(() => this.refresh());
    this.timer = window.setInterval(() => void this.refresh(), 2000);
  }

  readonly stop = () => {
    window.clearInterval(this.timer);
    this.map.map.remove();
  };

  private showAvailability(toggle: HTMLElement) {
    toggle.textContent = this.online ? t('offline') : t('online');
    toggle.setAttribute('aria-pressed', String(this.online));
    this.availability.textContent = this.online ? t('isOnline') : t('isOffline');
  }

  private async refresh() {
    await Promise.all([this.refreshTrip(), this.refreshOffers(), this.refreshToday()]).catch(error => {
      this.status.textContent = error.message;
    });
  }

  private async refreshOffers() {
    const offers = this.online && !this.current ? await api<Offer[]>(`/drivers/${this.taxiId}/offers`, { token: this.token }) : [];
    replace(this.offers, h('h3', { id: 'offers' }, t('offers')), offers.length === 0 ? h('p', {}, t('noOffers'))
      : h('ul', { class: 'offers' }, offers.map(offer => h('li', { 'data-call-id': offer.callId },
        h('p', {}, `${offer.pickup.address ?? ''} → ${offer.dropoff.address ?? ''}`),
        h('p', {}, [offer.distanceToPickupMeters != null ? t('toPickup', { meters: offer.distanceToPickupMeters }) : '',
          offer.fareEstimate ? ` · ${t('fareEstimate')} ${money(offer.fareEstimate)}` : ''].join('')),
        h('button', { type: 'button', onclick: () => void attempt(this.status, async () => {
          if (offer.traceparent) {
            sessionStorage.setItem(`anycalltaxi.trace.${offer.callId}`, offer.traceparent);
          }
          await this.send('call.accepted', offer.callId, { callId: offer.callId, taxiId: this.taxiId });
          await this.refresh();
        }) }, t('accept'))))));
  }

  private async refreshTrip() {
    try {
      this.current = await api<CurrentTrip>(`/drivers/${this.taxiId}/trip`, { token: this.token });
    } catch (error) {
      if ((error as { problem?: { status: number } }).problem?.status !== 404) {
        throw error;
      }
      this.current = null;
    }
    if (this.driving) {
      return;
    }
    const trip = this.current;
    this.map.place('pickup', trip?.pickup ?? null);
    this.map.place('dropoff', trip?.dropoff ?? null);
    if (!trip) {
      replace(this.trip);
      return;
    }
    const button = (label: string, action: () => Promise<void>, kind = '') =>
      h('button', { type: 'button', class: kind, onclick: () => void attempt(this.status, async () => {
        await action();
        await this.refresh();
      }) }, label);
    const ids = { callId: trip.callId, taxiId: this.taxiId };
    const riding = trip.status === 'STARTED';
    replace(this.trip, h('h3', { id: 'current-trip' }, t('currentTrip')),
      h('p', { id: 'trip-state', 'data-status': trip.status }, `${t(trip.status)} · ${trip.pickup.address ?? ''} → ${trip.dropoff.address ?? ''}`),
      h('div', { class: 'actions' }, riding ? [
        button(t('driveToDestination'), () => this.driveTo(trip.dropoff)),
        button(t('alighted'), () => this.send('passenger.alighted', trip.callId, { ...ids,
          distanceMeters: Math.round(this.travelled), durationSeconds: Math.max(1, Math.round((Date.now() - this.boardedAt) / 1000)) })),
      ] : [
        button(t('drive'), () => this.driveTo(trip.pickup)),
        trip.arrivedAt ? null : button(t('arrived'), () => this.send('arrived', trip.callId, ids)),
        button(t('boarded'), async () => {
          await this.send('passenger.boarded', trip.callId, ids);
          this.boardedAt = Date.now();
          this.travelled = 0;
        }),
        button(t('giveBack'), () => this.send('call.cancelled', trip.callId, { ...ids, reason: 'given back by the driver' }), 'secondary'),
        trip.arrivedAt ? button(t('noShow'), () => this.send('passenger.noshow', trip.callId, ids), 'secondary') : null,
      ]));
  }

  private async refreshToday() {
    const mine = await api<DriverTrips>(`/drivers/${this.taxiId}/trips/today`, { token: this.token });
    replace(this.today, h('h3', { id: 'todays-trips' }, t('todaysTrips')),
      h('p', { id: 'earnings' }, `${t('earnings')}: ${mine.earnings ? money(mine.earnings) : '—'}`),
      mine.trips.length === 0 ? h('p', {}, t('none')) : h('ul', {}, mine.trips.map(trip =>
        h('li', {}, `${time(trip.endedAt)} · ${t(trip.status)}${trip.fare ? ' · ' + money(trip.fare) : ''}`))));
  }

  /** Simulated driving: a straight line in equal steps, each one a location report. */
  private async driveTo(target: Place) {
    this.driving = true;
    this.status.textContent = t('driving');
    this.trip.querySelectorAll('button').forEach(button => { button.disabled = true; });
    const from = this.position;
    try {
      for (let step = 1; step <= STEPS; step++) {
        const next = { lat: from.lat + (target.lat - from.lat) * step / STEPS, lng: from.lng + (target.lng - from.lng) * step / STEPS };
        this.travelled += meters(this.position, next);
        this.position = next;
        await this.report();
        await new Promise(resolve => setTimeout(resolve, STEP_MS));
      }
    } finally {
      this.driving = false;
      this.status.textContent = '';
    }
  }

  private async report() {
    sessionStorage.setItem('anycalltaxi.driver.position', JSON.stringify(this.position));
    this.map.taxi(this.taxiId, this.position, this.taxiId);
    this.map.map.panTo([this.position.lat, this.position.lng]);
    await this.send('location.reported', undefined, { taxiId: this.taxiId, lat: this.position.lat, lng: this.position.lng,
      available: this.online && !this.current });
  }

  /** The driver app's events: binary-mode CloudEvents to the driver ingress, signed by the driver's token. */
  private async send(type: string, subject: string | undefined, data: unknown): Promise<void> {
    // ce-time is when the app saw it happen: reports delivered out of order are applied in this order
    const headers: Record<string, string> = { 'ce-specversion': '1.0', 'ce-id': eventId(),
      'ce-source': `/drivers/${this.taxiId}`, 'ce-type': `io.anycalltaxi.driver.${type}`, 'ce-time': new Date().toISOString() };
    if (subject) {
      headers['ce-subject'] = subject;
      // the call's trace context, from its offer: the trip's events, the driver's included, make one trace
      const trace = sessionStorage.getItem(`anycalltaxi.trace.${subject}`);
      if (trace) {
        headers['ce-traceparent'] = trace;
      }
    }
    await api('/events', { token: this.token, body: data, headers });
  }
}

function eventId(): string {
  return crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

function meters(a: Position, b: Position): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const x = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 6_371_000 * 2 * Math.atan2(Math.sqrt(x), Math.sqrt(1 - x));
}
