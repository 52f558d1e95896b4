/** A language-model tool: one operation of the catalogue, described for a model. The input schema
 *  is the operation's own (its zod schemas, through JSON Schema); the consent is the pipeline's
 *  (the operation's flags and its presentation entry). What a tool adds is what a model needs:
 *  when to use it, what it needs, what it returns. No `vscode` import: the manifest generator and
 *  the unit tests read this table too. */
import type { Operation, OutputOf } from '../api/operation';

export interface ToolSpec {
  /** 'kallyai_place_call' (the name models see). */
  readonly name: string;
  readonly op: Operation;
  /** Shown to people in the tools picker: 'Place a Phone Call'. */
  readonly title: string;
  /** Shown to people: one line. */
  readonly userDescription: string;
  /** For the model: when to use it, what it needs, what it returns. */
  readonly modelDescription: string;
  /** `#name` in a chat prompt (read tools only). */
  readonly reference?: string;
  /** A codicon. */
  readonly icon: string;
  /** A body property whose own properties are offered flat (calls.create's `submission`). */
  readonly unwrap?: string;
  /** Descriptions of input properties for the model (path parameters and fields). */
  readonly hints?: Readonly<Record<string, string>>;
  /** Input properties a model is not offered (set by the extension or irrelevant). */
  readonly omit?: readonly string[];
  /** Input properties that hold phone numbers: a national number is read with kallyai.defaultCountry. */
  readonly phones?: readonly string[];
  /** The answer names third parties' phone numbers: masked unless the model passes
   *  `include_full_numbers` (only when the user asked for them). */
  readonly mentionsNumbers?: boolean;
  /** The first line of the answer, in a few words ("Call placed: …"). */
  lead?(data: never): string;
}

/** Types a tool against its operation (the answer's type flows into `lead`). */
export function tool<O extends Operation>(
  op: O,
  spec: Omit<ToolSpec, 'op' | 'lead'> & { lead?(data: OutputOf<O>): string },
): ToolSpec {
  return { op, ...spec } as ToolSpec;
}

/** The input property that unmasks third parties' numbers in an answer. */
export const FULL_NUMBERS = 'include_full_numbers';
