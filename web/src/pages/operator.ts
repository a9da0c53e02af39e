// The operator: trips that need a look (stuck or flagged) first, the fleet on a map, dead letters
// with redrive, the functions up or down, recent texts (the last three are the local runtime's console).
import { api, type Money } from '../api';
import { attempt, field, h, replace, rerender, value } from '../dom';
import { money, t, time } from '../i18n';
import { taxiMap, type TaxiMap } from '../map';
import { keep, signOut, tokenOf } from '../session';

const STATUSES = ['REQUESTED', 'ASSIGNED', 'STARTED', 'ENDED', 'PAYMENT_FAILED'];

interface FlaggedTrip { callId: string; status: string; taxiId?: string; startedAt?: string; fare?: Money;
  flags: { kind?: string; reason?: string; at?: string }[] }
interface Taxi { taxiId: string; taxiNumber: string; driverName: string; lat?: number; lng?: number; available: boolean; busyWith?: string }
interface Letter { position: string; type: string; subject?: string; time?: string; knativeerrordest?: string;
  knativeerrorcode?: string; redriven?: { at: string } | null }
interface HostedFunction { name: string; running: boolean }
interface Text { to?: string; phone?: string; body?: string; text?: string; sentAt?: string; at?: string }

export function operatorPage(root: HTMLElement): () => void {
  const token = tokenOf('operator');
  if (!token) {
    const status = h('p', { class: 'status', 'aria-live': 'polite' });
    const form: HTMLFormElement = h('form', { class: 'card' },
      field(t('operatorToken'), 'token', { type: 'password', required: true, autocomplete: 'off' }),
      h('button', { type: 'submit' }, t('useToken')));
    form.addEventListener('submit', event => {
      event.preventDefault();
      void attempt(status, async () => {
        const candidate = value(form, 'token');
        await api('/operations/trips', { token: candidate }); // refused unless it is an operator's
        keep('operator', candidate);
        rerender();
      });
    });
    replace(root, h('section', {}, h('h2', {}, t('operator')), form, status));
    return () => {};
  }
  const status = h('p', { class: 'status', 'aria-live': 'polite' });
  const sections = {
    flagged: h('section', { 'aria-labelledby': 'flagged' }),
    fleet: h('section', { 'aria-labelledby': 'fleet' }),
    letters: h('section', { 'aria-labelledby': 'dead-letters' }),
    functions: h('section', { 'aria-labelledby': 'functions' }),
    texts: h('section', { 'aria-labelledby': 'texts' }),
  };
  const mapBox = h('div', { class: 'map', id: 'fleet-map', role: 'region', 'aria-label': t('fleet') });
  replace(root, h('div', { class: 'operator' },
    h('div', { class: 'row' }, h('h2', {}, t('operator')),
      h('button', { type: 'button', class: 'secondary', onclick: () => void refresh() }, t('refresh'))),
    status, sections.flagged, h('section', {}, h('h3', { id: 'fleet' }, t('fleet')), mapBox, sections.fleet),
    sections.letters, sections.functions, sections.texts,
    h('button', { type: 'button', class: 'link', onclick: () => { signOut('operator'); rerender(); } }, t('signOut'))));
  const map: TaxiMap = taxiMap(mapBox);
  setTimeout(() => map.map.invalidateSize(), 0);

  async function refresh() {
    await attempt(status, async () => {
      await Promise.all([flagged(), fleet(), letters(), functions(), texts()]);
    });
  }
  const statusFilter = h('select', { 'aria-label': t('status') }, h('option', { value: '' }, t('flagged')),
    STATUSES.map(status => h('option', { value: status }, t(status))));
  statusFilter.addEventListener('change', () => void attempt(status, flagged));
  async function flagged() {
    const which = statusFilter.value;
    const trips = await api<FlaggedTrip[]>(which ? `/operations/trips?status=${which}` : '/operations/trips', { token });
    replace(sections.flagged, h('div', { class: 'row' }, h('h3', { id: 'flagged' }, which ? t(which) : t('flagged')), statusFilter),
      trips.length === 0 ? h('p', {}, t('nothingHere'))
      : table(['callId', t('status'), t('taxi'), 'flags', t('total')], trips.map(trip => [trip.callId, t(trip.status),
        trip.taxiId ?? '', trip.flags.map(f => f.kind ?? f.reason ?? '').join(', '), money(trip.fare)])));
  }
  async function fleet() {
    const taxis = await api<Taxi[]>('/taxis', { token });
    taxis.forEach(taxi => map.taxi(taxi.taxiId, taxi.lat != null && taxi.lng != null ? { lat: taxi.lat, lng: taxi.lng } : null,
      `${taxi.taxiNumber} · ${taxi.driverName}`));
    replace(sections.fleet, table([t('taxi'), t('driverName'), t('status')], taxis.map(taxi =>
      [taxi.taxiNumber, taxi.driverName, taxi.busyWith ? t('STARTED') : taxi.available ? t('up') : t('down')])));
  }
  async function letters() {
    const page = await api<{ letters: Letter[] }>('/console/dead-letters?limit=50', { token });
    replace(sections.letters, h('h3', { id: 'dead-letters' }, t('deadLetters')), page.letters.length === 0
      ? h('p', {}, t('nothingHere')) : h('ul', { class: 'letters' }, page.letters.map(letter => h('li', { 'data-position': letter.position },
        h('span', {}, `${time(letter.time)} ${letter.type} → ${letter.knativeerrordest ?? ''} (${letter.knativeerrorcode ?? ''})`),
        letter.redriven ? h('span', { class: 'done' }, ` ${t('redriven')} ${time(letter.redriven.at)}`)
          : h('button', { type: 'button', onclick: (event: Event) => void attempt(status, async () => {
            const sent = await api<{ sentTo: string[] }>(`/console/dead-letters/${encodeURIComponent(letter.position)}/redrive`,
              { token, method: 'POST' });
            // the letter is marked once its Trigger has it again; say at once where it went
            (event.target as HTMLElement).replaceWith(h('span', { class: 'done' }, ` ${t('redriven')} → ${sent.sentTo.join(', ')}`));
          }) }, t('redrive'))))));
  }
  async function functions() {
    const hosted = await api<HostedFunction[]>('/console/functions', { token });
    replace(sections.functions, h('h3', { id: 'functions' }, t('functions')), h('ul', { class: 'functions' }, hosted.map(fn =>
      h('li', {}, `${fn.name}: ${fn.running ? t('up') : t('down')} `, h('button', { type: 'button', class: 'secondary',
        onclick: () => void attempt(status, async () => {
          await api(`/console/functions/${fn.name}/${fn.running ? 'stop' : 'start'}`, { token, method: 'POST' });
          await functions();
        }) }, fn.running ? t('stop') : t('start'))))));
  }
  async function texts() {
    const recent = await api<Text[]>('/console/texts', { token });
    replace(sections.texts, h('h3', { id: 'texts' }, t('texts')), recent.length === 0 ? h('p', {}, t('nothingHere'))
      : h('ul', {}, recent.slice(-20).reverse().map(text => h('li', {}, `${time(text.sentAt ?? text.at)} ${text.to ?? text.phone ?? ''}: ${text.body ?? text.text ?? ''}`))));
  }
  void refresh();
  return () => map.map.remove();
}

function table(headings: string[], rows: string[][]): HTMLTableElement {
  return h('table', {}, h('thead', {}, h('tr', {}, headings.map(heading => h('th', { scope: 'col' }, heading)))),
    h('tbody', {}, rows.map(row => h('tr', {}, row.map(cell => h('td', {}, cell))))));
}
