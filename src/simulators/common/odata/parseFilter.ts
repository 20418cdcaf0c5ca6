// A small recursive-descent parser for the OData `$filter` subset v1 clients send. Written here
// because the npm OData parsers are v4-only (they reject v1's `datetimeoffset'...'` literals)
// and return grammar-shaped trees; this one returns a small tree and names the position of a
// mistake. Grammar: or > and > not > comparison > primary (literal, call, path, lambda, `( )`).

import { parseTimestamp } from '../clock.js';

export type Literal = string | number | boolean | null;

export type FilterExpression =
  | { kind: 'literal'; value: Literal; /** Microseconds, for date-time literals. */ datetime?: number }
  | { kind: 'path'; segments: string[] }
  | { kind: 'call'; name: string; args: FilterExpression[] }
  | { kind: 'compare'; op: ComparisonOperator; left: FilterExpression; right: FilterExpression }
  | { kind: 'logical'; op: 'and' | 'or'; left: FilterExpression; right: FilterExpression }
  | { kind: 'not'; operand: FilterExpression }
  | {
      kind: 'lambda';
      quantifier: 'any' | 'all';
      collection: string[];
      variable?: string;
      predicate?: FilterExpression;
    };

export type ComparisonOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export class ODataError extends Error {
  override readonly name = 'ODataError';
}

type Token =
  | { type: 'word'; text: string; at: number }
  | { type: 'string'; text: string; at: number }
  | { type: 'number'; value: number; at: number }
  | { type: 'datetime'; text: string; at: number }
  | { type: 'symbol'; text: '(' | ')' | ',' | ':' | '/'; at: number }
  | { type: 'end'; at: number };

const comparisonOperators = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const datetimeText = /^\d{4}-\d{2}-\d{2}T[0-9:.]+(?:Z|[+-]\d{2}:\d{2})?/i;

export function parseFilter(text: string): FilterExpression {
  const parser = new Parser(tokenize(text));
  const expression = parser.expression();
  parser.expectEnd();
  return expression;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (/\s/.test(char)) {
      i++;
    } else if ('(),:/'.includes(char)) {
      tokens.push({ type: 'symbol', text: char as '(' | ')' | ',' | ':' | '/', at: i++ });
    } else if (char === "'") {
      const { value, end } = readQuoted(text, i);
      tokens.push({ type: 'string', text: value, at: i });
      i = end;
    } else if (datetimeText.test(text.slice(i))) {
      const match = datetimeText.exec(text.slice(i))![0];
      tokens.push({ type: 'datetime', text: match, at: i });
      i += match.length;
    } else if (/[-\d]/.test(char)) {
      const match = /^-?\d+(?:\.\d+)?(?:[mdlf])?/i.exec(text.slice(i));
      if (!match) throw new ODataError(`Unexpected '${char}' at position ${i}.`);
      tokens.push({ type: 'number', value: Number.parseFloat(match[0]), at: i });
      i += match[0].length;
    } else if (/[A-Za-z_]/.test(char)) {
      const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i))![0];
      if (text[i + word.length] === "'") {
        // A typed literal: datetimeoffset'2024-01-01T00:00:00Z', datetime'...', guid'...'
        const { value, end } = readQuoted(text, i + word.length);
        tokens.push(typedLiteral(word, value, i));
        i = end;
      } else {
        tokens.push({ type: 'word', text: word, at: i });
        i += word.length;
      }
    } else {
      throw new ODataError(`Unexpected '${char}' at position ${i}.`);
    }
  }
  tokens.push({ type: 'end', at: text.length });
  return tokens;
}

function readQuoted(text: string, start: number): { value: string; end: number } {
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] !== "'") value += text[i];
    else if (text[i + 1] === "'") value += text[++i];
    else return { value, end: i + 1 };
  }
  throw new ODataError(`Unterminated string starting at position ${start}.`);
}

function typedLiteral(type: string, value: string, at: number): Token {
  const lower = type.toLowerCase();
  if (lower === 'datetimeoffset' || lower === 'datetime') return { type: 'datetime', text: value, at };
  if (lower === 'guid' || lower === 'x' || lower === 'binary') return { type: 'string', text: value, at };
  throw new ODataError(`Unknown literal type '${type}' at position ${at}.`);
}

class Parser {
  #position = 0;

  constructor(private readonly tokens: Token[]) {}

