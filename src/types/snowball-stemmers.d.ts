// The package ships no types; this is the part of its API the papers module uses.
declare module 'snowball-stemmers' {
  export type Stemmer = { stem(word: string): string };
  export function newStemmer(language: string): Stemmer;
}
