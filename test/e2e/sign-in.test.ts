// Signing in to `pipewright serve` from a browser, end to end in Chromium: a wrong token (from the
// address or remembered) brings back the sign-in form saying so instead of a designer whose every call
// fails; the right token opens the designer and is remembered across a reload; Sign out forgets it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumCheck, openSession, type E2eSession } from './harness.js';

describe.skipIf(!chromiumCheck.present).sequential('sign-in to the server', () => {
  let session: E2eSession;

  beforeAll(async () => {
    session = await openSession();
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  const form = () => session.page.getByRole('form', { name: 'Connect to Pipewright' });
  const signOutButton = () => session.page.getByRole('button', { name: 'Sign out' });

  it('says a wrong token from the address was refused, and asks again without keeping it', async () => {
    await session.page.goto(`${session.server.url}?token=pw_wrong`);
    await form().getByRole('alert').getByText(/refused the remembered access token/).waitFor();
    await session.page.reload();
    await form().waitFor();
    expect(await form().getByRole('alert').count()).toBe(0);
  });

  it('refuses a mistyped token on the form, then opens the designer with the right one and keeps it across a reload', async () => {
    const input = form().getByLabel('Access token');
    await input.fill('pw_typo');
    await form().getByRole('button', { name: 'Connect' }).click();
    await form().getByRole('alert').getByText(/refused this access token/).waitFor();
    await input.fill(session.server.token);
    await form().getByRole('button', { name: 'Connect' }).click();
    await signOutButton().waitFor();
    await session.page.reload();
    await signOutButton().waitFor();
    expect(await form().count()).toBe(0);
  });

  it('forgets the token on Sign out', async () => {
    await signOutButton().click();
    await form().waitFor();
    await session.page.reload();
    await form().waitFor();
  });

  it('threw no uncaught errors in the page', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
