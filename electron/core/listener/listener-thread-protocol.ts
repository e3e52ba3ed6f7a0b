import type { CallbackRecord, ListenerToken } from '../../../shared/protocol/listener';
import type { RefusedCallback } from './callback-route';
import type { ListenerOptions } from './listener-options';
import type { ListenerAddress } from './listener-server';

/** What the listener's thread may change while it runs: rate limits and proxy trust. */
export type LiveListenerLimits = Pick<ListenerOptions, 'rateLimits' | 'trustProxy'>;

/** The core's answer to a record: durable, or refused (`keyReused`: a key used for another body). */
export type RecordedAnswer = { id: number; error?: string; keyReused?: true };

export type ForwardedLogLine = {
  level: 'debug' | 'info' | 'warn' | 'error';
  bindings: Record<string, unknown>;
  obj: unknown;
  msg: string | undefined;
};

/** Messages from the core's main thread to the listener thread. */
export type ToListenerThread =
  | {
      type: 'start';
      host: string;
      port: number;
      options: ListenerOptions;
      tokens: ListenerToken[];
      /** The core logger's level: the thread hands over only the lines that would be written. */
      logLevel: string;
    }
  /** The whole token list (digests only), after every change in Settings. */
  | { type: 'tokens'; tokens: ListenerToken[] }
  /** The answer to `find-token`: the token with that digest, if the core knows one. */
  | { type: 'token'; id: number; token: ListenerToken | undefined }
  | { type: 'limits'; limits: LiveListenerLimits }
  /** The core's answers to `callbacks`: durable, or why not (the caller then gets a 503). */
  | { type: 'recorded'; answers: RecordedAnswer[] }
  | { type: 'stop' };

/** Messages from the listener thread to the core's main thread. */
export type FromListenerThread =
  | { type: 'started'; address: ListenerAddress }
  | { type: 'start-failed'; message: string }
  /**
   * Authenticated, validated calls for the sink, each answered in a later `recorded` by its id.
   * Sent in batches (the calls of one event-loop turn), as each message costs both threads.
   */
  | { type: 'callbacks'; calls: Array<{ id: number; record: CallbackRecord }> }
  | { type: 'refused'; refusal: RefusedCallback }
  /** New limits the listener could not take (it serves on under its earlier ones), and why. */
  | { type: 'limits-refused'; message: string }
  /** A line for the core's logger (the thread has none of its own). */
  | { type: 'log'; line: ForwardedLogLine }
  /**
   * A digest the thread's copy of the tokens lacks: asked of the core before the call is refused,
   * so a token is usable the moment Settings creates it, before the new list reaches the thread.
   */
  | { type: 'find-token'; id: number; hash: string }
  | { type: 'stopped' };
