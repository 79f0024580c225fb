import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  cprReasonTexts,
  describeCprFinding,
  findCprNumbers,
  hasValidModulus11,
  readCprBirthDate,
  redactCprNumbers,
} from './cpr';

const edocFolder = new URL('../../../../shared/samples/esdh/edoc-ballerup-2012/', import.meta.url);

function only(text: string) {
  const findings = findCprNumbers(text);
  expect(findings).toHaveLength(1);
  return findings[0]!;
}

function hasPdftotext(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('readCprBirthDate', () => {
  it.each([
    ['0101370000', '1937-01-01'], // 0–3 → 1900s
    ['0101993999', '1999-01-01'],
    ['0101364000', '2036-01-01'], // 4 and 9: YY ≤ 36 → 2000s
    ['0101374000', '1937-01-01'], // … else 1900s
    ['0101009000', '2000-01-01'],
    ['0101579000', '1957-01-01'],
    ['0101575000', '2057-01-01'], // 5–8: YY ≤ 57 → 2000s
    ['0101585000', '1858-01-01'], // … else 1800s
    ['0101998999', '1899-01-01'],
  ])('%s was born %s', (digits, date) => {
    expect(readCprBirthDate(digits)).toBe(date);
  });

  it.each([
    ['2902001234', null], // 1900 is no leap year
    ['2902004234', '2000-02-29'], // 2000 is
    ['2902005234', '2000-02-29'],
    ['2902041234', '1904-02-29'],
    ['2902051234', null],
    ['2902361234', '1936-02-29'],
    ['2902364234', '2036-02-29'],
    ['2902374234', null], // 1937
    ['2902969234', '1996-02-29'],
    ['2902565234', '2056-02-29'],
    ['2902585234', null], // 1858
    ['2902605234', '1860-02-29'],
    ['2902006234', '2000-02-29'],
  ])('29 February: %s → %s', (digits, date) => {
    expect(readCprBirthDate(digits)).toBe(date);
  });

  it.each(['3201031234', '0113031234', '0001031234', '0100031234', '3104031234', '3002961234'])(
    'refuses the impossible date in %s',
    (digits) => {
      expect(readCprBirthDate(digits)).toBeNull();
    },
  );
});

describe('hasValidModulus11', () => {
  it('weighs the digits 4 3 2 7 6 5 4 3 2 1', () => {
    expect(hasValidModulus11('0102030028')).toBe(true);
    expect(hasValidModulus11('2902000006')).toBe(true);
    expect(hasValidModulus11('0102031234')).toBe(false);
    expect(hasValidModulus11('010203-0028')).toBe(false);
  });
});

describe('findCprNumbers: likely CPR numbers are high', () => {
  it('finds a number with a valid date and modulus 11', () => {
    const text = 'Borgeren 010203-0028 har søgt om hjælp.';
    expect(only(text)).toEqual({
      start: 9,
      end: 20,
      text: '010203-0028',
      confidence: 'high',
      reasonCode: 'validDateModulus11',
      reason: cprReasonTexts.validDateModulus11,
      modulus11: true,
      birthDate: '1903-02-01',
    });
  });

  it('keeps a valid date high when modulus 11 fails (numbers since 2007 may)', () => {
    const finding = only('Borgeren 010203-1234 har søgt om hjælp.');
    expect(finding).toMatchObject({ confidence: 'high', reasonCode: 'validDateNoModulus11' });
    expect(finding.modulus11).toBe(false);
  });

  it.each([
    ['0102031234', 'no separator'],
    ['010203-1234', 'hyphen'],
    ['010203\u20131234', 'en dash'],
    ['010203\u20111234', 'non-breaking hyphen'],
    ['010203 1234', 'space'],
    ['010203\u00A01234', 'no-break space'],
  ])('accepts %s (%s)', (number) => {
    expect(only(`Ansøger: ${number}.`)).toMatchObject({ text: number, confidence: 'high' });
  });

  it.each(['010203.1234', '010203/1234', '010203  1234', '010203_1234', '01020-31234'])(
    'does not read %s as one number',
    (number) => {
      expect(findCprNumbers(`Ansøger ${number} i dag`)).toEqual([]);
    },
  );

  it.each(['2902004234', '290200-5234', '2902041234', '290260-5234', '290296-9234'])(
    'finds 29 February %s in a leap year of its century',
    (number) => {
      expect(only(`Født ${number}`).confidence).toBe('high');
    },
  );

  it.each(['2902001234', '290258-5234', '290237-4234', '320103-1234', '011303-1234'])(
    'ignores %s: no such date',
    (number) => {
      expect(findCprNumbers(`Født ${number}`)).toEqual([]);
    },
  );

  it('finds several numbers in a list, at the start and at the end of the text', () => {
    const findings = findCprNumbers('0102031234, 0102030028 og (150562-0018)\n311299-0002');
    expect(findings.map((f) => [f.text, f.confidence])).toEqual([
      ['0102031234', 'high'],
      ['0102030028', 'high'],
      ['150562-0018', 'high'],
      ['311299-0002', 'high'],
    ]);
  });

  it('does not take words that merely end like a label for one', () => {
    expect(only('Said 0102031234').confidence).toBe('high');
    expect(only('Idé 0102031234').confidence).toBe('high');
    expect(only('Sagen om 0102031234 er lukket').confidence).toBe('high');
    expect(only('Bilag: ansøgning fra 0102031234.pdf').confidence).toBe('high');
  });

  it.each([
    'CPR-nr. 010203-1234',
    'cpr: 0102031234',
    'CPR nr 0102031234',
    'CPR-nummer 010203 1234',
    'Personnummer: 0102031234',
    'cpr0102031234',
  ])('treats "%s" as a CPR number because of its label', (text) => {
    expect(only(text)).toMatchObject({ confidence: 'high', reasonCode: 'cprLabel' });
  });

  it('trusts a CPR label even when the date is impossible', () => {
    expect(only('CPR-nr.: 999999-9999')).toMatchObject({
      confidence: 'high',
      reasonCode: 'cprLabel',
      birthDate: null,
    });
  });
});

describe('findCprNumbers: identifiers are low', () => {
  it.each([
    'Sagsnr.: 010203-1234',
    'sag 0102031234',
    'Sagsnummer 0102031234',
    'Journalnr. 0102031234',
    'j.nr. 0102031234',
    'Dok.nr.: 0102031234',
    'Dok.nr:0102031234',
    'dokument 0102031234',
    'Dokumentnummer: 0102031234',
    'id=0102031234',
    'ID: 0102031234',
    '<Document documentid="0102031234">',
    'bilag nr. 0102031234',
    'Bilagsnr. 0102031234',
    'Løbenr. 0102031234',
    'P-nr. 0102031234',
    'Sagsnr.: (0102031234)',
  ])('warns about "%s" as a labelled identifier', (text) => {
    expect(only(text)).toMatchObject({ confidence: 'low', reasonCode: 'identifierLabel' });
  });

  it.each([
    ['2012-0102031234', 'longerNumber'],
    ['EMN-2012-0102031234', 'longerNumber'],
    ['010203-1234-56', 'longerNumber'],
    ['0102031234,50 kr.', 'longerNumber'],
    ['1.0102031234', 'longerNumber'],
    ['010203-12345', 'longerNumber'],
    ['1010203-1234', 'longerNumber'],
    ['EMN-0102031234', 'codePrefix'],
    ['A0102031234', 'besideLetters'],
    ['0102031234kr', 'besideLetters'],
    ['150100 2500 3000', 'numberRow'],
    ['i alt 12 0102031234', 'numberRow'],
  ])('warns about %s (%s)', (text, reasonCode) => {
    expect(only(text)).toMatchObject({ confidence: 'low', reasonCode });
  });

  it('never rates a number inside a longer digit run high', () => {
    const findings = findCprNumbers('Reference 120102031234 og 010203123456789012');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.confidence === 'low')).toBe(true);
  });

  it('ignores short numbers such as the eDoc file name 1552814.PDF', () => {
    expect(findCprNumbers('Se 1552814.PDF og 1552823.PDF')).toEqual([]);
  });

  it('returns findings that do not overlap, in text order', () => {
    const findings = findCprNumbers('2003026562 2003026400 0102031234567890 og 0102031234');
    for (const [index, finding] of findings.entries()) {
      const next = findings[index + 1];
      if (next) expect(finding.end).toBeLessThanOrEqual(next.start);
    }
    expect(findings.at(-1)).toMatchObject({ text: '0102031234', confidence: 'high' });
  });
});

