import type { ApiErrorBody, ApiInput, ApiMethod, ApiOutput, ApiResult, ErrorDetails, FlowAdminBridge } from '$shared/api/contract';
import type { UpgradeProgress } from '$shared/store/upgrade-progress';
import { upgrade } from '../state/upgrade.svelte';

export type { ApiMethod, ApiInput, ApiOutput } from '$shared/api/contract';

/** A refusal from the API, with its stable code and the structured details (field paths, reasons). */
export class ApiError extends Error {
  readonly code: string;
  /** Empty when the refusal has none. */
  readonly details: ErrorDetails;
  constructor(body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.code = body.code;
    this.details = body.details ?? {};
  }
}

type Transport = (method: string, input: unknown, signal?: AbortSignal) => Promise<ApiResult>;

declare global {
  interface Window {
    flowAdminApi?: FlowAdminBridge;
  }
}

const tokenKey = 'flow-admin-token';

/** Browser mode: the token arrives in the address Flow Admin printed; keep it for reloads, then take it out of sight. */
function takeToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(tokenKey, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  return sessionStorage.getItem(tokenKey) ?? '';
}

function httpTransport(): Transport {
  const token = takeToken();
  return async (method, input, signal) => {
    let response: Response;
    try {
      response = await fetch(`./api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(input ?? {}),
        signal,
      });
    } catch (error) {
      return { ok: false, error: { code: 'unreachable', message: `Flow Admin's server did not answer (${(error as Error).message})` } };
    }
    const body = (await response.json().catch(() => null)) as unknown;
    if (response.ok) return { ok: true, value: body };
    const error = (body as { error?: ApiErrorBody } | null)?.error;
    return { ok: false, error: error ?? { code: 'http_' + response.status, message: `HTTP ${response.status}` } };
  };
}

function bridgeTransport(bridge: FlowAdminBridge): Transport {
  const functions = bridge as unknown as Record<string, (input: unknown) => Promise<ApiResult>>;
  return async (method, input) => {
    const fn = functions[method];
    if (!fn) return { ok: false, error: { code: 'unknown_method', message: `There is no API method "${method}"` } };
    return fn(input);
  };
}

/** The one way the renderer talks to the main process: the preload bridge in Electron, HTTP in browser mode. */
export class ApiClient {
  constructor(
    private readonly transport: Transport,
    /** How long to wait before asking again while the database is being upgraded. */
    private readonly upgradePollMs = 400,
  ) {}

  /**
   * `signal` drops a read nobody waits for any more (LatestRequest); over IPC the answer is simply ignored.
   * While the app upgrades its database (answer `upgrading`), the call shows how far it is and asks again: the
   * screens wait for the upgrade instead of failing.
   */
  async call<M extends ApiMethod>(method: M, input: ApiInput<M>, signal?: AbortSignal): Promise<ApiOutput<M>> {
    for (;;) {
      const result = await this.transport(method, input, signal);
      if (!result.ok && result.error.code === 'upgrading') {
        upgrade.progress = (result.error.details?.upgrade as UpgradeProgress | undefined) ?? null;
        await new Promise((resume) => setTimeout(resume, this.upgradePollMs));
        signal?.throwIfAborted();
        continue;
      }
      if (upgrade.progress) upgrade.progress = null;
      if (!result.ok) throw new ApiError(result.error);
      return result.value as ApiOutput<M>;
    }
  }
}

export function createApiClient(): ApiClient {
  return new ApiClient(window.flowAdminApi ? bridgeTransport(window.flowAdminApi) : httpTransport());
}

export const api = createApiClient();
