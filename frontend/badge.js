// The connection badge: what the socket is doing, in words, with a way to reconnect when waiting would be
// pointless; beside it the round-trip time and how old the newest tick is.

import { formatAge, formatDuration } from './format.js';

/**
 * @typedef {object} ConnectionState the client's 'state' event
 * @property {'connecting' | 'live' | 'reconnecting' | 'offline' | 'stopped'} status
 * @property {number} [attempt] the attempt under way or next, from 1 (for `stopped`: attempts that failed in a row)
 * @property {number} [retryInMs] delay before the next attempt, milliseconds
 * @property {number} [retryAt] when the next attempt starts, epoch milliseconds
 * @property {number} [code] close code of the connection that ended
 * @property {string} [reason] why a stopped client stopped
 */

/** A stopped client's reason, in words. */
const STOP_REASONS = {
  normal: 'Stopped: the server ended the session',
  binary: 'Stopped: protocol error (binary frame)',
  'invalid-utf8': 'Stopped: protocol error (invalid text)',
  'signed-out': 'Signed out',
  'too-big': 'Stopped: message too big',
  'gave-up': 'Disconnected: gave up reconnecting',
  stopped: 'Stopped',
  'not-started': 'Not connected',
  error: 'Stopped: could not open a connection',
};

/** Why a reconnecting client waits, when it is not the usual backoff. */
const WAIT_REASONS = {
  restart: 'Server restarting',
  'rate-limited': 'Rate limited',
  dead: 'Connection went silent',
};

/** Stop reasons after which reconnecting by hand may help. */
const RESTARTABLE = new Set(['gave-up']);

/** After this long without a tick while live, the age is shown as a warning, milliseconds. */
export const STALE_AFTER_MS = 10_000;

/**
 * @param {ConnectionState} state
 * @param {number} now epoch milliseconds
 * @returns {{label: string, countdown: string, detail: string, action: string | null}} what the badge says;
 *   `countdown` changes every second and is kept out of what screen readers announce, `action` names the
 *   button to show
 */
export function describeState(state, now) {
  const attempt = state.attempt > 0 ? ` (attempt ${state.attempt})` : '';
  switch (state.status) {
    case 'connecting':
      // The first attempt is just "Connecting…"; a count only matters once attempts fail.
      return { label: 'Connecting…', countdown: '', detail: state.attempt > 1 ? attempt : '', action: null };
    case 'live':
      return { label: 'Live', countdown: '', detail: '', action: null };
    case 'reconnecting': {
      const seconds = Math.max(0, Math.ceil((state.retryAt - now) / 1000));
      const why = WAIT_REASONS[state.reason];
      return {
        label: why ? `${why}: reconnecting` : 'Reconnecting',
        countdown: Number.isFinite(seconds) ? ` in ${seconds} s` : '',
        detail: attempt,
        action: 'Reconnect now',
      };
    }
    case 'offline':
      return { label: 'Offline: waiting for the network', countdown: '', detail: '', action: null };
    case 'stopped':
      return {
        label: state.reason === 'gave-up' && state.attempt > 0
          ? `Disconnected: gave up after ${state.attempt} ${state.attempt === 1 ? 'attempt' : 'attempts'}`
          : STOP_REASONS[state.reason] ?? `Stopped: ${state.reason ?? 'unknown reason'}`,
        countdown: '',
        detail: '',
        action: RESTARTABLE.has(state.reason) ? 'Reconnect' : null,
      };
    default:
      return { label: String(state.status), countdown: '', detail: '', action: null };
  }
}

/**
 * @param {HTMLElement} root holding `[data-part="badge"]` (which gets `data-status`) with `[data-part="label"]`,
 *   `[data-part="countdown"]`, `[data-part="detail"]` and `button[data-part="action"]` inside, and beside it
 *   `[data-part="rtt"]` and `[data-part="age"]`
 * @param {object} options
 * @param {() => void} options.onReconnect the badge's button was pressed
 */
export function createBadge(root, { onReconnect }) {
  const part = (name) => root.querySelector(`[data-part="${name}"]`);
  const badge = part('badge');
  const label = part('label');
  const countdown = part('countdown');
  const detail = part('detail');
  const action = part('action');
  const rtt = part('rtt');
  const age = part('age');

  /** @type {ConnectionState} */
  let state = { status: 'connecting' };
  /** @type {number | undefined} epoch milliseconds */
  let retryAt;
  /** @type {number | undefined} epoch milliseconds */
  let lastTickAt;
  let rttKnown = false;

  action.addEventListener('click', () => onReconnect());

  function setText(element, text) {
    if (element.textContent !== text) element.textContent = text;
  }

  function render(now) {
    const words = describeState({ ...state, retryAt }, now);
    badge.dataset.status = state.status;
    badge.dataset.retryAt = state.status === 'reconnecting' && retryAt !== undefined ? String(retryAt) : '';
    badge.title = state.code ? `Close code ${state.code}` : '';
    setText(label, words.label);
    setText(countdown, words.countdown);
    setText(detail, words.detail);
    action.hidden = !words.action;
    // A round-trip time measured on a connection that is gone says nothing about the next one.
    rtt.hidden = !(rttKnown && state.status === 'live');
    if (words.action) setText(action, words.action);
    if (lastTickAt === undefined) {
      setText(age, 'No ticks yet');
    } else {
      setText(age, `Last tick ${formatAge(now - lastTickAt)}`);
    }
    age.dataset.stale = String(state.status === 'live' && lastTickAt !== undefined && now - lastTickAt > STALE_AFTER_MS);
  }

  return {
    /**
     * @param {ConnectionState} next the client's latest 'state' event
     * @param {number} now epoch milliseconds
     */
    setState(next, now) {
      state = next;
      retryAt = next.retryAt ?? (Number.isFinite(next.retryInMs) ? now + next.retryInMs : undefined);
      render(now);
    },

    /** @param {number} ms the latest round-trip time, milliseconds */
    setRtt(ms) {
      rttKnown = true;
      rtt.hidden = state.status !== 'live';
      setText(rtt, `RTT ${formatDuration(ms)}`);
    },

    /** @param {number} at when the newest tick was received, epoch milliseconds */
    noteTick(at) {
      lastTickAt = lastTickAt === undefined ? at : Math.max(lastTickAt, at);
    },

    /**
     * Updates the countdown and the age; call it at least once a second.
     *
     * @param {number} now epoch milliseconds
     */
    refresh(now) {
      render(now);
    },
  };
}