describe('findCprNumbers on the real eDoc export (Ballerup 2012)', () => {
  const xml = readFileSync(new URL('eDocAgendaPublishing.xml', edocFolder), 'utf8');
  const idAttributes = new Set(
    [...xml.matchAll(/(?:documentid|attachmentid|caseid)="(\d+)"/g)].map((match) => match[1]),
  );

  it('rates none of its document, attachment and case ids high, and warns about each', () => {
    const findings = findCprNumbers(xml);
    expect(findings.filter((f) => f.confidence === 'high')).toEqual([]);
    // A naive \d{6}-?\d{4} matches 78 ids (see ../shared/samples/esdh/README.md).
    expect(findings).toHaveLength(78);
    expect(findings.every((f) => f.reasonCode === 'identifierLabel')).toBe(true);
    expect(findings.every((f) => idAttributes.has(f.text))).toBe(true);
  });

  it('finds nothing high in the public full text of the items', () => {
    const fullTexts = [...xml.matchAll(/<FullText>([\s\S]*?)<\/FullText>/g)].map((m) => m[1]!);
    expect(fullTexts.length).toBeGreaterThan(0);
    for (const text of fullTexts) {
      expect(findCprNumbers(text).filter((f) => f.confidence === 'high')).toEqual([]);
    }
  });

  it.skipIf(!hasPdftotext())('finds nothing high in the PDFs', () => {
    for (const name of ['1552814.PDF', '1552823.PDF']) {
      const path = new URL(name, edocFolder).pathname;
      expect(existsSync(path)).toBe(true);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      expect(text.length).toBeGreaterThan(1000);
      expect(findCprNumbers(text).filter((f) => f.confidence === 'high')).toEqual([]);
    }
  });
});

