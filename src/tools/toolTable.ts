/** The language-model tools KallyAI offers to agents: a few dozen, each one operation of the
 *  catalogue, chosen so a model can do what a person does with KallyAI (read goals, calls, the
 *  inbox and credits; search; estimate; place a call; approve a step; send an approved draft…).
 *  Read-only tools (`op.readOnly`) run without asking; every other tool is confirmed by the person
 *  first, naming the stakes of a flagged operation or what an unflagged one changes. No `vscode`. */
import { ops } from '../api/catalogue';
import { callLabel } from '../models/call';
import { goalTitle } from '../models/goal';
import { tool, type ToolSpec } from './toolSpec';

const GOAL_ID = "The goal's id, as returned by kallyai_list_goals or kallyai_ask.";
const CALL_ID = "The call's id, as returned by kallyai_list_calls or kallyai_place_call.";

export const tools: readonly ToolSpec[] = [
  // Goals: KallyAI's multi-step work, which stops for the user's approval and budget.
  tool(ops.coordination.message, {
    name: 'kallyai_ask',
    title: 'Ask KallyAI',
    userDescription: 'Send a request in plain words to KallyAI, which may start a goal.',
    modelDescription:
      "Sends a request in plain words to KallyAI, the user's AI executive assistant, which plans and runs it as a goal (calls, emails, bookings, searches, errands). Use it for anything the user wants KallyAI to do that no more specific tool covers. Needs: message (what to do, with every detail the user gave: who, when, where, budget). Pass conversation_id to continue an earlier conversation. Returns KallyAI's reply, the goal it created (goal_id) and its suggestions. Sending may use credits, so the user confirms first; goal steps that call, email or spend more wait for the user's approval (see kallyai_approve_step).",
    icon: 'comment-discussion',
    hints: {
      message: 'The request in plain words, with every detail the user gave.',
      conversation_id: 'Continue this KallyAI conversation (optional).',
    },
    lead: (d) => (d.goal_id ? `KallyAI replied and is working on goal ${d.goal_id}.` : 'KallyAI replied.'),
  }),
  tool(ops.coordination.goals, {
    name: 'kallyai_list_goals',
    title: 'List KallyAI Goals',
    userDescription: 'The goals KallyAI is working on, with their status.',
    modelDescription:
      "Lists the user's KallyAI goals (multi-step tasks) with their id, title, status, credits used and what each waits for. Use it to find a goal's id or to see what needs the user. Optional: status (active, pending, completed, cancelled, archived), limit.",
    reference: 'kallyaiGoals',
    icon: 'checklist',
    lead: (d) => `${d.goals.length} goal(s).`,
  }),
  tool(ops.coordination.goal, {
    name: 'kallyai_get_goal',
    title: 'Get a KallyAI Goal',
    userDescription: 'One goal with its steps and what it waits for.',
    modelDescription:
      'Reads one KallyAI goal: title, status, description, steps with their status, credits used and estimated, and what it waits for from the user (step approval, budget approval, outcome acceptance). Needs: id.',
    reference: 'kallyaiGoal',
    icon: 'target',
    hints: { id: GOAL_ID },
    lead: (d) => `Goal "${goalTitle(d)}": ${d.status ?? 'status unknown'}.`,
  }),
  tool(ops.coordination.goalBudget, {
    name: 'kallyai_get_goal_budget',
    title: "Get a Goal's Budget",
    userDescription: 'Credits estimated, used and remaining for a goal.',
    modelDescription:
      "Reads a goal's budget: credits estimated, used and remaining, and what they were spent on. Needs: id.",
    icon: 'graph',
    hints: { id: GOAL_ID },
  }),
  tool(ops.coordination.approveStep, {
    name: 'kallyai_approve_step',
    title: 'Approve a Goal Step',
    userDescription: 'Approve the next step of a goal (asks you first).',
    modelDescription:
      "Approves the next step of a goal that waits for the user's approval, so KallyAI goes ahead (the step may call or email someone and use credits). Use only when the user said to go ahead. The user confirms before anything happens. Needs: id (a goal waiting for step approval).",
    icon: 'check',
    hints: { id: GOAL_ID },
  }),
  tool(ops.coordination.acceptOutcome, {
    name: 'kallyai_accept_outcome',
    title: "Accept a Goal's Outcome",
    userDescription: 'Accept what KallyAI achieved for a goal (asks you first).',
    modelDescription:
      'Accepts the outcome a goal reached (KallyAI stops negotiating and closes it; this cannot be undone). Use only when the user is happy with the outcome. The user confirms first. Needs: id.',
    icon: 'pass',
    hints: { id: GOAL_ID },
  }),
  tool(ops.coordination.cancelGoal, {
    name: 'kallyai_cancel_goal',
    title: 'Cancel a Goal',
    userDescription: 'Stop a goal (asks you first).',
    modelDescription:
      'Cancels a goal: KallyAI stops working on it (cannot be undone). Use only when the user asked to stop it. The user confirms first. Needs: id.',
    icon: 'close',
    hints: { id: GOAL_ID },
  }),
  tool(ops.coordination.history, {
    name: 'kallyai_conversation_history',
    title: 'Read KallyAI Conversation History',
    userDescription: 'The messages exchanged with KallyAI.',
    modelDescription:
      "Reads the messages exchanged with KallyAI's assistant, newest last. Optional: conversation_id (one conversation), limit.",
    icon: 'history',
  }),

  // Outbound calls: KallyAI phones businesses for the user.
  tool(ops.calls.create, {
    name: 'kallyai_place_call',
    title: 'Place a Phone Call',
    userDescription: 'KallyAI phones a business for you (asks you first).',
    modelDescription:
      "KallyAI's AI places a real phone call to a business for the user (book a table, make an appointment, ask a question) and returns the call's outcome. It reaches a real person and costs credits: the user confirms the number, the task and the estimated cost first. Use only when the user asked for this call. Needs: respondent_phone (the number in international format, e.g. +14155550123), task_category (restaurant, clinic, hotel or general), task_description (10–1000 characters: what to achieve, with names, dates, times and party size), language and call_language (en or es). Optional: business_name, user_name (the name for the booking), appointment_date (YYYY-MM-DD), appointment_time (HH:MM), time_preference_text, party_size, timezone (IANA, e.g. Europe/Madrid).",
    icon: 'call-outgoing',
    unwrap: 'submission',
    phones: ['respondent_phone', 'user_phone'],
    omit: ['user_phone', 'additional_instructions', 'session_id'],
    hints: {
      respondent_phone: "The business's phone number, international format (+14155550123).",
      task_description: 'What the call should achieve, in plain words, with every detail.',
      timezone: "The user's IANA time zone (Europe/Madrid); dates and times are read in it.",
    },
    mentionsNumbers: true,
    lead: (d) => `Call to ${callLabel(d)}: ${d.status}.`,
  }),
  tool(ops.calls.list, {
    name: 'kallyai_list_calls',
    title: 'List Phone Calls',
    userDescription: 'The calls KallyAI made for you.',
    modelDescription:
      "Lists the calls KallyAI placed for the user, newest first: id, business, status, date and a summary. Use it to find a call's id. Optional: limit (default 20), offset.",
    reference: 'kallyaiCalls',
    icon: 'call-outgoing',
    mentionsNumbers: true,
    lead: (d) => `${d.calls.length} call(s).`,
  }),
  tool(ops.calls.get, {
    name: 'kallyai_get_call',
    title: 'Get a Phone Call',
    userDescription: 'One call with its status and outcome.',
    modelDescription:
      'Reads one call KallyAI placed: business, status, outcome, summary, appointment, duration. Needs: call_id.',
    icon: 'call-outgoing',
    hints: { call_id: CALL_ID },
    mentionsNumbers: true,
    lead: (d) => `Call to ${callLabel(d)}: ${d.status}.`,
  }),
  tool(ops.calls.transcript, {
    name: 'kallyai_get_transcript',
    title: 'Read a Call Transcript',
    userDescription: 'What was said on a call.',
    modelDescription:
      'Reads the transcript of a call: who said what, in order. Use it to answer questions about what was said. Needs: call_id.',
    reference: 'kallyaiTranscript',
    icon: 'note',
    hints: { call_id: CALL_ID },
    lead: (d) => `${d.entries.length} line(s) of transcript.`,
  }),
  tool(ops.calls.reschedule, {
    name: 'kallyai_reschedule_call',
    title: 'Reschedule a Call',
    userDescription: 'Move a scheduled call to another date or time (asks you first).',
    modelDescription:
      'Moves a call that is scheduled but not yet placed to another date and/or time; KallyAI then calls the business at the new time. Use only when the user asked to move this call. The user confirms first. Needs: call_id; date (YYYY-MM-DD) and/or time (HH:MM).',
    icon: 'calendar',
    hints: { call_id: CALL_ID },
  }),
  tool(ops.calls.cancel, {
    name: 'kallyai_cancel_call',
    title: 'Cancel a Scheduled Call',
    userDescription: 'Cancel a call that has not been placed yet (asks you first).',
    modelDescription:
      'Cancels a scheduled call before it is placed (cannot be undone). The user confirms first. Needs: call_id.',
    icon: 'close',
    hints: { call_id: CALL_ID },
  }),

  // The inbox and email drafts.
  tool(ops.messages.inbox, {
    name: 'kallyai_list_inbox',
    title: 'Read the KallyAI Inbox',
    userDescription: 'Messages KallyAI received for you (email, SMS, calls, chat).',
    modelDescription:
      'Lists the messages in the user\'s KallyAI inbox (replies from businesses and people by email, SMS, call or chat): id, channel, sender, subject, preview, read or not. Optional: channel (email, sms, call, chat), unread ("true" for unread only), limit.',
    reference: 'kallyaiInbox',
    icon: 'inbox',
    mentionsNumbers: true,
    lead: (d) => `${d.messages.length} message(s).`,
  }),
  tool(ops.messages.message, {
    name: 'kallyai_read_message',
    title: 'Read an Inbox Message',
    userDescription: 'One message from the inbox, in full.',
    modelDescription: 'Reads one inbox message in full. Needs: id (from kallyai_list_inbox).',
    icon: 'mail-read',
    hints: { id: "The message's id, from kallyai_list_inbox." },
    mentionsNumbers: true,
  }),
  tool(ops.actions.emailOutbox, {
    name: 'kallyai_list_email_drafts',
    title: 'List Email Drafts',
    userDescription: 'Emails KallyAI wrote that wait for your approval, and sent ones.',
    modelDescription:
      "Lists the emails KallyAI wrote for the user: drafts waiting for approval (status pending_approval) and sent ones, with id, recipient and subject. Use it to find a draft's id.",
    icon: 'mail',
    lead: (d) => `${d.emails.length} email(s).`,
  }),
  tool(ops.actions.approveEmail, {
    name: 'kallyai_send_approved_draft',
    title: 'Send an Email Draft',
    userDescription: 'Send an email KallyAI drafted (asks you first).',
    modelDescription:
      "Sends an email draft KallyAI wrote (status pending_approval), from the user's account; sent email cannot be recalled. Use only when the user approved this draft. The user confirms the recipient and subject first. Needs: id (from kallyai_list_email_drafts).",
    icon: 'send',
    hints: { id: "The draft's id, from kallyai_list_email_drafts." },
  }),

  // The receptionist: calls to the user's own line.
  tool(ops.inbound.calls, {
    name: 'kallyai_list_receptionist_calls',
    title: 'List Receptionist Calls',
    userDescription: 'Calls KallyAI answered on your line.',
    modelDescription:
      'Lists the calls KallyAI\'s receptionist answered on the user\'s own line: id, caller, status, summary, date. Optional: status (active, completed, missed, rejected), vip_only ("true"), date_from and date_to (YYYY-MM-DD), limit.',
    icon: 'call-incoming',
    mentionsNumbers: true,
  }),
  tool(ops.inbound.voicemails, {
    name: 'kallyai_list_voicemails',
    title: 'List Voicemails',
    userDescription: 'Voicemails left on your line.',
    modelDescription: "Lists the voicemails left on the user's line, with caller, date and transcription.",
    icon: 'record',
    mentionsNumbers: true,
  }),

  // Search, bookings and outreach.
  tool(ops.search.run, {
    name: 'kallyai_search_businesses',
    title: 'Search Businesses',
    userDescription: 'Search businesses and places (uses credits; asks you first).',
    modelDescription:
      'Searches businesses and places (restaurants, clinics, shops, services) with KallyAI and returns names, addresses, phone numbers and ratings. It uses credits: the user confirms first. Needs: query (what to find). Optional: location (a city or address).',
    icon: 'search',
    mentionsNumbers: true,
  }),
  tool(ops.actions.searchRestaurants, {
    name: 'kallyai_search_restaurants',
    title: 'Search Restaurants to Book',
    userDescription: 'Find restaurants with free tables (uses credits; asks you first).',
    modelDescription:
      'Searches restaurants that can be booked, with availability, and returns their ids for kallyai_book_restaurant. Uses credits: the user confirms first. Needs: query. Optional: location, party_size, date (YYYY-MM-DD), time (HH:MM).',
    icon: 'search',
  }),
  tool(ops.actions.createBooking, {
    name: 'kallyai_book_restaurant',
    title: 'Book a Table',
    userDescription: 'Book a restaurant or service (asks you first).',
    modelDescription:
      'Books a table (or another service) for the user: it contacts the business and may cost credits, so the user confirms first. Needs: type (restaurant, hotel, service, other). For a restaurant: restaurant_id (from kallyai_search_restaurants), date (YYYY-MM-DD), time (HH:MM), party_size, name. Optional: notes.',
    icon: 'calendar',
  }),
  tool(ops.outreach.create, {
    name: 'kallyai_reach_out',
    title: 'Reach Someone',
    userDescription: 'KallyAI contacts someone by call, email, WhatsApp or Telegram (asks you first).',
    modelDescription:
      "Has KallyAI contact a person or business on the user's behalf by call, email, WhatsApp or Telegram, and report back. It contacts a person and may cost credits: the user confirms first. Needs: channel (call, email, whatsapp, telegram), target (a phone number in international format or an email address), description (what to say or achieve).",
    icon: 'megaphone',
    phones: ['target'],
  }),
  tool(ops.outreach.tasks, {
    name: 'kallyai_list_outreach',
    title: 'List Outreach Tasks',
    userDescription: 'People KallyAI is contacting for you, and the replies.',
    modelDescription:
      "Lists KallyAI's outreach tasks (people and businesses it contacts for the user) with status and replies. Optional: status (pending, in_progress, completed, failed, cancelled; comma-separated), limit.",
    icon: 'megaphone',
    mentionsNumbers: true,
  }),

  // Credits.
  tool(ops.credits.balance, {
    name: 'kallyai_get_credits',
    title: 'Get Credit Balance',
    userDescription: 'Your KallyAI credits: remaining, used, plan.',
    modelDescription:
      "Reads the user's KallyAI credit balance: credits remaining, used and allocated this period, and the plan. Use it before costly actions.",
    reference: 'kallyaiCredits',
    icon: 'credit-card',
    lead: (d) => (d.credits_remaining == null ? 'Balance unknown.' : `${d.credits_remaining} credits remaining.`),
  }),
  tool(ops.budget.estimate, {
    name: 'kallyai_estimate_cost',
    title: 'Estimate a Cost',
    userDescription: 'How many credits a task would cost.',
    modelDescription:
      'Estimates how many credits a task would cost before doing it. Needs: type (call, email, search, booking, ride, food, errand) and description (the task in plain words).',
    icon: 'symbol-number',
  }),
];

const byName = new Map(tools.map((t) => [t.name, t]));

export function toolNamed(name: string): ToolSpec | undefined {
  return byName.get(name);
}
