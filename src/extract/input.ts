/**
 * Turning raw bytes into article text, refusing what is not an article.
 * Pure: takes bytes, returns text or throws an InputError with one clear line. The CLI maps
 * InputError to exit code 2; the library never sees a stack trace for bad input.
 */
import type { InputFormat } from '../model/types.js';

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

export type InputErrorCode = 'empty' | 'binary' | 'encoding' | 'too-large' | 'no-text' | 'language' | 'options';

export class InputError extends Error {
  readonly code: InputErrorCode;
  constructor(code: InputErrorCode, message: string) {
    super(message);
    this.name = 'InputError';
    this.code = code;
  }
}

export interface DecodeOptions {
  /** Refuse input larger than this many bytes (default 5 MB). */
  maxBytes?: number;
  /** Name of the input in messages (a path, or "stdin"). */
  name?: string;
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

/** Decodes UTF-8 bytes, refusing empty, binary, mis-encoded or over-size input. */
export function decodeInput(bytes: Uint8Array, options: DecodeOptions = {}): string {
  const name = options.name ?? 'input';
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (!Number.isFinite(maxBytes) || maxBytes <= 0) {
    throw new InputError('options', `max bytes must be a positive number, got ${String(maxBytes)}`);
  }
  if (bytes.length > maxBytes) {
    throw new InputError(
      'too-large',
      `${name} is ${formatBytes(bytes.length)}, over the limit of ${formatBytes(maxBytes)} (raise it with --max-bytes)`,
    );
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new InputError('binary', `${name} looks binary (NUL byte at offset ${nul}), expected UTF-8 text or HTML`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new InputError('encoding', `${name} is not valid UTF-8 text`);
  }
  if (text.trim() === '') {
    throw new InputError('empty', `${name} is empty (no text to analyse)`);
  }
  return text;
}

/** Guesses the format from a file name, then from the content. */
export function guessFormat(name: string | undefined, text: string): InputFormat {
  if (name && /\.x?html?$/i.test(name)) return 'html';
  if (name && /\.(txt|text|md)$/i.test(name)) return 'text';
  const head = text.slice(0, 2048).trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || /<(body|article|p|div|head)[\s>]/.test(head)) {
    return 'html';
  }
  return 'text';
}
