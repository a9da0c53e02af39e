// Sign in with a phone: a code is texted, then traded for a bearer token (the same for every kind of user).
import { h, field, value, attempt } from '../dom';
import { t } from '../i18n';
import { sendCode, tradeCode } from '../session';

export function signInForm(title: string, signedIn: (token: string, phone: string) => void): HTMLElement {
  const status = h('p', { class: 'status', 'aria-live': 'polite' });
  const codeStep = h('form', { class: 'card', hidden: true },
    field(t('code'), 'code', { inputmode: 'numeric', autocomplete: 'one-time-code', required: true, pattern: '[0-9]{6}' }),
    h('button', { type: 'submit' }, t('signIn')));
  const phoneStep: HTMLFormElement = h('form', { class: 'card' },
    field(t('phone'), 'phone', { type: 'tel', autocomplete: 'tel', required: true, placeholder: '010-1234-5678' }),
    h('button', { type: 'submit' }, t('sendCode')));
  phoneStep.addEventListener('submit', event => {
    event.preventDefault();
    void attempt(status, async () => {
      const phone = value(phoneStep, 'phone');
      await sendCode(phone);
      status.textContent = t('codeSent', { phone });
      codeStep.hidden = false;
      (codeStep.elements.namedItem('code') as HTMLInputElement).focus();
    });
  });
  codeStep.addEventListener('submit', event => {
    event.preventDefault();
    void attempt(status, async () => {
      const phone = value(phoneStep, 'phone');
      signedIn(await tradeCode(phone, value(codeStep, 'code')), phone);
    });
  });
  return h('section', { class: 'signin' }, h('h2', {}, title), phoneStep, codeStep, status);
}
