// A customer and a driver, each in a browser context of their own, complete a whole trip by
// clicking; the friend follows it live from the texted link.
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, gateway, operatorToken, out, signIn, textsAbout, uniquePhone } from './env';

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${out}/${name}.png`, fullPage: true });
}

test('a customer and a driver complete a whole trip by clicking, and the friend follows it', async ({ browser, request }) => {
  const taxiId = `web-taxi-${Date.now()}`;
  const driverPhone = uniquePhone();
  const onboarded = await request.post(`${gateway}/taxis`, { headers: { Authorization: `Bearer ${operatorToken}` },
    data: { taxiId, taxiNumber: '서울77바7777', driverName: 'Choi Web', phone: driverPhone } });
  expect(onboarded.status()).toBe(201);

  const driverContext = await browser.newContext({ locale: 'en-US' });
  const driver = await driverContext.newPage();
  await driver.goto('/#/driver');
  await signIn(driver, driverPhone);
  await expect(driver.getByRole('heading', { name: `Taxi ${taxiId}` })).toBeVisible();
  await driver.getByRole('button', { name: 'Go online' }).click();
  await expect(driver.locator('#availability')).toHaveText(/^Online/);
  await expectAccessible(driver, "the driver's page");

  const customerContext = await browser.newContext({ locale: 'en-US' });
  const customer = await customerContext.newPage();
  await customer.goto('/');
  // keyboard only: the sign-in form is reached by Tab and sent with Enter
  await customer.locator('body').press('Tab');
  let tabs = 0;
  while (!(await customer.getByLabel('Phone number').evaluate(input => input === document.activeElement)) && tabs++ < 10) {
    await customer.keyboard.press('Tab');
  }
  expect(tabs, 'the phone field is reached with the keyboard').toBeLessThan(10);
  await expectAccessible(customer, 'the sign-in page');
  const phone = uniquePhone();
  await signIn(customer, phone);
  await expect(customer.getByRole('heading', { name: 'Create your account' })).toBeVisible();
  const friendPhone = uniquePhone();
  await customer.getByLabel('Name').fill('Web Kim');
  await customer.getByLabel("A friend's phone (texted when you ride)").fill(friendPhone);
  await customer.getByLabel('Language').last().selectOption('en');
  await customer.getByLabel('Card number').fill('4242 4242 4242 4242');
  await customer.getByLabel('Expiry month').fill('12');
  await customer.getByLabel('Expiry year').fill('2030');
  await customer.getByLabel('CVC').fill('123');
  await expectAccessible(customer, 'the sign-up form');
  await customer.getByRole('button', { name: 'Sign up' }).click();

  await expect(customer.getByRole('button', { name: 'Call a taxi' })).toBeDisabled();
  await customer.getByLabel('Pickup: Choose a place').selectOption({ label: 'Seoul City Hall' });
  await customer.getByLabel('Destination: Choose a place').selectOption({ label: 'Gangnam Station' });
  await expect(customer.locator('#estimate-before'), 'the fare is estimated before calling').toHaveText(/Fare estimate: ₩/);
  const quoted = (await customer.locator('#estimate-before').textContent())!.replace('Fare estimate: ', '');
  await expectAccessible(customer, "the customer's home");
  await shot(customer, 'customer-call');
  await customer.getByRole('button', { name: 'Call a taxi' }).click();
  await expect(customer.locator('#trip-status')).toHaveText('Looking for a taxi');
  await expect(customer.locator('#fare-estimate')).toHaveText(quoted);
  const callId = await customer.locator('section.trip').getAttribute('data-call-id');
  expect(callId).toBeTruthy();

  // the fee rule is shown before the customer confirms; keeping the call changes nothing
  await customer.getByRole('button', { name: 'Cancel the call' }).click();
  await expect(customer.getByRole('alertdialog')).toHaveText(/Cancelling now is free/);
  await customer.getByRole('button', { name: 'Keep the call' }).click();
  await expect(customer.locator('#trip-status')).toHaveText('Looking for a taxi');

  const offer = driver.locator(`li[data-call-id="${callId}"]`);
  await expect(offer).toContainText('Seoul City Hall → Gangnam Station');
  await expect(offer).toContainText(/m to the pickup/);
  await shot(driver, 'driver-offer');
  await offer.getByRole('button', { name: 'Accept' }).click();
  await expect(driver.locator('#trip-state')).toHaveAttribute('data-status', 'ASSIGNED');

  await expect(customer.locator('#trip-status')).toHaveText('A taxi is on its way');
  await expect(customer.locator('#taxi-number')).toHaveText('서울77바7777');
  // the view shows the taxi from its first report after the assignment: each step of the drive moves it
  await driver.getByRole('button', { name: 'Drive to the pickup' }).click();
  await expect(customer.locator('#trip-map'), "the taxi on the customer's map").toHaveAttribute('data-taxi', /,/);
  const seen = new Set<string>();
  await expect.poll(async () => {
    seen.add(await customer.locator('#trip-map').getAttribute('data-taxi') ?? '');
    return seen.size;
  }, { message: "the taxi moves on the customer's map", intervals: [100] }).toBeGreaterThan(2);
  await expectAccessible(customer, "the customer's trip");
  await shot(customer, 'customer-taxi-coming');
  await expect(driver.getByRole('button', { name: 'Arrived at the pickup' })).toBeEnabled();
  await driver.getByRole('button', { name: 'Arrived at the pickup' }).click();
  await expect(customer.locator('.timeline')).toContainText('Your taxi is at the pickup');
  await driver.getByRole('button', { name: 'Passenger on board' }).click();
  await expect(customer.locator('#trip-status')).toHaveText('On the way');

  // the friend's text links to a live, read-only page of the trip
  let link = '';
  await expect.poll(async () => {
    const started = (await textsAbout(request, callId!)).find(text => text.kind === 'trip-started');
    link = /https?:\/\/\S+\/#\/shared\/trips\/\S+/.exec(started?.text ?? '')?.[0] ?? '';
    return link;
  }).not.toBe('');
  const friendContext = await browser.newContext({ locale: 'en-US' });
  const friend = await friendContext.newPage();
  await friend.goto(link);
  await expect(friend.locator('#shared-status')).toHaveText('On the way');
  await expect(friend.locator('#shared-taxi')).toContainText('서울77바7777');
  await expect(friend.getByText('Web Kim')).toHaveCount(0);
  await expectAccessible(friend, "the friend's page");
  await shot(friend, 'friend-live');

  await driver.getByRole('button', { name: 'Drive to the destination' }).click();
  await expect(driver.getByRole('button', { name: 'Passenger got off' })).toBeEnabled();
  await driver.getByRole('button', { name: 'Passenger got off' }).click();
  await expect(customer.locator('#trip-status')).toHaveText('Completed');
  await expect(friend.locator('#shared-status'), "the friend's page follows without a reload").toHaveText(/Completed|Arrived/);
  await expect(customer.locator('#receipt-total')).toHaveText(/₩/);
  await expect(customer.getByText('Paid with the card ending 4242')).toBeVisible();
  await shot(customer, 'customer-receipt');

  await customer.getByRole('radio', { name: '5' }).check();
  await customer.getByLabel('Comment').fill('Smooth ride');
  await customer.getByRole('button', { name: 'Send the review' }).click();
  await expect(customer.locator('#reviewed')).toHaveText('Thank you: you rated this trip 5 of 5.');
  await expect(driver.locator('#earnings')).toHaveText(/Earnings: ₩/);
  await shot(driver, 'driver-today');

  await customer.goto('/#/');
  await expect(customer.locator('.trips')).toContainText('Completed');
  await shot(customer, 'customer-home');
  await customer.getByLabel('Language').first().selectOption('ko');
  await expect(customer.getByRole('heading', { name: '내 이용 내역' })).toBeVisible();
  await expect(customer.locator('.trips')).toContainText('완료');
  await expect(customer.locator('html')).toHaveAttribute('lang', 'ko');
});
