import { beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../electron/app-context';
import { call, refusal } from '../../support/app';
import { useTempDir } from '../../support/temp-dir';
import { count, postTrigger, triggerHeaders, type Org } from './fixture';
import { openTriggerEndpoint, tierUpPayload, type TriggerEndpoint } from './signed-trigger';

const tempDir = useTempDir();
const payload = tierUpPayload;
let app: AppContext, org: Org, secret: string, url: string, envelope: TriggerEndpoint['envelope'];

beforeEach(async () => {
  ({ app, org, secret, url, envelope } = await openTriggerEndpoint(tempDir(), ['loyaltylion', 'klaviyo']));
});

describe('the trigger endpoint (apps send triggers)', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/triggers$/);
  });

  it('a signed trigger from an installed app runs the workflows running on it, and the run is recorded', async () => {
    const response = await postTrigger(url, envelope(), secret);
    expect(response.status).toBe(200);
    expect(response.body.runIds).toHaveLength(1);
    const detail = await call(app, 'runs.get', { runId: response.body.runIds[0] });
    expect(detail).toMatchObject({
      status: 'succeeded_with_actions',
      trigger: { app: 'loyaltylion', handle: 'customer_moved_up_tier' },
      event: { source: 'app', payload },
    });
    expect(detail.steps[0]).toMatchObject({
      status: 'recorded',
      outputs: { notSent: 'offline', mutation: 'tagsAdd', variables: { id: 'gid://shopify/Customer/7', tags: ['tier-gold'] } },
    });
  });

  it('accepts the store by id as well as by its address', async () => {
    expect((await postTrigger(url, envelope({ store: org.storeId }), secret)).status).toBe(200);
  });

  describe('bad requests get a clear 4xx, and nothing is recorded', () => {
    const cases: [string, () => Promise<{ status: number; body: any }>, number, string, RegExp][] = [
      // Until the signature holds, every failure is the same 401 (see test/unit/hardening/trigger-endpoint.test.ts).
      ['no signature', () => postTrigger(url, envelope(), null), 401, 'unauthorized', /X-Flow-Admin-Hmac-Sha256/],
      [
        'a signature made with another secret',
        () => postTrigger(url, envelope(), 'not-the-secret-of-this-app'),
        401,
        'unauthorized',
        /HMAC-SHA256/,
      ],
      [
        'a body changed after signing',
        () =>
          postTrigger(
            url,
            JSON.stringify(envelope({ payload: { ...payload, tier: 'platinum' } })),
            null,
            triggerHeaders(JSON.stringify(envelope()), secret),
          ),
        401,
        'unauthorized',
        /HMAC/,
      ],
      [
        'an unknown store',
        () => postTrigger(url, envelope({ store: 'nowhere.myshopify.com' }), secret),
        401,
        'unauthorized',
        /not signed by an app installed in that store/,
      ],
      [
        'an unknown app',
        () => postTrigger(url, envelope({ app: 'nosuchapp' }), secret),
        401,
        'unauthorized',
        /not signed by an app installed in that store/,
      ],
      [
        'an unknown trigger',
        () => postTrigger(url, envelope({ trigger: 'customer_flew_away' }), secret),
        404,
        'unknown_trigger',
        /LoyaltyLion.* has no trigger "customer_flew_away"/,
      ],
      [
        'an app not installed in that store',
        () => postTrigger(url, envelope({ app: 'yotpo', trigger: 'new_review', payload: {} }), secret),
        401,
        'unauthorized',
        /not signed by an app installed in that store/,
      ],
      [
        "Shopify's own trigger",
        () => postTrigger(url, envelope({ app: 'shopify', trigger: 'order_created', payload: {} }), secret),
        401,
        'unauthorized',
        /not signed/,
      ],
      [
        'a payload with a field of the wrong type',
        () => postTrigger(url, envelope({ payload: { ...payload, points_balance: 'lots' } }), secret),
        422,
        'invalid_payload',
        /payload\.points_balance: must be a whole number/,
      ],
      [
        'a payload with a field the trigger does not have',
        () => postTrigger(url, envelope({ payload: { ...payload, shoe_size: 44 } }), secret),
        422,
        'invalid_payload',
        /not a field of this trigger: shoe_size/,
      ],
      [
        'a malformed email',
        () => postTrigger(url, envelope({ payload: { ...payload, customer_email: 'kari' } }), secret),
        422,
        'invalid_payload',
        /payload\.customer_email: must be an email address/,
      ],
      [
        'a payload over 1 MB',
        () => postTrigger(url, envelope({ payload: { ...payload, tier: 'x'.repeat(1024 * 1024) } }), secret),
        413,
        'payload_too_large',
        /larger than 1048576 bytes/,
      ],
      [
        'a body far over the limit',
        () => postTrigger(url, envelope({ payload: { tier: 'x'.repeat(2 * 1024 * 1024) } }), secret),
        413,
        'payload_too_large',
        /larger than/,
      ],
      ['a body that is not JSON', () => postTrigger(url, '{"store": ', secret), 401, 'unauthorized', /not signed/],
      [
        'a body without the envelope',
        () => postTrigger(url, { payload }, secret),
        401,
        'unauthorized',
        /body \{ store, app, trigger, payload \}/,
      ],
      [
        'not JSON content',
        () =>
          fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hi' }).then(async (r) => ({
            status: r.status,
            body: await r.json(),
          })),
        415,
        'unsupported_media_type',
        /application\/json/,
      ],
    ];
    for (const [what, send, status, code, message] of cases) {
      it(what, async () => {
        const response = await send();
        expect(response.status).toBe(status);
        expect(response.body.error.code).toBe(code);
        expect(response.body.error.message).toMatch(message);
        expect(count(app, 'trigger_events')).toBe(0);
        expect(count(app, 'runs')).toBe(0);
      });
    }
  });

  it('an app installed but without a signing secret cannot sign: the same 401', async () => {
    await call(app, 'apps.install', { appId: 'yotpo', storeIds: [org.storeId], setupComplete: true });
    const unsigned = await postTrigger(url, envelope({ app: 'yotpo', trigger: 'new_review', payload: {} }), secret);
    // Without a secret nothing can be signed: the same 401 as any unsigned request.
    expect(unsigned).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
    expect(count(app, 'trigger_events')).toBe(0);
  });

  it('the same checks apply to test events from the UI, refused with the field named', async () => {
    const error = await refusal(app, 'runtime.sendTestEvent', {
      storeId: org.storeId,
      trigger: { app: 'loyaltylion', handle: 'customer_moved_up_tier' },
      payload: { points_balance: 1.5 },
    });
    expect(error).toMatchObject({
      code: 'invalid_input',
      message: "The payload does not fit the trigger's data: payload.points_balance: must be a whole number",
    });
    const unknown = await refusal(app, 'runtime.sendTestEvent', {
      storeId: org.storeId,
      trigger: { app: 'shopify', handle: 'order_teleported' },
      payload: {},
    });
    expect(unknown).toMatchObject({ code: 'not_found' });
    expect(count(app, 'trigger_events')).toBe(0);
  });

  it('samplePayload fills every field of the trigger, and the sample is accepted as a test event', async () => {
    const { payload: sample } = await call(app, 'runtime.samplePayload', { app: 'loyaltylion', handle: 'customer_moved_up_tier' });
    expect(Object.keys(sample).sort()).toEqual(['customer_email', 'customer_id', 'moved_at', 'points_balance', 'previous_tier', 'tier']);
    const sent = await call(app, 'runtime.sendTestEvent', {
      storeId: org.storeId,
      trigger: { app: 'loyaltylion', handle: 'customer_moved_up_tier' },
      payload: sample,
    });
    expect(sent.runIds).toHaveLength(1);
  });
});