  expression(): FilterExpression {
    let left = this.#and();
    while (this.#acceptWord('or')) left = { kind: 'logical', op: 'or', left, right: this.#and() };
    return left;
  }

  expectEnd(): void {
    const token = this.#peek();
    if (token.type !== 'end') throw new ODataError(`Unexpected ${describe(token)} at position ${token.at}.`);
  }

  #and(): FilterExpression {
    let left = this.#not();
    while (this.#acceptWord('and')) left = { kind: 'logical', op: 'and', left, right: this.#not() };
    return left;
  }

  #not(): FilterExpression {
    if (this.#acceptWord('not')) return { kind: 'not', operand: this.#not() };
    return this.#comparison();
  }

  #comparison(): FilterExpression {
    const left = this.#primary();
    const token = this.#peek();
    if (token.type === 'word' && comparisonOperators.has(token.text.toLowerCase())) {
      this.#position++;
      return {
        kind: 'compare',
        op: token.text.toLowerCase() as ComparisonOperator,
        left,
        right: this.#primary(),
      };
    }
    return left;
  }

  #primary(): FilterExpression {
    const token = this.#next();
    switch (token.type) {
      case 'string':
        return { kind: 'literal', value: token.text };
      case 'number':
        return { kind: 'literal', value: token.value };
      case 'datetime':
        return datetimeLiteral(token.text, token.at);
      case 'symbol':
        if (token.text === '(') {
          const inner = this.expression();
          this.#expectSymbol(')');
          return inner;
        }
        break;
      case 'word':
        return this.#wordExpression(token.text, token.at);
    }
    throw new ODataError(
      `Expected a value, a property or '(' but found ${describe(token)} at position ${token.at}.`,
    );
  }

  #wordExpression(word: string, at: number): FilterExpression {
    const lower = word.toLowerCase();
    if (lower === 'true' || lower === 'false') return { kind: 'literal', value: lower === 'true' };
    if (lower === 'null') return { kind: 'literal', value: null };
    if (this.#acceptSymbol('(')) return { kind: 'call', name: lower, args: this.#arguments(word, at) };
    const segments = [word];
    while (this.#acceptSymbol('/')) {
      const segment = this.#next();
      if (segment.type !== 'word') {
        throw new ODataError(`Expected a property name after '/' at position ${segment.at}.`);
      }
      const quantifier = segment.text.toLowerCase();
      if ((quantifier === 'any' || quantifier === 'all') && this.#acceptSymbol('(')) {
        return this.#lambda(quantifier, segments);
      }
      segments.push(segment.text);
    }
    return { kind: 'path', segments };
  }

  #lambda(quantifier: 'any' | 'all', collection: string[]): FilterExpression {
    if (this.#acceptSymbol(')')) return { kind: 'lambda', quantifier, collection };
    const variable = this.#next();
    if (variable.type !== 'word') {
      throw new ODataError(`Expected a lambda variable at position ${variable.at}.`);
    }
    this.#expectSymbol(':');
    const predicate = this.expression();
    this.#expectSymbol(')');
    return { kind: 'lambda', quantifier, collection, variable: variable.text, predicate };
  }

  #arguments(name: string, at: number): FilterExpression[] {
    const args: FilterExpression[] = [];
    if (this.#acceptSymbol(')')) return args;
    do args.push(this.expression());
    while (this.#acceptSymbol(','));
    if (!this.#acceptSymbol(')')) {
      throw new ODataError(`Expected ')' to close ${name}( opened at position ${at}.`);
    }
    return args;
  }

  #peek(): Token {
    return this.tokens[this.#position]!;
  }

  #next(): Token {
    const token = this.tokens[this.#position]!;
    if (token.type !== 'end') this.#position++;
    return token;
  }

  #acceptWord(word: string): boolean {
    const token = this.#peek();
    if (token.type !== 'word' || token.text.toLowerCase() !== word) return false;
    this.#position++;
    return true;
  }

  #acceptSymbol(symbol: string): boolean {
    const token = this.#peek();
    if (token.type !== 'symbol' || token.text !== symbol) return false;
    this.#position++;
    return true;
  }

  #expectSymbol(symbol: string): void {
    const token = this.#peek();
    if (!this.#acceptSymbol(symbol)) {
      throw new ODataError(`Expected '${symbol}' but found ${describe(token)} at position ${token.at}.`);
    }
  }
}

function datetimeLiteral(text: string, at: number): FilterExpression {
  const micros = parseTimestamp(text);
  if (micros === undefined) throw new ODataError(`'${text}' at position ${at} is not a valid date and time.`);
  return { kind: 'literal', value: text, datetime: micros };
}

function describe(token: Token): string {
  switch (token.type) {
    case 'end':
      return 'the end of the filter';
    case 'number':
      return `'${token.value}'`;
    default:
      return `'${token.text}'`;
  }
}
