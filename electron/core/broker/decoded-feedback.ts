import {
  decodeFeedback,
  MAX_FEEDBACK_BYTES,
  type DecodedFeedback,
  type ProtocolProfile,
} from '../../../shared/protocol/profile';
import type { InboundMessage } from './broker-port';

const decoded = new WeakMap<InboundMessage, { profile: ProtocolProfile; result: DecodedFeedback }>();

/**
 * The feedback in a message, decoded once however many listeners read it: live values and
 * control both hear every feedback message, and decoding it (bytes to text, JSON, the profile's
 * paths) was a tenth of the core's time in a 10,000-home fan-out. Keyed by the message object and
 * the profile in force, so a profile change decodes afresh. Callers must not change the result.
 */
export function decodedFeedback(profile: ProtocolProfile, message: InboundMessage): DecodedFeedback {
  const hit = decoded.get(message);
  if (hit !== undefined && hit.profile === profile) return hit.result;
  // Checked on the bytes, before they are copied into a string: a 100 MB payload costs nothing.
  const result: DecodedFeedback =
    message.payload.byteLength > MAX_FEEDBACK_BYTES
      ? {
          ok: false,
          kind: 'too-large',
          reason: `payload is ${message.payload.byteLength} bytes, over ${MAX_FEEDBACK_BYTES}`,
          serial: null,
        }
      : decodeFeedback(profile, message.topic, message.payload.toString('utf8'));
  decoded.set(message, { profile, result });
  return result;
}
