// Which symbols are on the board, and which one is charted: kept in local storage and in the page's URL.
// The storage and the URL are passed in, so this module works the same in a test.

import { isSymbol } from './client-messages.js';

/** The server's default `maxSubscriptions`: more symbols than this cannot be live on one connection. */
export const MAX_SYMBOLS = 200;

/** Symbols put on a board that nobody has chosen yet, at most. */
export const DEFAULT_SYMBOL_COUNT = 20;

/** Name of the query parameter that shares a board, for example `?symbols=AAPL,MSFT`. */
export const QUERY_PARAMETER = 'symbols';

const SYMBOLS_KEY = 'tickwire.symbols';
const SELECTED_KEY = 'tickwire.selected';

/**
 * @param {string} text symbols separated by commas or white space, any case
 * @returns {string[]} the well-formed ones, upper case, each once, in order, at most {@link MAX_SYMBOLS}
 */
export function parseSymbols(text) {
  const symbols = new Set();
  for (const part of text.split(/[\s,]+/)) {
    const symbol = part.trim().toUpperCase();
    if (isSymbol(symbol)) symbols.add(symbol);
  }
  return [...symbols].slice(0, MAX_SYMBOLS);
}

/**
 * Reads the board's symbols: the URL's `?symbols=` wins over local storage, so a shared link shows what its
 * sender saw.
 *
 * @param {{search: string, storage?: Storage | null}} sources `location.search` and `localStorage`
 * @returns {{symbols: string[] | null, source: 'url' | 'storage' | null, selected: string | null}}
 *   `symbols` is null when nothing was chosen yet (an empty list is a choice: the user removed everything)
 */
export function readPreferences({ search, storage }) {
  const selected = read(storage, SELECTED_KEY);
  const fromUrl = new URLSearchParams(search).get(QUERY_PARAMETER);
  if (fromUrl !== null && fromUrl.trim() !== '') {
    return { symbols: parseSymbols(fromUrl), source: 'url', selected };
  }
  const stored = read(storage, SYMBOLS_KEY);
  if (stored !== null) {
    try {
      const list = JSON.parse(stored);
      if (Array.isArray(list)) {
        return { symbols: parseSymbols(list.filter((s) => typeof s === 'string').join(',')), source: 'storage', selected };
      }
    } catch {
      // a value this page did not write: start as if nothing was stored
    }
  }
  return { symbols: null, source: null, selected };
}

/**
 * @param {Storage | null | undefined} storage where to keep the choice; failures (private mode, full) are ignored
 * @param {string[]} symbols the board's symbols, in order
 */
export function saveSymbols(storage, symbols) {
  write(storage, SYMBOLS_KEY, JSON.stringify(symbols));
}

/**
 * @param {Storage | null | undefined} storage
 * @param {string | null} symbol the charted symbol, or null for none
 */
export function saveSelected(storage, symbol) {
  write(storage, SELECTED_KEY, symbol);
}

/**
 * @param {string} href the page's current address
 * @param {string[]} symbols the board's symbols, in order
 * @returns {string} the same address with `?symbols=` set (removed when the board is empty); commas stay readable
 */
export function addressWithSymbols(href, symbols) {
  const url = new URL(href);
  const params = new URLSearchParams(url.search);
  params.delete(QUERY_PARAMETER);
  const rest = params.toString();
  const list = symbols.map((symbol) => encodeURIComponent(symbol).replaceAll('%2F', '/').replaceAll('%3A', ':')).join(',');
  const query = [list ? `${QUERY_PARAMETER}=${list}` : '', rest].filter(Boolean).join('&');
  url.search = query ? `?${query}` : '';
  return url.href;
}

/**
 * @param {string[]} available every symbol the server offers, in its order
 * @param {number} [count] how many to take
 * @returns {string[]} the board for someone who has not chosen yet
 */
export function defaultSymbols(available, count = DEFAULT_SYMBOL_COUNT) {
  return available.slice(0, count);
}

function read(storage, key) {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function write(storage, key, value) {
  try {
    if (value === null) storage?.removeItem(key); else storage?.setItem(key, value);
  } catch {
    // storage refused (private mode, quota): the board still works, it just will not be remembered
  }
}
