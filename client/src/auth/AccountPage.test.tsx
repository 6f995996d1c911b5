import { cleanup, configure, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { mockClient, renderWithClient } from '../ui/testing';
import { AccountPage } from './AccountPage';

// The machine is shared and slow at times: give answers (and the debounced search) time to arrive.
configure({ asyncUtilTimeout: 5000 });

afterEach(cleanup);

function fill(current: string, next: string, repeat = next) {
  fireEvent.change(screen.getByTestId('current-password'), { target: { value: current } });
  fireEvent.change(screen.getByTestId('new-password'), { target: { value: next } });
  fireEvent.change(screen.getByTestId('repeat-password'), { target: { value: repeat } });
  fireEvent.click(screen.getByTestId('change-password-submit'));
}

describe('AccountPage: changing one\'s own password', () => {
  it('checks that the two new passwords agree before asking the server', async () => {
    const mock = mockClient({ mutation: () => ({ changePassword: { changed: true, otherSessionsEnded: 0, userErrors: [] } }) });
    renderWithClient(mock.client, <AccountPage displayName="Anders Admin" />);
    fill('growth-graph-demo', 'a-long-new-passphrase', 'a-long-new-passphrasE');
    expect((await screen.findByTestId('error-repeatPassword')).textContent).toBe('The two new passwords differ.');
    expect(mock.mutationCalls()).toEqual([]);
  });

  it('words the server\'s errors next to their fields, in Danish', async () => {
    const mock = mockClient({
      mutation: () => ({
        changePassword: {
          changed: false,
          otherSessionsEnded: 0,
          userErrors: [
            { field: ['input', 'currentPassword'], message: 'The current password is wrong.', code: 'BAD_CREDENTIALS', parameters: [] },
            { field: ['input', 'newPassword'], message: 'x', code: 'INVALID', parameters: [{ name: 'constraint', value: 'minLength' }, { name: 'min', value: '12' }] },
          ],
        },
      }),
    });
    renderWithClient(mock.client, <AccountPage displayName="Anders Admin" />, 'da');
    expect(screen.getByRole('heading', { name: 'Skift adgangskode' })).toBeTruthy();
    fill('forkert', 'kort');
    expect((await screen.findByTestId('error-currentPassword')).textContent).toBe('Den nuværende adgangskode er forkert.');
    expect(screen.getByTestId('error-newPassword').textContent).toBe('Mindst 12 tegn.');
    expect(screen.getByTestId('current-password').getAttribute('aria-invalid')).toBe('true');
    expect(mock.mutationCalls('ChangePassword')).toEqual([{ input: { currentPassword: 'forkert', newPassword: 'kort' } }]);
  });

  it('says the password changed and how many other sessions ended, in Swedish', async () => {
    const mock = mockClient({ mutation: () => ({ changePassword: { changed: true, otherSessionsEnded: 2, userErrors: [] } }) });
    renderWithClient(mock.client, <AccountPage displayName="Karin Koordinator" />, 'sv');
    fill('growth-graph-demo', 'en lång ny lösenfras');
    expect((await screen.findByTestId('password-changed')).textContent).toBe('Ditt lösenord har bytts. 2 andra sessioner loggades ut; den här är fortfarande inloggad.');
    expect((screen.getByTestId('new-password') as HTMLInputElement).value).toBe('');
  });
});
