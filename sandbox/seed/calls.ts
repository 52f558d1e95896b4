/** Seeded outbound calls: a dozen past calls with varied statuses, two scheduled ones. */
import { DAY, HOUR, MINUTE, ymd } from '../clock';
import { finishedCall, scheduledCall } from '../calls/record';
import { seedId } from '../ids';
import type { CallRecord, Submission } from '../state';

const TZ = 'America/New_York';

interface PastCall {
  ago: number;
  status: string;
  duration: number;
  submission: Submission;
}

function past(now: number): PastCall[] {
  const d = (days: number) => ymd(now + days * DAY);
  return [
    {
      ago: 2 * HOUR,
      status: 'success',
      duration: 94.3,
      submission: {
        task_category: 'restaurant',
        task_description: 'Book a table for 4 on Friday evening, ideally by the window.',
        respondent_phone: '+12015550100',
        business_name: "Luigi's Trattoria",
        user_name: 'Demo User',
        party_size: 4,
        appointment_date: d(3),
        appointment_time: '20:00',
        language: 'en',
        call_language: 'en',
      },
    },
    {
      ago: 5 * HOUR,
      status: 'success',
      duration: 121.8,
      submission: {
        task_category: 'clinic',
        task_description: 'Book a dental check-up and cleaning for next week.',
        respondent_phone: '+12015550110',
        business_name: 'Bright Smile Dental',
        user_name: 'Demo User',
        appointment_date: d(6),
        appointment_time: '09:30',
        language: 'en',
        call_language: 'en',
      },
    },
    {
      ago: 9 * HOUR,
      status: 'no_answer',
      duration: 31.5,
      submission: {
        task_category: 'general',
        task_description: 'Ask whether the bike repair is ready for pickup.',
        respondent_phone: '+12015550101',
        business_name: 'Spoke & Chain Cycles',
        language: 'en',
        call_language: 'en',
      },
    },
    {
      ago: 1 * DAY,
      status: 'success',
      duration: 88.2,
      submission: {
        task_category: 'hotel',
        task_description: 'Ask about availability and the rate for two nights with breakfast.',
        respondent_phone: '+12015550111',
        business_name: 'Harbor View Hotel',
        party_size: 2,
        appointment_date: d(14),
        language: 'en',
        call_language: 'en',
      },
    },
    {
      ago: 1 * DAY + 3 * HOUR,
      status: 'busy',
      duration: 6.2,
      submission: {
        task_category: 'general',
        task_description: 'Ask whether they deliver on Sundays.',
        respondent_phone: '+12015550102',
        business_name: 'Green Leaf Grocers',
        language: 'en',
        call_language: 'en',
      },
    },
    {
      ago: 2 * DAY,
      status: 'voicemail',
      duration: 48.7,
      submission: {
        task_category: 'general',
        task_description: 'Ask for a quote to repaint the living room.',
        respondent_phone: '+12015550103',
        business_name: 'ProPaint Co.',
        user_name: 'Demo User',
        user_phone: '+12015550177',
        language: 'en',
        call_language: 'en',
      },
    },
    {
      ago: 2 * DAY + 6 * HOUR,
      status: 'success',
      duration: 75.4,
      submission: {
        task_category: 'general',
        task_description: 'What are your opening hours this Saturday?',
        respondent_phone: '+12015550112',
        business_name: 'City Hardware',
        language: 'en',
        call_language: 'en',
      },
    },
    {
      ago: 3 * DAY,
      status: 'failed',
      duration: 3.1,
      submission: {
        task_category: 'restaurant',
        task_description: 'Book a table for 2 on Saturday at 19:30.',
        respondent_phone: '+12015550104',
        business_name: 'Sakura Sushi',
        party_size: 2,
        appointment_date: d(-1),
        appointment_time: '19:30',
        language: 'en',
        call_language: 'en',
      },
    },
    {
      ago: 4 * DAY,
      status: 'terminated',
      duration: 1.99,
      submission: {
        task_category: 'general',
        task_description: 'Ask how much it costs to replace a phone screen.',
        respondent_phone: '+12015550105',
        business_name: 'FixIt Phones',
        language: 'en',
        call_language: 'en',
      },
    },
    {
      ago: 5 * DAY,
      status: 'success',
      duration: 102.6,
      submission: {
        task_category: 'restaurant',
        task_description: 'Reserva una mesa para 6 el domingo a las 14:00.',
        respondent_phone: '+34911234567',
        business_name: 'Casa Lucio',
        user_name: 'Demo User',
        party_size: 6,
        appointment_date: d(-3),
        appointment_time: '14:00',
        language: 'es',
        call_language: 'es',
      },
    },
    {
      ago: 6 * DAY,
      status: 'cancelled',
      duration: 22.4,
      submission: {
        task_category: 'general',
        task_description: 'Ask whether the blue sofa is back in stock.',
        respondent_phone: '+12015550113',
        business_name: 'Nordic Home',
        language: 'en',
        call_language: 'en',
      },
    },
    {
      ago: 8 * DAY,
      status: 'success',
      duration: 66.9,
      submission: {
        task_category: 'general',
        task_description: 'Cancel the gym membership renewal for next month.',
        respondent_phone: '+12015550114',
        business_name: 'Peak Fitness',
        user_name: 'Demo User',
        language: 'en',
        call_language: 'en',
      },
    },
  ];
}

export function seedCalls(now: number): CallRecord[] {
  const done = past(now).map((p, i) =>
    finishedCall(seedId(`call-${i}`), p.submission, TZ, now - p.ago, p.status, p.duration),
  );
  const scheduled = [
    scheduledCall(
      seedId('call-scheduled-0'),
      {
        task_category: 'clinic',
        task_description: 'Reschedule the annual eye exam to a morning slot.',
        respondent_phone: '+12015550115',
        business_name: 'ClearView Optometry',
        user_name: 'Demo User',
        appointment_date: ymd(now + 9 * DAY),
        appointment_time: '09:00',
        language: 'en',
        call_language: 'en',
      },
      TZ,
      now - 30 * MINUTE,
      now + 1 * DAY,
    ),
    scheduledCall(
      seedId('call-scheduled-1'),
      {
        task_category: 'restaurant',
        task_description: 'Book a table for 2 for our anniversary dinner.',
        respondent_phone: '+12015550116',
        business_name: 'Le Petit Bistro',
        user_name: 'Demo User',
        party_size: 2,
        appointment_date: ymd(now + 10 * DAY),
        appointment_time: '19:30',
        language: 'en',
        call_language: 'en',
      },
      TZ,
      now - 20 * MINUTE,
      now + 3 * DAY,
    ),
  ];
  return [...scheduled, ...done].sort((a, b) => b.created_at.localeCompare(a.created_at));
}
