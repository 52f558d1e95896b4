/** The @kallyai participant as package.json declares it: its name, the description shown where the
 *  person types (it names what a message may cost: sending is the consent, as in Ask) and its slash
 *  commands. `npm run manifest` writes it; the participant handles exactly these commands. */
import { PARTICIPANT_ID } from './chatThread';

export const CHAT_COMMANDS = [
  {
    name: 'call',
    description: 'Make a call: opens Make a Call with what you say filled in (number, business, date, party size)',
  },
  { name: 'goals', description: 'Your goals and what they wait for' },
  { name: 'inbox', description: 'Your latest messages' },
  { name: 'credits', description: 'Your credit balance' },
  { name: 'search', description: 'Search businesses and places (uses credits; asks you first)' },
] as const;

export type ChatCommandName = (typeof CHAT_COMMANDS)[number]['name'];

export const CHAT_PARTICIPANT = {
  id: PARTICIPANT_ID,
  name: 'kallyai',
  fullName: 'KallyAI',
  description:
    'Ask KallyAI to call, book, email or search. A message may use credits; calls, emails and spending ask you first.',
  isSticky: true,
  commands: CHAT_COMMANDS,
};
