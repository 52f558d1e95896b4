/** The sections of `npm run reliability`, in the order they run. Adding a section is one module
 *  exporting a `Section` and one line here. */
import type { Section } from './section';
import { duplicateCalls } from './duplicateCalls';
import { hostileResponses } from './hostileResponses';
import { hostileText } from './hostileText';
import { injectionPayloads } from './injectionPayloads';
import { invalidInputs } from './invalidInputs';
import { leaks } from './leaks';
import { signInAttacks } from './signInAttacks';

export const SECTIONS: Section[] = [
  duplicateCalls,
  hostileResponses,
  injectionPayloads,
  invalidInputs,
  leaks,
  signInAttacks,
  hostileText,
];
