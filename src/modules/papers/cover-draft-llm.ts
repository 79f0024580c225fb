import { z } from 'zod';
import {
  chatCompletion,
  type ChatMessage,
  type LlmConfig,
} from '../../platform/llm/chat-completion';
import type { CoverDraft, DraftSection } from './cover-draft';
import { requestedActions } from './enums';
import { coverLimits } from './rules';

const answerSchema = z.object({
  purpose: z.string().trim().min(1).nullable().catch(null),
  keyMessages: z
    .array(z.string().trim().min(1))
    .catch([])
    .transform((messages) => messages.slice(0, coverLimits.maxKeyMessages)),
  implications: z.string().trim().min(1).nullable().catch(null),
  requestedAction: z.enum(requestedActions).nullable().catch(null),
});

/** The prompt: what a cover is, the organization's limits, and the memo's sections as plain text. */
export function coverPrompt(
  sections: readonly DraftSection[],
  limits: { coverMaxWords: number; keyMessageMaxWords: number },
): ChatMessage[] {
  return [
    {
      role: 'system',
      content: [
        'Du hjælper en kommunal sagsbehandler med at skrive et kort cover til et notat til den politiske ledelse.',
        'Svar kun med ét JSON-objekt med felterne:',
        '"purpose": hvorfor sagen sendes, én eller to sætninger;',
        `"keyMessages": højst ${coverLimits.maxKeyMessages} hovedbudskaber, hvert højst ${limits.keyMessageMaxWords} ord;`,
        '"implications": de ledelsesmæssige og politiske konsekvenser, fx økonomi og videre proces;',
        '"requestedAction": "beslutning", "droeftelse" eller "orientering".',
        `Hele coveret må højst være ${limits.coverMaxWords} ord.`,
        'Brug kun oplysninger fra notatet, og skriv klart og kort dansk.',
      ].join('\n'),
    },
    {
      role: 'user',
      content: sections
        .filter((section) => section.text.trim() !== '')
        .map((section) => `## ${section.heading}\n${section.text.trim()}`)
        .join('\n\n'),
    },
  ];
}

/** The first JSON object in a model's answer (some wrap it in prose or a code fence). */
function parseAnswer(answer: string): z.infer<typeof answerSchema> | undefined {
  const start = answer.indexOf('{');
  const end = answer.lastIndexOf('}');
  if (start < 0 || end <= start) return undefined;
  try {
    const parsed = answerSchema.safeParse(JSON.parse(answer.slice(start, end + 1)));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export type LlmDraftOutcome =
  | { ok: true; draft: CoverDraft; prompt: ChatMessage[]; answer: string }
  | { ok: false; prompt: ChatMessage[]; answer: string | null; reason: string };

/**
 * Asks the configured language model for a cover draft. The caller keeps prompt and answer in
 * the audit log and falls back to the deterministic draft when the outcome is not ok.
 */
export async function draftCoverWithLlm(
  llm: LlmConfig,
  sections: readonly DraftSection[],
  limits: { coverMaxWords: number; keyMessageMaxWords: number },
): Promise<LlmDraftOutcome> {
  const prompt = coverPrompt(sections, limits);
  let answer: string;
  try {
    answer = await chatCompletion(llm, prompt);
  } catch (error) {
    return { ok: false, prompt, answer: null, reason: (error as Error).message };
  }
  const parsed = parseAnswer(answer);
  if (!parsed) return { ok: false, prompt, answer, reason: 'the answer is not the JSON asked for' };
  const note = `Skrevet af sprogmodellen ${llm.model}. Kontrollér hver del mod notatet, før du gemmer.`;
  return {
    ok: true,
    prompt,
    answer,
    draft: {
      ...parsed,
      source: 'llm',
      explanation: {
        purpose: note,
        requestedAction: note,
        keyMessages: parsed.keyMessages.map((sentence) => ({
          sentence,
          heading: llm.model,
          score: 0,
        })),
        implications: note,
      },
    },
  };
}
