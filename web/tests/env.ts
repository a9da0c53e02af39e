// What the test stack (started by WebAppTest) tells the browser tests, and the steps every test shares.
import { createRequire } from 'node:module';
import { expect, type APIRequestContext, type Page } from '@playwright/test';

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: the browser tests run from the local module's WebAppTest`);
  }
  return value;
}

export const gateway = required('ANYCALLTAXI_GATEWAY');
export const smsRecorder = required('ANYCALLTAXI_SMS');
export const operatorToken = required('ANYCALLTAXI_OPERATOR_TOKEN');
export const out = process.env.ANYCALLTAXI_WEB_OUT ?? 'target/web-app';

export function uniquePhone(): string {
  const four = () => String(2000 + Math.floor(Math.random() * 8000));
  return `010-${four()}-${four()}`;
}

interface Text { kind?: string; callId?: string; text: string }

/** The texts a phone got (the local SMS recorder is every phone's inbox). */
export async function textsTo(request: APIRequestContext, phone: string): Promise<Text[]> {
  const response = await request.get(`${smsRecorder}/messages?phone=${encodeURIComponent(phone)}`);
  return await response.json() as Text[];
}

export async function textsAbout(request: APIRequestContext, callId: string): Promise<Text[]> {
  const response = await request.get(`${smsRecorder}/messages?callId=${encodeURIComponent(callId)}`);
  return await response.json() as Text[];
}

/** Signs in on the page's form: the phone, then the code the phone was texted. */
export async function signIn(page: Page, phone: string): Promise<void> {
  const before = (await textsTo(page.request, phone)).length;
  await page.getByLabel('Phone number').fill(phone);
  await page.getByRole('button', { name: 'Text me a code' }).click();
  let code = '';
  await expect.poll(async () => {
    const texts = await textsTo(page.request, phone);
    code = texts.length > before ? /\b(\d{6})\b/.exec(texts[texts.length - 1].text)?.[1] ?? '' : '';
    return code;
  }).toMatch(/^\d{6}$/);
  await page.getByLabel('Code from the text').fill(code);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core's WCAG 2 A and AA rules on the page as it is: no serious or critical violation. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations:
      { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
      .map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map(n => n.target.join(' ')).join(', ')}`);
  });
  expect(violations, `${what}: accessibility`).toEqual([]);
}
