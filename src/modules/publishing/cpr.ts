// Temporary: replaced by the full detector from the cpr-guard branch before landing.
export type CprFinding = {
  start: number;
  end: number;
  text: string;
  confidence: 'high' | 'low';
  reason: string;
  modulus11: boolean;
};
export function findCprNumbers(text: string): CprFinding[] {
  return [...text.matchAll(/(?<!\d)(\d{6})-?(\d{4})(?!\d)/g)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
    text: match[0],
    confidence: 'high',
    reason: '',
    modulus11: false,
  }));
}
