import path from 'node:path';
import { openAppContext, type AppContext } from '../../electron/app-context';
import type { ApiInput, ApiMethod, ApiOutput } from '../../electron/api/contract';

/** A real app context on a real SQLite file, with a fixed actor. */
export async function openTestApp(dir: string, file = 'flow-admin.db'): Promise<AppContext> {
  return openAppContext({ databasePath: path.join(dir, file), userName: 'test-admin' });
}

/** Calls a method and returns its value, failing the test with the API's own message when it refuses. */
export async function call<M extends ApiMethod>(app: AppContext, method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
  const result = await app.api.call(method, input);
  if (!result.ok) throw new Error(`${method} refused: ${result.error.code}: ${result.error.message}`);
  return result.value as ApiOutput<M>;
}

/** Calls a method that must refuse, and returns the error body. */
export async function refusal(app: AppContext, method: string, input: unknown) {
  const result = await app.api.call(method, input);
  if (result.ok) throw new Error(`${method} was expected to refuse, but answered ${JSON.stringify(result.value)}`);
  return result.error;
}
