/** The sections of `npm run reliability`, in the order they run. Adding a section (for example
 *  "injection payloads × documents/pages that render active content") is one module exporting a
 *  `Section` and one line here. */
import type { Section } from './section';
import { duplicateCalls } from './duplicateCalls';
import { hostileResponses } from './hostileResponses';
import { invalidInputs } from './invalidInputs';
import { leaks } from './leaks';
import { signInAttacks } from './signInAttacks';

export const SECTIONS: Section[] = [
  duplicateCalls,
  hostileResponses,
  invalidInputs,
  leaks,
  signInAttacks,
];
