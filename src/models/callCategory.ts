/** The kind of business a call is for (restaurant, clinic, hotel, general), read from words the
 *  person already gave: a chat request ("a table for 4 at Luigi's"), or a search and the result
 *  they chose to call ("dentist open on Saturday" → Central Dentist). The call wizard opens on it,
 *  for the person to check. English and Spanish words; linear-time patterns. No `vscode`. */
import type { TASK_CATEGORIES } from '../api/schemas/calls';

export type CallKind = (typeof TASK_CATEGORIES)[number];

const KINDS: ReadonlyArray<[CallKind, RegExp]> = [
  [
    'restaurant',
    /\b(table|dinner|lunch|breakfast|brunch|restaurants?|reservation|trattoria|pizzeria|pizza|sushi|bistro|brasserie|diner|steakhouse|grill|tapas|cuisine|mesa|cena|comida|almuerzo|restaurantes?|reserva)\b/i,
  ],
  [
    'clinic',
    /\b(doctors?|dentists?|dental|clinics?|appointment|checkup|physio(?:therapy)?|medical|vets?|veterinary|veterinarian|optician|dermatologist|pediatrician|médico|medico|dentista|clínica|clinica|cita|veterinario)\b/i,
  ],
  ['hotel', /\b(hotels?|motel|hostel|inn|resort|room|suite|check-?in|habitación|habitacion|hostal)\b/i],
];

/** The first kind whose words appear in the first text that has any; undefined when none does. */
export function guessCallKind(...texts: ReadonlyArray<string | null | undefined>): CallKind | undefined {
  for (const text of texts) {
    if (!text) continue;
    const found = KINDS.find(([, words]) => words.test(text.slice(0, 2000)));
    if (found) return found[0];
  }
  return undefined;
}
