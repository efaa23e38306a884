import type { RuntimeOptions } from './runtime-options';
import { portableRuntimeOptionKeys, RuntimeThread, type PortableRuntimeOptions } from './runtime-thread';

/**
 * The worker thread a Runtime runs in (the desktop app and browser mode): what crosses into it is the tuning
 * that can be copied (no functions), where the database is, and the secrets key read on this side (or why it
 * could not be), read again at each (re)start of the thread.
 */
export function runtimeThreadFor(
  options: RuntimeOptions,
  where: NonNullable<RuntimeOptions['workerThread']>,
  log: (message: string, error?: unknown) => void,
): RuntimeThread {
  const portable = Object.fromEntries(portableRuntimeOptionKeys.map((key) => [key, options[key]])) as PortableRuntimeOptions;
  return new RuntimeThread(() => {
    let key: Buffer | null = null;
    let keyError: string | null = null;
    try {
      key = options.secrets.keyForWorkerThread();
    } catch (error) {
      keyError = (error as Error).message;
    }
    return {
      ...where,
      key,
      keyWhere: options.secrets.keyLocation,
      keyError,
      soleWriter: options.soleWriter ?? false,
      options: JSON.parse(JSON.stringify(portable)),
    };
  }, log);
}
