// One small app for every kind of user, routed by the URL's fragment (so the share link's token
// never reaches a server log): #/ customer, #/trips/{id}, #/driver, #/operator, #/shared/trips/{id}?token=.
import './style.css';
import { h, replace } from './dom';
import { choose, language, t, type Language } from './i18n';
import { customerPage } from './pages/customer';
import { driverPage } from './pages/driver';
import { friendPage } from './pages/friend';
import { operatorPage } from './pages/operator';

const root = document.getElementById('app')!;
const nav = document.getElementById('nav')!;
let leave: () => void = () => {};

function render(): void {
  leave();
  const [path, query = ''] = location.hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean);
  document.documentElement.lang = language();
  document.title = t('appName');
  drawNav(parts[0] ?? '');
  if (parts[0] === 'shared' && parts[1] === 'trips' && parts[2]) {
    leave = friendPage(root, decodeURIComponent(parts[2]), new URLSearchParams(query).get('token') ?? '');
  } else if (parts[0] === 'driver') {
    leave = driverPage(root);
  } else if (parts[0] === 'operator') {
    leave = operatorPage(root);
  } else {
    leave = customerPage(root, parts[0] === 'trips' ? parts[1] : undefined);
  }
}

function drawNav(current: string): void {
  const link = (href: string, label: string, active: boolean) =>
    h('a', { href, 'aria-current': active ? 'page' : false }, label);
  const switcher = h('select', { 'aria-label': t('language') }, h('option', { value: 'ko' }, '한국어'), h('option', { value: 'en' }, 'English'));
  switcher.value = language();
  switcher.addEventListener('change', () => {
    choose(switcher.value as Language, true);
    render();
  });
  replace(nav, h('strong', { class: 'brand' }, t('appName')),
    current === 'shared' ? null : h('span', { class: 'links' },
      link('#/', t('customer'), current === '' || current === 'trips'),
      link('#/driver', t('driver'), current === 'driver'),
      link('#/operator', t('operator'), current === 'operator')),
    switcher);
}

window.addEventListener('hashchange', render);
render();
