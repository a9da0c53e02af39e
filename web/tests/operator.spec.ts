// An operator signs in with the operator token and redrives a dead letter the test stack made.
import { expect, test } from '@playwright/test';
import { expectAccessible, operatorToken, out } from './env';

test('an operator redrives a dead letter', async ({ page }) => {
  const position = process.env.ANYCALLTAXI_DEAD_LETTER;
  expect(position, 'WebAppTest made a dead letter').toBeTruthy();
  await page.goto('/#/operator');
  await page.getByLabel('Operator token').fill('not-a-token');
  await page.getByRole('button', { name: 'Use this token' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await page.getByLabel('Operator token').fill(operatorToken);
  await page.getByRole('button', { name: 'Use this token' }).click();

  const letter = page.locator(`li[data-position="${position}"]`);
  await expect(letter).toBeVisible();
  await expect(page.locator('.functions')).toContainText('create-call: up');
  await expectAccessible(page, "the operator's page");
  await page.screenshot({ path: `${out}/operator.png`, fullPage: true });
  await page.getByLabel('Status').selectOption('STARTED');
  await expect(page.getByRole('heading', { name: 'On the way' })).toBeVisible();
  await letter.getByRole('button', { name: 'Redrive' }).click();
  await expect(letter).toContainText('Redriven');
  await expect(letter.getByRole('button', { name: 'Redrive' })).toHaveCount(0);
});
