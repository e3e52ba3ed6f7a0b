/** Types for prerequisites.mjs (kept as plain JS so run-tests.mjs can import it without tsx). */
export type Found<T> = ({ ok: true } & T) | { ok: false; error: string };
export function findChromium(env?: NodeJS.ProcessEnv): Found<{ executablePath: string | undefined }>;
export function findMosquitto(env?: NodeJS.ProcessEnv): Found<{ path: string }>;
export const CHROMIUM_ARGS: string[];
