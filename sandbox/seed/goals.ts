/** Seeded goals: one in each state the extension has to show, plus two conversations. */
import { DAY, HOUR, MINUTE, iso } from '../clock';
import { makeGoal, recountSubGoals } from '../goals/model';
import { seedId } from '../ids';
import type { Conversation, GoalRecord, SandboxState } from '../state';

export function seedGoals(state: SandboxState, now: number): void {
  const convDinner = seedId('conv-dinner');
  const convPlumber = seedId('conv-plumber');
  const offsite = seedId('goal-offsite');
  const goals: GoalRecord[] = [
    makeGoal({
      id: seedId('goal-dinner'),
      title: "Book dinner for 4 at Luigi's on Friday",
      createdMs: now - 3 * HOUR,
      conversationId: convDinner,
      creditsEstimated: 3.5,
      creditsUsed: 0.5,
      waitingFor: 'step_approval',
      steps: [
        ['Search Italian restaurants near you with a table for 4 on Friday', 'completed', 0.5],
        ["Call Luigi's Trattoria to book a table for 4 on Friday at 8:00 PM", 'pending', 1.2],
        ['Add the booking to your calendar and email the invitation to your guests', 'pending', 0.3],
      ],
    }),
    makeGoal({
      id: seedId('goal-internet'),
      title: 'Negotiate a lower internet bill',
      createdMs: now - 2 * DAY,
      creditsEstimated: 10,
      creditsUsed: 8,
      softCap: 8,
      hardCap: 9,
      waitingFor: 'soft_cap',
      steps: [
        ['Analyse the last three bills', 'completed', 1],
        ['Call the provider and ask for the loyalty discount', 'completed', 4],
        ['Call the retention team with the competitor offer', 'completed', 3],
        ['Call back to confirm the new price in writing', 'pending', 2],
      ],
    }),
    makeGoal({
      id: seedId('goal-plumber'),
      title: 'Find a plumber for the kitchen sink',
      status: 'pending',
      createdMs: now - 40 * MINUTE,
      conversationId: convPlumber,
      creditsEstimated: 12,
      budgetApproved: false,
      waitingFor: 'budget_approval',
      steps: [
        ['Search plumbers with good reviews near you', 'pending', 0.5],
        ['Call three plumbers for a quote and the earliest visit', 'pending', 6],
        ['Book the best offer', 'pending', 1.5],
      ],
    }),
    makeGoal({
      id: seedId('goal-refund'),
      title: 'Get a refund for the cancelled flight',
      createdMs: now - 4 * DAY,
      creditsEstimated: 6,
      creditsUsed: 4.4,
      waitingFor: 'outcome_acceptance',
      outcome:
        'The airline offered a $320 refund to your card within 7 days, or a $400 travel voucher valid for a year.',
      steps: [
        ['Collect the booking details', 'completed', 0.2],
        ['Call the airline customer service', 'completed', 2.6],
        ['Negotiate the refund', 'completed', 1.6],
        ['Confirm the outcome with you', 'in_progress', 0],
      ],
    }),
    makeGoal({
      id: offsite,
      title: 'Plan the team offsite in Lisbon',
      createdMs: now - 6 * DAY,
      creditsEstimated: 25,
      creditsUsed: 6.5,
      steps: [
        ['Split the plan into venue and transport', 'completed', 0.5],
        ['Book a venue for 12 people', 'in_progress', 10],
        ['Arrange airport transfers', 'in_progress', 6],
      ],
    }),
    makeGoal({
      id: seedId('goal-offsite-venue'),
      title: 'Book a venue for 12 people',
      parentId: offsite,
      createdMs: now - 6 * DAY + HOUR,
      creditsEstimated: 10,
      creditsUsed: 3.7,
      steps: [
        ['Shortlist 4 venues in Lisbon', 'completed', 1],
        ['Call the venues for availability on the 14th', 'in_progress', 6],
        ['Reserve the best venue', 'pending', 3],
      ],
    }),
    makeGoal({
      id: seedId('goal-offsite-transfers'),
      title: 'Arrange airport transfers',
      parentId: offsite,
      createdMs: now - 6 * DAY + 2 * HOUR,
      creditsEstimated: 6,
      creditsUsed: 2.3,
      steps: [
        ['Get quotes from two shuttle companies', 'completed', 2.3],
        ['Book the shuttle for arrival day', 'pending', 1.5],
      ],
    }),
    makeGoal({
      id: seedId('goal-passport'),
      title: 'Renew passport appointment',
      status: 'completed',
      createdMs: now - 10 * DAY,
      creditsEstimated: 2.5,
      creditsUsed: 2.2,
      outcome: 'Appointment booked at the passport office for next Tuesday at 9:15 AM.',
      steps: [
        ['Find the nearest passport office', 'completed', 0.5],
        ['Call to book an appointment', 'completed', 1.7],
      ],
    }),
    makeGoal({
      id: seedId('goal-flowers'),
      title: "Order flowers for Mom's birthday",
      status: 'cancelled',
      createdMs: now - 12 * DAY,
      creditsEstimated: 1.5,
      creditsUsed: 0.5,
      steps: [
        ['Find a florist that delivers on Sunday', 'completed', 0.5],
        ['Order the bouquet', 'skipped', 1],
      ],
    }),
    makeGoal({
      id: seedId('goal-insurance'),
      title: 'Compare car insurance quotes',
      status: 'archived',
      createdMs: now - 30 * DAY,
      creditsEstimated: 8,
      creditsUsed: 7.1,
      outcome: 'Best quote: $612 per year with SafeDrive, $140 less than your current policy.',
      steps: [
        ['Call four insurers for quotes', 'completed', 6.1],
        ['Compare the offers', 'completed', 1],
      ],
    }),
  ];
  for (const g of goals) {
    g.updated_at = iso(Math.min(now, Date.parse(g.created_at) + HOUR));
    g.cost_items = g.steps
      .filter((s) => s.status === 'completed' && (s.credits ?? 0) > 0)
      .map((s) => ({ action: s.description, credits: s.credits ?? 0, timestamp: g.updated_at }));
  }
  state.goals = goals.sort((a, b) => b.created_at.localeCompare(a.created_at));
  recountSubGoals(state);

  const conversations: Conversation[] = [
    {
      id: convDinner,
      title: "Book dinner for 4 at Luigi's on Friday",
      created_at: iso(now - 3 * HOUR),
      messages: [
        {
          id: seedId('turn-d1'),
          role: 'user',
          content: "Book dinner for 4 at Luigi's on Friday around 8pm",
          created_at: iso(now - 3 * HOUR),
        },
        {
          id: seedId('turn-d2'),
          role: 'assistant',
          content:
            "I found Luigi's Trattoria with a table for 4 on Friday. Approve the next step and I will call them to book it (about 1.2 credits).",
          created_at: iso(now - 3 * HOUR + MINUTE),
          goal_id: seedId('goal-dinner'),
        },
      ],
    },
    {
      id: convPlumber,
      title: 'Find a plumber for the kitchen sink',
      created_at: iso(now - 40 * MINUTE),
      messages: [
        {
          id: seedId('turn-p1'),
          role: 'user',
          content: 'My kitchen sink is leaking, find me a plumber who can come this week',
          created_at: iso(now - 40 * MINUTE),
        },
        {
          id: seedId('turn-p2'),
          role: 'assistant',
          content:
            'I can call three plumbers for quotes. This will cost about 12 credits; approve the budget to start.',
          created_at: iso(now - 39 * MINUTE),
          goal_id: seedId('goal-plumber'),
        },
      ],
    },
  ];
  state.conversations = conversations;
}
