import { da } from '../../../platform/i18n/da';
import { hasMeaningfulLix, type Readability } from '../readability';
import { sanitizeRichText } from '../rich-text';
import type { PaperRules } from '../rules';
import type { PaperDetail } from '../paper-reading';

const t = da.papers;

function ReadabilityNote({ value }: { value: Readability }) {
  if (value.words === 0) return null;
  return (
    <div class="readability">
      <span class="tag">
        {hasMeaningfulLix(value) ? t.readability(value.lix, value.band) : t.tooShortForLix}
      </span>
      {value.longSentences.length > 0 ? (
        <details>
          <summary>{t.longSentences(value.longSentences.length)}</summary>
          <ul>
            {value.longSentences.map((sentence, index) => (
              <li key={index}>{`${sentence.text} (${sentence.words} ord)`}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

/**
 * A memo's text as it is read: the short cover first, then the sections. The paper page passes
 * its organization's rules and gets the authors' feedback (word count, LIX); an agenda item's
 * page shows the memo under its own heading, one level down.
 */
export function PaperBody(props: {
  detail: PaperDetail;
  /** The level of the cover's and the sections' headings (their sub-headings one below). */
  headingLevel: 2 | 3;
  rules?: PaperRules;
}) {
  const { detail, rules } = props;
  const { paper, sections, cover } = detail;
  const Heading = props.headingLevel === 2 ? 'h2' : 'h3';
  const SubHeading = props.headingLevel === 2 ? 'h3' : 'h4';
  const headingId = `cover-heading-${paper.id}`;
  return (
    <>
      <section class="cover" aria-labelledby={headingId}>
        <Heading id={headingId}>{t.coverTitle}</Heading>
        {cover.words === 0 ? (
          <p>{t.noCover}</p>
        ) : (
          <>
            {rules ? (
              <>
                <p>{t.coverWords(cover.words, rules.coverMaxWords)}</p>
                <ReadabilityNote value={cover.readability} />
              </>
            ) : null}
            <SubHeading>{t.purpose}</SubHeading>
            <p>{paper.coverPurpose ?? '–'}</p>
            <SubHeading>{t.keyMessages}</SubHeading>
            <ol>
              {paper.coverKeyMessages.map((message, index) => (
                <li key={index}>{message}</li>
              ))}
            </ol>
            <SubHeading>{t.implications}</SubHeading>
            <p>{paper.coverImplications ?? '–'}</p>
            <SubHeading>{t.requestedAction}</SubHeading>
            <p>
              {paper.coverRequestedAction
                ? t.requestedActions[paper.coverRequestedAction]
                : t.noRequestedAction}
            </p>
          </>
        )}
      </section>
      {sections.map((section) => (
        <section key={section.id} class="paper-section">
          <Heading>{section.heading}</Heading>
          {rules ? <ReadabilityNote value={section.readability} /> : null}
          {section.html === '' ? (
            <p>{t.emptySection}</p>
          ) : (
            // Sanitised when saved and again here, so stored HTML can never reach a browser unchecked.
            <div dangerouslySetInnerHTML={{ __html: sanitizeRichText(section.html) }} />
          )}
        </section>
      ))}
    </>
  );
}
