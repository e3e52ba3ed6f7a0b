import type { LinkState } from '../broker/broker-port';

/**
 * Why a live command cannot be sent over the link right now, in words for the operator; null when
 * the link is connected. Live commands are refused, never queued: one delivered after an outage is
 * a wrong command (reliability-notes §0.2).
 */
export function linkRefusal(state: LinkState, now: number): string | null {
  const tail = 'Live commands are not queued; send again once the broker is connected.';
  switch (state.kind) {
    case 'connected':
      return null;
    case 'unconfigured':
      return `No broker is configured. ${tail}`;
    case 'stopped':
      return `The broker link is stopped. ${tail}`;
    case 'connecting':
      return `The broker link is connecting (attempt ${state.attempt}, ${ago(now, state.since)}). ${tail}`;
    case 'reconnecting':
      return `The broker link is down since ${ago(now, state.since)} (attempt ${state.attempt}: ${state.lastError}). ${tail}`;
  }
}

const ago = (now: number, since: number): string => `${Math.max(0, Math.round((now - since) / 1000))} s ago`;
