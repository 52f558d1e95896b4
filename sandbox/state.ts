/** The sandbox's whole state (plain JSON, so --state can save and load it) and its seed. */
import { seedState } from './seed';

export type Json = Record<string, unknown>;

export interface Submission {
  task_category: string;
  task_description: string;
  respondent_phone: string;
  business_name?: string;
  user_name?: string;
  user_phone?: string;
  appointment_date?: string;
  appointment_time?: string;
  time_preference_text?: string;
  party_size?: number;
  language?: string;
  call_language?: string;
  is_urgent?: boolean;
  additional_instructions?: string[];
}

export interface CallRecord {
  call_id: string;
  status: string;
  highlights?: string;
  next_steps?: string;
  duration_seconds?: number;
  credits_used?: number;
  metadata: { created_at: string; ended_at?: string };
  submission: Submission;
  timezone: string;
  to: string;
  business_name?: string;
  created_at: string;
  ended_at?: string;
  scheduled_for?: string;
  /** A transcript given by a test control (/sandbox/seed-hostile) instead of the derived one. */
  transcript?: { speaker: string; content: string; timestamp: string }[];
}

export interface GoalStep {
  step: number;
  description: string;
  status: 'completed' | 'in_progress' | 'pending' | 'skipped';
  credits?: number;
}

export type WaitingFor = 'step_approval' | 'budget_approval' | 'soft_cap' | 'outcome_acceptance' | null;

export interface GoalRecord {
  id: string;
  title: string;
  status: 'active' | 'pending' | 'completed' | 'cancelled' | 'archived';
  description: string;
  created_at: string;
  updated_at: string;
  credits_used: number;
  credits_estimated: number;
  parent_goal_id: string | null;
  sub_goal_count: number;
  steps: GoalStep[];
  waiting_for: WaitingFor;
  outcome: string | null;
  conversation_id: string | null;
  escalated: boolean;
  budget: { approved: boolean; soft_cap: number; hard_cap: number; soft_cap_acknowledged: boolean };
  cost_items: { action: string; credits: number; timestamp: string }[];
}

export interface ChatTurn {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  created_at: string;
  goal_id?: string | null;
}
export interface Conversation {
  id: string;
  title: string;
  created_at: string;
  messages: ChatTurn[];
}

export interface InboxMessage {
  id: string;
  from: string;
  subject: string;
  channel: string;
  preview: string;
  body: string;
  unread: boolean;
  received_at: string;
  conversation_id: string;
}

export interface OutboxEmail {
  id: string;
  to: string;
  cc?: string | string[];
  subject: string;
  body: string;
  status: 'pending_approval' | 'sent' | 'cancelled' | 'failed';
  created_at: string;
  sent_at?: string;
  /** Why the provider refused it (status failed). */
  failure_reason?: string;
  /** Set when KallyAI revised the draft (POST /v1/coordination/message asking for a revision). */
  updated_at?: string;
  revision?: number;
  /** The email message this draft answers (POST /v1/email/messages/{id}/respond). */
  reply_to?: string;
  replies: { id: string; from: string; subject?: string; body: string; received_at: string }[];
}

/** A WhatsApp or Telegram connection; `pairing_code` while a connect waits for the person to finish it. */
export interface WebhookChannel {
  connected: boolean;
  account_name: string | null;
  connected_at: string | null;
  pairing_code?: string;
  pairing_expires_at?: string;
}

export interface CreditEntry {
  id: string;
  type: string;
  description: string;
  credits: number;
  timestamp: string;
  goal_id: string | null;
}

export interface AuthState {
  /** HMAC key of this sandbox's JWT-like tokens. */
  secret: string;
  /** Access tokens by jti: expiry (ms). */
  access: Record<string, { exp: number }>;
  /** Refresh tokens: true while usable, false once rotated. */
  refresh: Record<string, boolean>;
  codes: Record<
    string,
    { client_id: string; redirect_uri: string; challenge?: string; expires: number; used: boolean }
  >;
}

export interface SandboxState {
  version: 1;
  user: { id: string; email: string; name: string; created_at: string };
  auth: AuthState;
  credits: { remaining: number; allocated: number; plan_type: string; period_start: string; period_end: string };
  creditHistory: CreditEntry[];
  subscription: {
    plan_type: string;
    status: string;
    annual: boolean;
    current_period_start: string;
    current_period_end: string;
    pending_change: { new_plan: string; effective_date: string } | null;
    change_times: number[];
  };
  /** Newest first. */
  calls: CallRecord[];
  /** Idempotency-Key → the call it placed and a hash of its body (a bare call id in older state files). */
  idempotency: Record<string, string | { call_id: string; fingerprint: string }>;
  goals: GoalRecord[];
  conversations: Conversation[];
  inbox: InboxMessage[];
  outbox: OutboxEmail[];
  actions: Json[];
  calendarEvents: Json[];
  bookings: Json[];
  searches: Json[];
  inboundCalls: Json[];
  rules: Json[];
  voicemails: Json[];
  contacts: Json[];
  inboundEvents: Json[];
  phoneNumbers: Json[];
  forwardingTargets: Json[];
  verifications: Record<string, { code: string; verified: boolean }>;
  emailAccounts: Json[];
  emailMessages: Json[];
  voiceProfile: Json;
  channelEmails: Json[];
  webhooks: Record<string, WebhookChannel | undefined>;
  outreachTasks: Json[];
  referrals: Json[];
  referralCode: string;
}

export const DEMO_USER = { email: 'demo@kallyai.test', name: 'Demo User' };

/** A fresh state: seeded demo data, or (empty) only the demo user with credits. */
export function createState(opts: { empty?: boolean; now?: number; auth?: AuthState } = {}): SandboxState {
  return seedState(opts.now ?? Date.now(), !!opts.empty, opts.auth);
}
