import { createRequire } from 'node:module';
import type * as snowball from 'snowball-stemmers';
import type { requestedActions } from './enums';
import { splitSentences, wordsOf } from './readability';
import { coverLimits } from './rules';

export type RequestedAction = (typeof requestedActions)[number];

export type CoverDraft = {
  purpose: string | null;
  keyMessages: string[];
  implications: string | null;
  requestedAction: RequestedAction | null;
  /** Who wrote the draft: the deterministic rules here, or a configured language model. */
  source: 'rules' | 'llm';
  /** Where each part came from, so the person approving the draft can check it. */
  explanation: {
    purpose: string;
    requestedAction: string;
    keyMessages: Array<{ sentence: string; heading: string; score: number }>;
    implications: string;
  };
};

export type DraftSection = { heading: string; text: string };

let stemmer: snowball.Stemmer | undefined;

/**
 * The Danish stemmer, loaded on first use rather than at start-up: the package holds every
 * language's stemmer, and loading it slowed every start of the server (bench cold-start).
 */
function danishStemmer(): snowball.Stemmer {
  if (!stemmer) {
    const require = createRequire(import.meta.url);
    const { newStemmer } = require('snowball-stemmers') as typeof snowball;
    stemmer = newStemmer('danish');
  }
  return stemmer;
}

let danishStopwords: Set<string> | undefined;

/** Danish stop words, loaded on first use like the stemmer: the file holds every language's. */
function isStopword(word: string): boolean {
  if (!danishStopwords) {
    const require = createRequire(import.meta.url);
    const stopwords = require('stopwords-iso/stopwords-iso.json') as Record<string, string[]>;
    danishStopwords = new Set(stopwords.da);
  }
  return danishStopwords.has(word);
}

/** Sections whose sentences are not key messages: the recommendation itself and lists of names. */
const notKeyMessageSources = new Set(['INDSTILLING', 'BILAG', 'KOORDINERET MED']);
const purposePattern = /\bhar til formål at\s+(.+)$/iu;

function normalizeHeading(heading: string): string {
  return heading.trim().toUpperCase();
}

function stems(sentence: string): Set<string> {
  const result = new Set<string>();
  for (const word of wordsOf(sentence.toLowerCase())) {
    const bare = word.replace(/[^\p{L}\p{N}-]/gu, '');
    if (bare.length < 2 || isStopword(bare) || /^\d/u.test(bare)) continue;
    result.add(danishStemmer().stem(bare));
  }
  return result;
}

/** TextRank (Mihalcea & Tarau 2004): sentences vote for the sentences they share stems with. */
function textRank(sentences: ReadonlyArray<Set<string>>): number[] {
  const count = sentences.length;
  const weights = sentences.map((a, i) =>
    sentences.map((b, j) => {
      if (i === j || a.size < 2 || b.size < 2) return 0;
      let shared = 0;
      for (const stem of a) if (b.has(stem)) shared++;
      return shared / (Math.log(a.size) + Math.log(b.size));
    }),
  );
  const outgoing = weights.map((row) => row.reduce((sum, weight) => sum + weight, 0));
  let scores = new Array<number>(count).fill(1);
  const damping = 0.85;
  for (let iteration = 0; iteration < 100; iteration++) {
    const next = scores.map((_, i) => {
      let incoming = 0;
      for (let j = 0; j < count; j++) {
        const weight = weights[j]![i]!;
        if (weight > 0) incoming += (weight / outgoing[j]!) * scores[j]!;
      }
      return 1 - damping + damping * incoming;
    });
    const change = next.reduce((sum, score, i) => sum + Math.abs(score - scores[i]!), 0);
    scores = next;
    if (change < 1e-9) break;
  }
  return scores;
}

function requestedActionOf(recommendation: string): RequestedAction | null {
  const text = recommendation.toLowerCase();
  if (/godkend|beslut|vedtag|bevilg|tiltræd/u.test(text)) return 'beslutning';
  if (/drøft/u.test(text)) return 'droeftelse';
  if (/efterretning|orienter/u.test(text)) return 'orientering';
  return null;
}

function meaningful(text: string): boolean {
  return wordsOf(text).some((word) => /\p{L}/u.test(word));
}

/**
 * A deterministic, explainable first draft of the short cover, from the memo's own words:
 * the purpose from its statement of intent ("… har til formål at …"), the requested action
 * from INDSTILLING, key messages ranked by TextRank over Danish stems without stop-words,
 * and the implications from ØKONOMI and VIDERE PROCES. A person edits and saves it.
 */
export function draftCover(
  sections: readonly DraftSection[],
  limits: { maxKeyMessageWords: number } = coverLimits,
): CoverDraft {
  const byHeading = new Map(
    sections.map((section) => [normalizeHeading(section.heading), section.text]),
  );
  const sentences = sections.flatMap((section) =>
    splitSentences(section.text).map((sentence) => ({
      heading: normalizeHeading(section.heading),
      sentence,
    })),
  );

  const statement = sentences.find((candidate) => purposePattern.test(candidate.sentence));
  const purposeMatch = statement ? purposePattern.exec(statement.sentence) : null;
  const purpose = purposeMatch?.[1] ? `Sagen sendes for at ${purposeMatch[1]}` : null;

  const recommendation = byHeading.get('INDSTILLING') ?? '';
  const requestedAction = requestedActionOf(recommendation);

  const candidates = sentences.filter(
    (candidate) =>
      !notKeyMessageSources.has(candidate.heading) &&
      candidate !== statement &&
      wordsOf(candidate.sentence).length >= 6,
  );
  const scores = textRank(candidates.map((candidate) => stems(candidate.sentence)));
  const ranked = candidates
    .map((candidate, index) => ({ ...candidate, score: scores[index]! }))
    .sort((a, b) => b.score - a.score);
  const fitting = ranked.filter(
    (candidate) => wordsOf(candidate.sentence).length <= limits.maxKeyMessageWords,
  );
  const chosen = (fitting.length >= coverLimits.maxKeyMessages ? fitting : ranked).slice(
    0,
    coverLimits.maxKeyMessages,
  );

  const implicationSources = ['ØKONOMI', 'VIDERE PROCES']
    .map((heading) => ({ heading, text: (byHeading.get(heading) ?? '').trim() }))
    .filter((source) => meaningful(source.text));
  const implications = implicationSources
    .map((source) => splitSentences(source.text)[0] ?? '')
    .filter(Boolean);

  return {
    purpose,
    source: 'rules',
    keyMessages: chosen.map((candidate) => candidate.sentence),
    implications: implications.length > 0 ? implications.join(' ') : null,
    requestedAction,
    explanation: {
      purpose: statement
        ? `Formålet er taget fra sætningen i ${statement.heading}: "${statement.sentence}"`
        : 'Notatet har ingen sætning med "har til formål at"; skriv formålet selv.',
      requestedAction: requestedAction
        ? `Det ønskede er læst ud af INDSTILLING: "${recommendation.replace(/\s+/gu, ' ').trim()}"`
        : 'INDSTILLING siger ikke, om der skal besluttes, drøftes eller orienteres.',
      keyMessages: chosen.map((candidate) => ({
        sentence: candidate.sentence,
        heading: candidate.heading,
        score: Math.round(candidate.score * 1000) / 1000,
      })),
      implications:
        implicationSources.length > 0
          ? `Implikationerne er første sætning af ${implicationSources.map((source) => source.heading).join(' og ')}.`
          : 'ØKONOMI og VIDERE PROCES er tomme; skriv implikationerne selv.',
    },
  };
}
