import { defineDomain } from '../operation';
import * as s from '../schemas/actions';

/** Actions KallyAI takes for the user (contract §5.5). Outgoing email waits for approval; approving sends it. */
export const actions = defineDomain('actions', {
  createCalendarEvent: { method: 'POST', path: '/v1/actions/calendar/events', body: s.CalendarEventBody, response: s.Result, changes: ['actions'], summary: 'Add a calendar event' },
  calendarSlots: { method: 'GET', path: '/v1/actions/calendar/slots', query: s.CalendarSlotsQuery, response: s.Result, summary: 'Free calendar slots' },
  calendarSync: { method: 'POST', path: '/v1/actions/calendar/sync', response: s.Result, idempotent: true, changes: ['actions'], summary: 'Sync with Google Calendar / Outlook' },
  deleteCalendarEvent: { method: 'DELETE', path: '/v1/actions/calendar/events/{id}', response: s.Result, irreversible: true, changes: ['actions'], summary: 'Delete a calendar event' },
  searchRestaurants: { method: 'POST', path: '/v1/actions/bookings/restaurants/search', body: s.RestaurantSearchBody, response: s.RestaurantResults, costsCredits: true, changes: ['credits'], estimate: 'search', cost: 'search', summary: 'Search restaurants' },
  createBooking: { method: 'POST', path: '/v1/actions/bookings', body: s.BookingBody, response: s.Result, costsCredits: true, contactsPeople: true, changes: ['actions', 'credits'], estimate: 'booking', cost: 'booking', summary: 'Make a booking' },
  cancelBooking: { method: 'DELETE', path: '/v1/actions/bookings/{id}', response: s.Result, contactsPeople: true, irreversible: true, changes: ['actions'], summary: 'Cancel a booking' },
  analyzeBill: { method: 'POST', path: '/v1/actions/bills/analyze', body: s.BillAnalyzeBody, response: s.BillAnalysis, costsCredits: true, changes: ['actions', 'credits'], cost: 'bill_analysis', summary: 'Check a bill for overcharges' },
  disputeBill: { method: 'POST', path: '/v1/actions/bills/dispute', body: s.BillDisputeBody, response: s.Result, costsCredits: true, contactsPeople: true, changes: ['actions', 'credits'], cost: 'bill_analysis', summary: 'Dispute a bill with the provider' },
  ride: { method: 'POST', path: '/v1/actions/tasks/ride', body: s.RideBody, response: s.Result, costsCredits: true, contactsPeople: true, changes: ['actions', 'credits'], estimate: 'ride', cost: 'ride', summary: 'Request a ride' },
  food: { method: 'POST', path: '/v1/actions/tasks/food', body: s.FoodBody, response: s.Result, costsCredits: true, contactsPeople: true, changes: ['actions', 'credits'], estimate: 'food', cost: 'food', summary: 'Order food' },
  errand: { method: 'POST', path: '/v1/actions/tasks/errand', body: s.ErrandBody, response: s.Result, costsCredits: true, contactsPeople: true, changes: ['actions', 'credits'], estimate: 'errand', cost: 'errand', summary: 'Run an errand' },
  sendEmail: { method: 'POST', path: '/v1/actions/email/send', body: s.SendEmailBody, response: s.OutboxEmail, changes: ['email', 'inbox', 'actions'], summary: 'Draft an email (it waits for approval)' },
  approveEmail: { method: 'POST', path: '/v1/actions/email/{id}/approve', response: s.Result, costsCredits: true, contactsPeople: true, irreversible: true, changes: ['email', 'inbox', 'actions', 'credits'], estimate: 'email', cost: 'email_send', summary: 'Approve and send a drafted email' },
  cancelEmail: { method: 'POST', path: '/v1/actions/email/{id}/cancel', response: s.Result, irreversible: true, changes: ['email', 'inbox', 'actions'], summary: 'Discard a drafted email' },
  emailOutbox: { method: 'GET', path: '/v1/actions/email/outbox', response: s.Outbox, summary: 'Drafted and sent emails' },
  emailReplies: { method: 'GET', path: '/v1/actions/email/{id}/replies', response: s.EmailReplies, summary: 'Replies to a sent email' },
  log: { method: 'GET', path: '/v1/actions/log', query: s.ActionLogQuery, response: s.ActionLog, summary: 'Actions taken' },
  undo: { method: 'POST', path: '/v1/actions/{id}/undo', response: s.Result, irreversible: true, changes: ['actions', 'credits'], summary: 'Undo an action' },
});
