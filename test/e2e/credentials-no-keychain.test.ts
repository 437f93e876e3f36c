// Credentials on a server without a keychain, end to end: `pipewright serve` started with no Secret
// Service (its session bus address points nowhere) and no PIPEWRIGHT_SECRETS_KEY. Before anything is
// typed, the Credentials dialog says that secrets can be neither read nor saved and what to do, and
// "New credential" is disabled; before this, the form was filled in and failed only on Save.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumCheck, openSession, type E2eSession } from './harness.js';
import { CredentialsDialog } from './pages/credentials-dialog.js';
import { DesignerPage } from './pages/designer-page.js';

describe.skipIf(!chromiumCheck.present)('credentials without a keychain', () => {
  let session: E2eSession;

  beforeAll(async () => {
    // The server inherits this process's environment (test files run in their own workers).
    process.env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent/pipewright-e2e-bus';
    delete process.env.PIPEWRIGHT_SECRETS_KEY;
    delete process.env.PIPEWRIGHT_SECRET_STORE;
    session = await openSession();
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  it('says so when the dialog opens, with what to do, and offers no form to fill in', async () => {
    const designer = new DesignerPage(session.page, session.server.url, session.server.token);
    const credentials = new CredentialsDialog(session.page);
    await designer.open();
    await credentials.open();
    const banner = credentials.root.getByRole('alert');
    await expect.poll(() => banner.innerText()).toMatch(/^Secrets can be neither read nor saved here: cannot reach the OS keychain \(.+\): .*set PIPEWRIGHT_SECRETS_KEY to use the encrypted file store/);
    expect(await credentials.root.getByRole('button', { name: 'New credential', exact: true }).isDisabled()).toBe(true);
    expect(session.pageErrors).toEqual([]);
  });
});
