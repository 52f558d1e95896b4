import { defineDomain } from '../operation';
import * as s from '../schemas/inbound';
import { Transcript, Recording } from '../schemas/calls';

const call = '/v1/inbound/calls/{id}';

/** The AI receptionist (contract §5.3). */
export const inbound = defineDomain('inbound', {
  calls: { method: 'GET', path: '/v1/inbound/calls', query: s.InboundCallsQuery, response: s.InboundCallList, summary: 'Inbound calls' },
  deleteCalls: { method: 'DELETE', path: '/v1/inbound/calls', body: s.DeleteInboundCallsBody, response: s.Result, irreversible: true, changes: ['receptionist'], summary: 'Delete inbound calls' },
  summary: { method: 'GET', path: '/v1/inbound/calls/summary', response: s.Result, summary: 'Inbound call totals' },
  analytics: { method: 'GET', path: '/v1/inbound/calls/analytics', query: s.DateRangeQuery, response: s.Result, summary: 'Inbound call analytics' },
  call: { method: 'GET', path: call, response: s.InboundCall, summary: 'Inbound call details' },
  transcript: { method: 'GET', path: `${call}/transcript`, response: Transcript, summary: 'Inbound call transcript' },
  recording: { method: 'GET', path: `${call}/recording`, response: Recording, summary: 'Inbound call recording' },
  updateActionItem: { method: 'PATCH', path: `${call}/action-items/{index}`, body: s.ActionItemBody, response: s.Result, idempotent: true, changes: ['receptionist'], summary: 'Mark an action item of a call' },
  transfer: { method: 'POST', path: `${call}/transfer`, body: s.TransferBody, response: s.Result, contactsPeople: true, irreversible: true, changes: ['receptionist'], summary: 'Transfer a live inbound call' },
  takeover: { method: 'POST', path: `${call}/takeover`, response: s.Result, irreversible: true, changes: ['receptionist'], summary: 'Take over a live inbound call' },
  reject: { method: 'POST', path: `${call}/reject`, body: s.RejectBody, response: s.Result, irreversible: true, changes: ['receptionist'], summary: 'Reject a live inbound call' },
  rules: { method: 'GET', path: '/v1/inbound/rules', response: s.RuleList, summary: 'Call-handling rules' },
  createRule: { method: 'POST', path: '/v1/inbound/rules', body: s.CreateRuleBody, response: s.Rule, changes: ['receptionist'], summary: 'Add a call-handling rule' },
  updateRule: { method: 'PUT', path: '/v1/inbound/rules/{id}', body: s.UpdateRuleBody, response: s.Rule, changes: ['receptionist'], summary: 'Change a call-handling rule' },
  deleteRule: { method: 'DELETE', path: '/v1/inbound/rules/{id}', response: s.Result, irreversible: true, changes: ['receptionist'], summary: 'Delete a call-handling rule' },
  voicemails: { method: 'GET', path: '/v1/inbound/voicemails', response: s.VoicemailList, summary: 'Voicemails' },
  voicemail: { method: 'GET', path: '/v1/inbound/voicemails/{id}', response: s.Voicemail, summary: 'A voicemail' },
  voicemailPlayback: { method: 'GET', path: '/v1/inbound/voicemails/{id}/playback', response: s.Playback, summary: 'Voicemail audio link' },
  contacts: { method: 'GET', path: '/v1/inbound/contacts', response: s.ContactList, summary: 'Contacts' },
  createContact: { method: 'POST', path: '/v1/inbound/contacts', body: s.CreateContactBody, response: s.Contact, changes: ['receptionist'], summary: 'Add a contact' },
  updateContact: { method: 'PUT', path: '/v1/inbound/contacts/{id}', body: s.UpdateContactBody, response: s.Contact, changes: ['receptionist'], summary: 'Change a contact' },
  deleteContact: { method: 'DELETE', path: '/v1/inbound/contacts/{id}', response: s.Result, irreversible: true, changes: ['receptionist'], summary: 'Delete a contact' },
  importContacts: { method: 'POST', path: '/v1/inbound/contacts/import', body: s.ImportContactsBody, response: s.Result, changes: ['receptionist'], summary: 'Import contacts' },
  events: { method: 'GET', path: '/v1/inbound/events', query: s.EventsQuery, response: s.InboundEvents, summary: 'Inbound event log' },
  streamInfo: { method: 'GET', path: '/v1/inbound/stream/info', response: s.Result, summary: 'Live event stream information' },
});
