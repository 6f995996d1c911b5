import { mockClient } from '../ui/testing';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { Provider, type Client } from 'urql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SignInPage } from './SignInPage';

afterEach(cleanup);

/** A urql client whose mutations all answer `data`. */
const clientFor = (data: unknown) => mockClient({ mutation: () => data });

const withClient = (client: Client, ui: ReactNode) => render(<Provider value={client}>{ui}</Provider>);

function fillAndSubmit(email: string, password: string) {
  fireEvent.change(screen.getByLabelText('E-mail'), { target: { value: email } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('SignInPage', () => {
  it('shows the form and the demo hint', () => {
    withClient(clientFor(null).client, <SignInPage onSignedIn={vi.fn()} />);
    expect(screen.getByRole('form', { name: 'Growth Graph' })).toBeTruthy();
    expect(screen.getByText('Demo users: see README')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows the userErrors of the payload and does not sign in', async () => {
    const { client, executeMutation } = clientFor({
      signIn: {
        token: null,
        expiresAt: null,
        user: null,
        userErrors: [{ field: ['input', 'password'], message: 'E-mail or password is wrong.', code: 'BAD_CREDENTIALS', parameters: [] }],
      },
    });
    const onSignedIn = vi.fn();
    withClient(client, <SignInPage onSignedIn={onSignedIn} />);
    fillAndSubmit(' consultant@midtjylland.demo ', 'wrong');

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Wrong e-mail or password.'); // worded by the client from the code
    expect(screen.getByLabelText('Password').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('E-mail').getAttribute('aria-invalid')).toBeNull();
    expect(onSignedIn).not.toHaveBeenCalled();
    const [operation] = executeMutation.mock.calls[0] as unknown as [{ variables: unknown }];
    expect(operation.variables).toEqual({ input: { email: 'consultant@midtjylland.demo', password: 'wrong' } });
  });

  it('hands the token over when the payload has no userErrors', async () => {
    const { client } = clientFor({
      signIn: { token: 'tok-1', expiresAt: '2026-05-01T20:00:00.000Z', user: { id: 'u1', displayName: 'Mette Consultant' }, userErrors: [] },
    });
    const onSignedIn = vi.fn();
    withClient(client, <SignInPage onSignedIn={onSignedIn} />);
    fillAndSubmit('consultant@midtjylland.demo', 'growth-graph-demo');
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith('tok-1', '2026-05-01T20:00:00.000Z'));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows why the user was sent back to sign in', () => {
    withClient(clientFor(null).client, <SignInPage onSignedIn={vi.fn()} notice="Your session has ended. Please sign in again." />);
    expect(screen.getByRole('status').textContent).toBe('Your session has ended. Please sign in again.');
  });
});
