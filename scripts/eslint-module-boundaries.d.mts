import type { Rule } from 'eslint';

export declare const tableReaders: string[];
export declare const tableReadersBeingMoved: string[];
export declare const moduleBoundaries: Rule.RuleModule;
export declare const moduleDoors: Rule.RuleModule;
