/** Inbound calls that arrive while you watch: KallyAI answers (the call is `active`), and after a
 *  while the caller hangs up — the call is `completed` with a summary and action items, or the
 *  caller left a voicemail. A call taken over, transferred or rejected in between keeps what that
 *  did. Inbound calls run at a person's pace (real seconds), not on the --time-scale clock: they
 *  are there to be acted on. `--inbound-every S` brings one every S seconds or so. While the run is
 *  hostile (hostileText.ts) what KallyAI says about a call — its summary, action items and the
 *  voicemail left — is made of the payloads. */
import { iso } from '../clock';
import type { Sandbox } from '../context';
import { type HostileText, pick, wording } from '../hostileText';
import { newId } from '../ids';
import type { Json } from '../state';

export interface InboundCallOptions {
  caller_number?: string;
  caller_name?: string | null;
  /** How long the call lasts, in real seconds (default 45). */
  duration_seconds?: number;
  /** How it ends when nobody acts on it (default: a random one, mostly `completed`). */
  outcome?: 'completed' | 'voicemail';
}

interface Caller {
  number: string;
  name: string | null;
  summary: string;
  items: string[];
  voicemail: string;
}

/** The calls this module started (the seeded live call is not one of them). */
const live = new WeakSet<Json>();

const CALLERS: readonly Caller[] = [
  {
    number: '+12015550136',
    name: 'Jamie Chen',
    summary: "Jamie wants to move Thursday's meeting to 15:00.",
    items: ['Confirm the new meeting time with Jamie'],
    voicemail: "Hi, it's Jamie. Could we move Thursday's meeting to three? Let me know. Thanks!",
  },
  {
    number: '+12015550137',
    name: 'Northside Pharmacy',
    summary: 'The prescription is ready for pickup until 19:00.',
    items: ['Pick up the prescription before 19:00'],
    voicemail: 'Hello, this is Northside Pharmacy. Your prescription is ready; we are open until seven.',
  },
  {
    number: '+12015550130',
    name: 'Alex Rivera',
    summary: 'Alex confirmed Friday dinner at 20:00 and will bring dessert.',
    items: [],
    voicemail: "Hey, Alex here. Friday at eight works, I'll bring dessert. See you!",
  },
  {
    number: '+12015550138',
    name: null,
    summary: 'An unknown caller asked for the owner of the house for sale and left no name.',
    items: [],
    voicemail: "Hi, I'm calling about the house for sale. Please call me back on this number.",
  },
  {
    number: '+12015550139',
    name: 'Riverside Garage',
    summary: 'The car passed its inspection; it can be collected tomorrow after 9:00.',
    items: ['Collect the car tomorrow after 9:00'],
    voicemail: 'Riverside Garage here: your car passed the inspection, you can collect it tomorrow after nine.',
  },
];

function event(sb: Sandbox, type: string, call: Json): void {
  sb.state.inboundEvents.unshift({
    id: newId(),
    type,
    call_id: call.id,
    timestamp: iso(),
    data: { caller_number: call.caller_number },
  });
}

function pickCaller(number?: string): Caller {
  return CALLERS.find((c) => c.number === number) ?? CALLERS[Math.floor(Math.random() * CALLERS.length)];
}

/** Starts an inbound call now (status `active`); it ends by itself after its duration. */
export function startInboundCall(sb: Sandbox, opts: InboundCallOptions = {}): Json {
  const known = pickCaller(opts.caller_number);
  const number = opts.caller_number ?? known.number;
  const contact = sb.state.contacts.find((c) => c.phone_number === number);
  const name =
    opts.caller_name !== undefined ? opts.caller_name : ((contact?.name as string | undefined) ?? known.name);
  const seconds = Math.max(1, Math.min(3600, opts.duration_seconds ?? 45));
  const outcome = opts.outcome ?? (Math.random() < 0.35 ? 'voicemail' : 'completed');
  const started = Date.now();
  const call: Json = {
    id: newId(),
    caller_number: number,
    caller_name: name ?? null,
    status: 'active',
    created_at: iso(started),
    duration_seconds: 0,
    summary: wording(sb, 173, 'KallyAI is answering the call.'),
    is_vip: contact?.is_vip === true,
    action_items: [],
  };
  sb.state.inboundCalls.unshift(call);
  live.add(call);
  event(sb, 'call.active', call);
  sb.changed();
  const generation = sb.generation;
  const timer = setTimeout(() => {
    sb.inboundTimers.delete(timer);
    if (generation !== sb.generation) return;
    endInboundCall(
      sb,
      call,
      sb.hostile ? hostileCaller(known, sb.hostile) : known,
      outcome,
      (Date.now() - started) / 1000,
    );
  }, seconds * 1000);
  timer.unref?.();
  sb.inboundTimers.add(timer);
  return call;
}

/** The caller's words as payloads (number and name stay as the call arrived). */
function hostileCaller(caller: Caller, h: HostileText): Caller {
  return { ...caller, summary: pick(h, 174), items: h.payloads.slice(0, 3), voicemail: h.all };
}

function endInboundCall(
  sb: Sandbox,
  call: Json,
  caller: Caller,
  outcome: 'completed' | 'voicemail',
  seconds: number,
): void {
  if (call.status !== 'active') return; // transferred or rejected meanwhile
  call.duration_seconds = Math.round(seconds * 10) / 10;
  call.status = 'completed';
  call.ended_at = iso();
  if (call.taken_over) {
    call.summary = wording(sb, 175, 'You took over the call from KallyAI.');
  } else if (outcome === 'voicemail') {
    const voicemail = {
      id: newId(),
      call_id: call.id,
      caller_number: call.caller_number,
      caller_name: call.caller_name ?? null,
      duration_seconds: Math.max(4, Math.min(60, Math.round(caller.voicemail.length / 12))),
      transcription: caller.voicemail,
      listened: false,
      created_at: iso(),
    };
    sb.state.voicemails.unshift(voicemail);
    call.summary = `The caller left a voicemail: ${caller.voicemail}`;
    call.voicemail_id = voicemail.id;
    event(sb, 'voicemail.created', call);
  } else {
    call.summary = caller.summary;
    call.action_items = caller.items.map((description, index) => ({ index, description, status: 'pending' }));
  }
  event(sb, 'call.completed', call);
  sb.changed();
}

/** `--inbound-every S`: an inbound call every S seconds or so (±30%), never two at once. */
export function startInboundSchedule(sb: Sandbox, everySeconds: number): void {
  const next = () => {
    const timer = setTimeout(
      () => {
        sb.inboundTimers.delete(timer);
        if (!sb.state.inboundCalls.some((c) => c.status === 'active' && live.has(c)))
          startInboundCall(sb, { duration_seconds: 30 + Math.round(Math.random() * 30) });
        next();
      },
      everySeconds * 1000 * (0.7 + Math.random() * 0.6),
    );
    timer.unref?.();
    sb.inboundTimers.add(timer);
  };
  next();
}

/** Stops every pending inbound timer (the sandbox is closing). */
export function stopInboundTimers(sb: Sandbox): void {
  for (const t of sb.inboundTimers) clearTimeout(t);
  sb.inboundTimers.clear();
}
