import { defineDomain } from '../operation';
import * as s from '../schemas/calls';
import { anyObject } from '../schemas/common';

const call = '/v1/calls/{call_id}';

/** Outbound calls (contract §4, §5.2). POST /v1/calls blocks until the phone call ends. */
export const calls = defineDomain('calls', {
  create: {
    method: 'POST',
    path: '/v1/calls',
    body: s.CreateCallBody,
    response: s.Call,
    costsCredits: true,
    contactsPeople: true,
    irreversible: true,
    creates: true,
    longRunning: true,
    changes: ['calls', 'credits'],
    estimate: 'call',
    cost: 'call',
    summary: 'Place a phone call; answers when the call has ended',
  },
  list: {
    method: 'GET',
    path: '/v1/calls',
    query: s.CallListQuery,
    response: s.CallList,
    summary: 'Call history (paged)',
  },
  get: { method: 'GET', path: call, response: s.Call, summary: 'Call details' },
  transcript: { method: 'GET', path: `${call}/transcript`, response: s.Transcript, summary: 'Call transcript' },
  recording: { method: 'GET', path: `${call}/recording`, response: s.Recording, summary: 'Link to the call recording' },
  calendar: {
    method: 'GET',
    path: `${call}/calendar.ics`,
    response: 'text',
    summary: 'Calendar entry (.ics) for a booked appointment',
  },
  cancel: {
    method: 'POST',
    path: `${call}/cancel`,
    response: anyObject,
    irreversible: true,
    changes: ['calls'],
    summary: 'Cancel a scheduled or queued call',
  },
  // It moves a call that will reach a business: the business is called at the new time.
  reschedule: {
    method: 'POST',
    path: `${call}/reschedule`,
    body: s.RescheduleBody,
    response: anyObject,
    contactsPeople: true,
    changes: ['calls'],
    summary: 'Move a scheduled call',
  },
  stop: {
    method: 'POST',
    path: `${call}/stop`,
    response: anyObject,
    irreversible: true,
    changes: ['calls', 'credits'],
    summary: 'Hang up a live call',
  },
});
