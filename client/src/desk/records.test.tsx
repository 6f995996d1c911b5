import { mockClient } from '../ui/testing';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { Provider, type Client } from 'urql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fromValue } from 'wonka';
import type { DeskContactPersonFragment } from '../generated/graphql';
import { ContactPersonsPanel } from './ContactPersonsPanel';
import { RecordTouchpointForm } from './RecordTouchpointForm';

afterEach(cleanup);

type Op = { query: { definitions: Array<{ name?: { value: string } }> }; variables: Record<string, unknown> };
const opName = (op: Op) => op.query.definitions[0]?.name?.value;

/** A client answering each operation (query or mutation) by its name. */
const clientFor = (answers: Record<string, unknown>) => mockClient({ queries: answers, mutations: answers });

const SECRET = 'Long-term sick leave';
const person = (over: Partial<DeskContactPersonFragment> = {}): DeskContactPersonFragment => ({
  id: 'p1',
  name: 'Karen Jensen',
  role: 'CFO',
  email: 'karen@example.com',
  phone: null,
  version: 1,
  createdAt: '2025-03-01T10:00:00.000Z',
  organisation: { id: 'midt', name: 'Erhvervshus Midtjylland' },
  sensitiveNote: { category: 'SENSITIVE', masked: true, present: true, value: null },
  fieldCategories: [
    { field: 'name', category: 'ORDINARY' },
    { field: 'role', category: 'ORDINARY' },
    { field: 'email', category: 'CONTACT' },
    { field: 'phone', category: 'CONTACT' },
    { field: 'sensitiveNote', category: 'SENSITIVE' },
  ],
  ...over,
});

describe('ContactPersonsPanel', () => {
  it('shows the sensitive note masked, reveals it with a reason, and keeps the reveal to this person', async () => {
    const { client, executeMutation } = clientFor({
      DeskContactPersons: { contactPersons: [person(), person({ id: 'p2', name: 'Ole Hansen', sensitiveNote: { category: 'SENSITIVE', masked: true, present: false, value: null } })] },
      DeskRevealContactPerson: {
        revealContactPerson: {
          contactPerson: person({ sensitiveNote: { category: 'SENSITIVE', masked: false, present: true, value: SECRET } }),
          log: { id: 'l1', at: '2025-03-02T09:00:00.000Z', reason: 'Follow-up', fields: ['sensitiveNote'] },
          userErrors: [],
        },
      },
    });
    render(
      <Provider value={client}>
        <ContactPersonsPanel firmId="f1" organisationId="midt" recordingOrganisationIds={['midt']} />
      </Provider>,
    );
    const [karen, ole] = screen.getAllByTestId('contact-person');
    expect(within(karen).getByTestId('sensitive-note').dataset.state).toBe('masked');
    expect(within(ole).getByTestId('sensitive-note').textContent).toBe('None recorded');
    expect(within(ole).queryByTestId('reveal-start')).toBeNull();
    expect(document.body.textContent).not.toContain(SECRET);
    // Each field carries its category from the API.
    expect(within(karen).getByText('E-mail').parentElement!.textContent).toContain('Contact');

    fireEvent.click(within(karen).getByTestId('reveal-start'));
    fireEvent.change(within(karen).getByLabelText('Why do you need to see it?'), { target: { value: ' Follow-up ' } });
    fireEvent.click(within(karen).getByTestId('reveal-submit'));
    await waitFor(() => expect(executeMutation).toHaveBeenCalledTimes(1));
    expect((executeMutation.mock.calls[0][0] as Op).variables.input).toEqual({ contactPersonId: 'p1', reason: 'Follow-up' });
    await waitFor(() => expect(within(karen).getByTestId('sensitive-note').textContent).toBe(SECRET));
    expect(within(karen).getByTestId('reveal-logged').textContent).toContain('the reveal is logged');
    fireEvent.click(within(karen).getByRole('button', { name: 'Hide again' }));
    expect(within(karen).getByTestId('sensitive-note').dataset.state).toBe('masked');
  });

  it('offers no reveal to a user who may not record for the holding organisation', () => {
    const { client } = clientFor({ DeskContactPersons: { contactPersons: [person()] } });
    render(
      <Provider value={client}>
        <ContactPersonsPanel firmId="f1" organisationId={null} recordingOrganisationIds={[]} />
      </Provider>,
    );
    expect(screen.queryByTestId('reveal-start')).toBeNull();
    expect(screen.queryByTestId('add-contact-form')).toBeNull();
  });
});

describe('RecordTouchpointForm', () => {
  it('sends an outcome report under outcomeReport and shows the API\'s errors next to the fields they name', async () => {
    const { client, executeMutation } = clientFor({
      DeskRecordTouchpoint: {
        recordTouchpoint: {
          touchpoint: null,
          milestone: null,
          referral: null,
          userErrors: [
            { field: ['input', 'occurredAt'], message: 'occurredAt may be at most 14 days before the entry is recorded', code: 'INVALID' },
            { field: ['input', 'outcomeReport', 'measuredOn'], message: 'Outcomes cannot be reported for a future date.', code: 'INVALID' },
          ],
        },
      },
    });
    render(
      <Provider value={client}>
        <RecordTouchpointForm firmId="f1" organisationId="midt" />
      </Provider>,
    );
    fireEvent.change(screen.getByLabelText('Kind'), { target: { value: 'OUTCOME_REPORT' } });
    fireEvent.click(screen.getByTestId('source-REGISTER_MEASURED'));
    fireEvent.change(screen.getByLabelText('Figures as of'), { target: { value: '2030-01-01' } });
    fireEvent.change(screen.getByLabelText('Jobs (full-time employees)'), { target: { value: '7' } });
    fireEvent.click(screen.getByTestId('record-submit'));
    await waitFor(() => expect(executeMutation).toHaveBeenCalledTimes(1));
    const input = (executeMutation.mock.calls[0][0] as Op).variables.input as Record<string, unknown>;
    expect(input.kind).toBe('OUTCOME_REPORT');
    expect(input.outcomeReport).toEqual({ source: 'REGISTER_MEASURED', measuredOn: '2030-01-01', jobs: 7, revenue: null, exportRevenue: null, currency: null });
    expect(Object.keys(input).filter((k) => ['note', 'firstContact', 'growthPartnership', 'eventAttendance'].includes(k))).toEqual([]);

    const when = screen.getByLabelText('When it happened');
    await waitFor(() => expect(when.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(when.getAttribute('aria-describedby')!)!.textContent).toMatch(/at most 14 days/);
    const measured = screen.getByLabelText('Figures as of');
    expect(document.getElementById(measured.getAttribute('aria-describedby')!)!.textContent).toBe('Outcomes cannot be reported for a future date.');
    // Another kind chosen: the errors of the outcome report no longer show.
    fireEvent.change(screen.getByLabelText('Kind'), { target: { value: 'NOTE' } });
    expect(screen.getByLabelText('When it happened').getAttribute('aria-invalid')).toBeNull();
  });
});
