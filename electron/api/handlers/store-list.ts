import type { storeListContract } from '../contract/store-list';
import type { Handlers } from '../define-handlers';
import type { HandlerContext } from '../handler-context';
import { DomainError } from '../../domain/domain-error';
import { parseStoreList } from '../../domain/organization/store-list';
import { mutation } from '../mutation';
import type { StoreRow } from '../../store/store-store';
import { requireOrganization } from './organization-lookups';

function preview(ctx: HandlerContext, organizationId: string, text: string, defaultTimeZone: string) {
  requireOrganization(ctx, organizationId);
  return parseStoreList(text, {
    existingNames: ctx.stores.inOrganization(organizationId).map((s) => s.name),
    storeWithDomain: (domain) => ctx.stores.findByDomain(domain),
    defaultTimeZone,
  });
}

export const storeListHandlers: Handlers<typeof storeListContract> = {
  'stores.previewMany': ({ organizationId, text, defaultTimeZone }, ctx) => preview(ctx, organizationId, text, defaultTimeZone),

  'stores.addMany': mutation('store.added', ({ organizationId, text, defaultTimeZone }, ctx) => {
    const organization = requireOrganization(ctx, organizationId);
    const { rows, problems } = preview(ctx, organizationId, text, defaultTimeZone);
    if (problems.length > 0) {
      const lines = problems.length === 1 ? '1 line has a problem' : `${new Set(problems.map((p) => p.line)).size} lines have problems`;
      throw new DomainError('invalid_input', `${lines}; no store was added. ${problems.map((p) => p.message).join('; ')}`, {
        path: ['text'],
        problems,
      });
    }
    if (rows.length === 0)
      throw new DomainError('invalid_input', 'The list has no stores: paste store addresses, one per line', {
        path: ['text'],
        problems: [],
      });
    const at = ctx.now().toISOString();
    const added: StoreRow[] = rows.map((row) => ({
      id: ctx.newId(),
      organizationId,
      name: row.name,
      domain: row.domain,
      timeZone: row.timeZone,
      flowInstalled: row.flowInstalled,
      flowUninstalledAt: null,
      createdAt: at,
      updatedAt: at,
    }));
    for (const row of added) ctx.stores.insert(row);
    return {
      value: { added: added.map((row) => ({ ...row, installedApps: 0, connections: 0 })) },
      // One entry per store, as if added one by one: the Activity log and a store's history read the same.
      audit: added.map((row) => ({
        organizationId,
        storeId: row.id,
        summary: `Added store "${row.name}" (${row.domain}) to "${organization.name}" from a list of ${added.length}`,
        after: row,
      })),
    };
  }),
};
