import type { IncomingMessage, ServerResponse } from 'node:http';
import { DomainError } from '@credence/shared';

/**
 * No request body of this API nests deeper than a handful of levels; 32 leaves room for any of them. Deeper JSON
 * exhausted the stack of the code that walks bodies (a 3 KB body answered 500), so it is refused before parsing.
 */
export const MAX_JSON_DEPTH = 32;

const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

export class JsonTooDeepError extends DomainError {
  constructor() {
    super({
      code: 'JSON_TOO_DEEP',
      status: 400,
      message: {
        zh: `请求体 JSON 嵌套过深（最多 ${MAX_JSON_DEPTH} 层）`,
        en: `The JSON body is nested too deeply (at most ${MAX_JSON_DEPTH} levels)`,
      },
      details: { maxDepth: MAX_JSON_DEPTH },
    });
  }
}

/** The deepest nesting of arrays and objects in JSON text, brackets inside strings not counted; one pass. */
export function jsonDepth(raw: Uint8Array): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) deepest = Math.max(deepest, ++depth);
    else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) depth--;
  }
  return deepest;
}

/**
 * The `verify` hook of the JSON body parser: runs on the raw bytes before JSON.parse. body-parser passes what it
 * throws on to the error middleware with the status it carries (400), where it becomes a problem.
 */
export function refuseDeepJson(_req: IncomingMessage, _res: ServerResponse, raw: Buffer): void {
  if (jsonDepth(raw) > MAX_JSON_DEPTH) throw new JsonTooDeepError();
}
