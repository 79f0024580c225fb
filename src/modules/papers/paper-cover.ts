import { recordAudit } from '../../platform/audit/record-audit';
import { can } from '../../platform/auth/policy';
import { AppError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import type { LlmConfig } from '../../platform/llm/chat-completion';
import { draftCover, type CoverDraft } from './cover-draft';
import { draftCoverWithLlm } from './cover-draft-llm';
import * as repo from './repository';
import { richTextToPlain } from './rich-text';
import { rulesFor } from './paper-rules';
import { countWords } from './rules';
import type { CoverInput } from './schemas';
import { inTransaction } from '../../platform/db/transaction';
import type { ServiceContext, WriteContext } from '../../platform/service-context';
import { getPaper } from './paper-reading';
import { requireEditable } from './paper-editing';

/** Saves the short cover within its word limits; a clear message says which limit is passed. */
export async function saveCover({
  paperId,
  cover,
  ...ctx
}: WriteContext & { paperId: string; cover: CoverInput }): Promise<repo.PaperRow> {
  const before = await requireEditable({ ...ctx, paperId });
  const rules = await rulesFor(ctx.tx, before.organizationId);
  const details: Array<{ field: string; message: string }> = [];
  cover.keyMessages.forEach((message, index) => {
    const words = countWords(message);
    if (words > rules.keyMessageMaxWords) {
      details.push({
        field: `keyMessages.${index}`,
        message: da.papers.keyMessageTooLong(index + 1, rules.keyMessageMaxWords, words),
      });
    }
  });
  const total = countWords(
    [cover.purpose ?? '', ...cover.keyMessages, cover.implications ?? ''].join('\n\n'),
  );
  if (total > rules.coverMaxWords) {
    details.push({ field: 'cover', message: da.papers.coverTooLong(rules.coverMaxWords, total) });
  }
  if (details.length > 0) throw new AppError('VALIDATION_FAILED', { details });
  const after = await repo.updatePaper(ctx.tx, paperId, {
    coverPurpose: cover.purpose,
    coverKeyMessages: cover.keyMessages,
    coverImplications: cover.implications,
    coverRequestedAction: cover.requestedAction,
  });
  await recordAudit(ctx.tx, {
    actor: ctx.actor,
    action: 'paper.cover.update',
    entityType: 'paper',
    entityId: paperId,
    before,
    after,
  });
  return after;
}

/**
 * A first draft of the cover from the memo's sections; nothing is saved until a person saves it.
 * With a language model configured it writes the draft (prompt and answer go to the audit log);
 * if it fails, the deterministic draft is used and says why.
 */
export async function draftCoverFor({
  paperId,
  options = {},
  ...ctx
}: ServiceContext & { paperId: string; options?: { llm?: LlmConfig } }): Promise<CoverDraft> {
  const { paper, sections } = await getPaper({ ...ctx, paperId });
  if (!can(ctx.actor, 'paper.write', { organizationId: paper.organizationId }))
    throw new AppError('FORBIDDEN');
  const rules = await rulesFor(ctx.tx, paper.organizationId);
  const plainSections = sections.map((section) => ({
    heading: section.heading,
    text: richTextToPlain(section.html),
  }));
  const deterministic = draftCover(plainSections, {
    maxKeyMessageWords: rules.keyMessageMaxWords,
  });
  if (!options.llm) return deterministic;
  // The model is asked outside any transaction: its answer may take many seconds.
  const outcome = await draftCoverWithLlm(options.llm, plainSections, rules);
  const llm = options.llm;
  await inTransaction(ctx.tx, (tx) =>
    recordAudit(tx, {
      actor: ctx.actor,
      action: outcome.ok ? 'paper.cover.llmDraft' : 'paper.cover.llmDraftFailed',
      entityType: 'paper',
      entityId: paperId,
      before: { model: llm.model, prompt: outcome.prompt },
      after: outcome.ok
        ? { answer: outcome.answer }
        : { answer: outcome.answer, reason: outcome.reason },
    }),
  );
  if (outcome.ok) return outcome.draft;
  return {
    ...deterministic,
    explanation: {
      ...deterministic.explanation,
      purpose: `${da.papers.llmFailed} ${deterministic.explanation.purpose}`,
    },
  };
}