describe('redactCprNumbers', () => {
  const text = 'CPR-nr. 010203-1234, ny adresse; sagsnr. 0102030028 og 010203 0036.';

  it('replaces the digits of every finding with X and keeps the length', () => {
    const redacted = redactCprNumbers(text);
    expect(redacted).toBe('CPR-nr. XXXXXX-XXXX, ny adresse; sagsnr. XXXXXXXXXX og XXXXXX XXXX.');
    expect(redacted).toHaveLength(text.length);
    expect(findCprNumbers(redacted)).toEqual([]);
  });

  it('redacts only the findings it is given', () => {
    const high = findCprNumbers(text).filter((f) => f.confidence === 'high');
    expect(redactCprNumbers(text, high)).toBe(
      'CPR-nr. XXXXXX-XXXX, ny adresse; sagsnr. 0102030028 og XXXXXX XXXX.',
    );
    expect(redactCprNumbers(text, [])).toBe(text);
  });

  it.each([
    ['cpr 999999-9999-0102031234', 'cpr 999999-9999-XXXXXXXXXX'],
    ['cpr 999999-99990102031234', 'cpr 999999-9999XXXXXXXXXX'],
  ])('does not turn what is left beside a redacted number into a finding: %s', (text, result) => {
    expect(findCprNumbers(text).map((f) => f.confidence)).toEqual(['low']);
    expect(redactCprNumbers(text)).toBe(result);
    expect(findCprNumbers(result)).toEqual([]);
  });

  it('refuses a finding from another version of the text', () => {
    const [finding] = findCprNumbers(text);
    expect(() => redactCprNumbers(`x${text}`, [finding!])).toThrow(/does not match/);
  });
});

describe('describeCprFinding', () => {
  it('gives one Danish line with the serial masked', () => {
    expect(describeCprFinding(only('Borger 010203-1234'))).toBe(
      `Muligt CPR-nummer 010203-XXXX (høj sikkerhed): ${cprReasonTexts.validDateNoModulus11}`,
    );
    expect(describeCprFinding(only('Sagsnr. 0102031234'))).toBe(
      'Muligt CPR-nummer 010203XXXX (lav sikkerhed): Mærket som sags-, dokument- eller id-nummer',
    );
  });
});
