import type { FollowUp, PolicyTypeDefinition } from '../../core/registry/policy-type';
import type { TenantFaults } from './faults';
import type { GraphObject, TenantData } from './tenant-data';

export interface GraphAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface GraphRequestContext {
  tenantId: string;
  version: string;
  /** Path after the version, starting with `/`, without the query. */
  path: string;
  query: URLSearchParams;
  faults: TenantFaults;
}

interface FollowUpRoute {
  pattern: RegExp;
  type: PolicyTypeDefinition;
  followUp: FollowUp;
  /** For a nested (per-item) follow-up: the parent follow-up whose items hold the collection. */
  parent?: FollowUp;
}

const ID = '__DRIFTWATCH_ID__';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A follow-up path as a regular expression with one capture per id. */
function routePattern(path: string): RegExp {
  const [pathOnly] = path.split('?');
  return new RegExp(
    `^${escapeRegExp(pathOnly ?? path)
      .split(escapeRegExp(ID))
      .join('([^/]+)')}$`,
  );
}

export function graphError(
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
): GraphAnswer {
  return {
    status,
    headers,
    body: {
      error: {
        code,
        message,
        innerError: {
          date: new Date().toISOString().replace(/\.\d+Z$/, ''),
          'request-id': crypto.randomUUID(),
        },
      },
    },
  };
}

/** Intune wraps its messages in a JSON string (`{"_version":3,"Message":…}`); kept here as Graph sends it. */
function intuneMessage(text: string): string {
  return JSON.stringify({
    _version: 3,
    Message: `${text} - Operation ID (for customer support): ${crypto.randomUUID()}`,
  });
}

function expandNames(query: URLSearchParams): Set<string> {
  const raw = query.get('$expand') ?? '';
  const names = new Set<string>();
  let depth = 0;
  let current = '';
  for (const ch of raw) {
    if (ch === '(') depth += 1;
    if (ch === ')') depth -= 1;
    if (ch === ',' && depth === 0) {
      names.add(current.trim());
      current = '';
    } else if (depth === 0 && ch !== ')') current += ch;
  }
  if (current.trim()) names.add(current.trim());
  return names;
}

/** The Graph part of the simulator: list, entity, follow-up and `$batch` routes of every registry type. */
export class GraphService {
  private readonly lists = new Map<string, PolicyTypeDefinition[]>();
  private readonly followUps: FollowUpRoute[] = [];

  constructor(
    private readonly types: readonly PolicyTypeDefinition[],
    private readonly data: TenantData,
    /** Known only once the server listens. */
    private readonly origin: () => string,
    private readonly pageSizeOf: (typeKey: string, collection: 'list' | string) => number,
  ) {
    for (const type of types) {
      const sharing = this.lists.get(type.path) ?? [];
      sharing.push(type);
      this.lists.set(type.path, sharing);
      for (const followUp of type.followUps ?? []) {
        this.followUps.push({ pattern: routePattern(followUp.path(ID)), type, followUp });
        if (followUp.perItem) {
          this.followUps.push({
            // Nested reads take "<objectId>/<itemId>" (registry convention).
            pattern: routePattern(followUp.perItem.path(`${ID}/${ID}`)),
            type,
            followUp: followUp.perItem,
            parent: followUp,
          });
        }
      }
    }
  }

  /** One GET, already authenticated and admitted by the rate limiter. */
  get(ctx: GraphRequestContext): GraphAnswer {
    const sharing = this.lists.get(ctx.path);
    if (sharing) return this.list(ctx, sharing);
    for (const route of this.followUps) {
      const match = route.pattern.exec(ctx.path);
      if (match) return this.followUp(ctx, route, match.slice(1).map(decodeURIComponent));
    }
    const entity = this.entity(ctx);
    if (entity) return entity;
    return graphError(
      400,
      'BadRequest',
      `Resource not found for the segment '${ctx.path.split('/').pop() ?? ''}'.`,
    );
  }

  private refusal(ctx: GraphRequestContext, types: readonly PolicyTypeDefinition[]): GraphAnswer | undefined {
    const forbidden = types.find((t) => ctx.faults.forbidden?.includes(t.key));
    if (forbidden) {
      const scopes = `${forbidden.permission}, ${forbidden.permission.replace('.Read.', '.ReadWrite.')}`;
      return graphError(
        403,
        'Forbidden',
        intuneMessage(
          `Application is not authorized to perform this operation. Application must have one of the following scopes: ${scopes}`,
        ),
      );
    }
    if (types.some((t) => ctx.faults.notApplicable?.includes(t.key))) {
      return graphError(400, 'BadRequest', intuneMessage('Request not applicable to target tenant.'));
    }
    return undefined;
  }

  private list(ctx: GraphRequestContext, types: PolicyTypeDefinition[]): GraphAnswer {
    const refused = this.refusal(ctx, types);
    if (refused) return refused;
    const seen = new Set<string>();
    const items: GraphObject[] = [];
    for (const type of types) {
      for (const object of this.data.objects(ctx.tenantId, type.key)) {
        if (seen.has(String(object.id))) continue;
        seen.add(String(object.id));
        items.push(this.shape(object, types, ctx.query));
      }
    }
    const keys = types.map((t) => t.key);
    return this.page(ctx, items, Math.min(...keys.map((k) => this.pageSizeOf(k, 'list'))), keys);
  }

  /** Drops what the list would not return without `$expand` (follow-up collections) and applies `$select`. */
  private shape(
    object: GraphObject,
    types: readonly PolicyTypeDefinition[],
    query: URLSearchParams,
  ): GraphObject {
    const expanded = expandNames(query);
    const hidden = new Set<string>();
    for (const type of types) {
      for (const f of type.followUps ?? []) hidden.add(f.property);
      for (const e of type.expand ?? []) hidden.add(e.split('(')[0] ?? e);
    }
    const out: GraphObject = {};
    const select = query
      .get('$select')
      ?.split(',')
      .map((s) => s.trim());
    for (const [key, value] of Object.entries(object)) {
      if (hidden.has(key) && !expanded.has(key)) continue;
      if (select && !select.includes(key) && key !== 'id' && !key.startsWith('@odata.') && !expanded.has(key))
        continue;
      out[key] = value;
    }
    return out;
  }

  private page(
    ctx: GraphRequestContext,
    items: unknown[],
    pageSize: number,
    typeKeys: string[],
  ): GraphAnswer {
    const skip = Number(ctx.query.get('$skiptoken') ?? '0') || 0;
    const next = new URLSearchParams(ctx.query);
    const nextLinkAt = (offset: number) => {
      next.set('$skiptoken', String(offset));
      return `${this.origin()}/${ctx.version}${ctx.path}?${next.toString()}`;
    };
    const context = `${this.origin()}/${ctx.version}/$metadata#${ctx.path.slice(1)}`;
    if (typeKeys.some((k) => ctx.faults.endlessPaging?.includes(k)) && skip >= pageSize) {
      return {
        status: 200,
        body: { '@odata.context': context, value: [], '@odata.nextLink': nextLinkAt(skip + 1) },
      };
    }
    const value = items.slice(skip, skip + pageSize);
    const body: Record<string, unknown> = { '@odata.context': context, value };
    const more = skip + pageSize < items.length;
    const truncated = typeKeys.some((k) => ctx.faults.truncatePaging?.includes(k));
    const endless = typeKeys.some((k) => ctx.faults.endlessPaging?.includes(k));
    if ((more && !truncated) || endless) body['@odata.nextLink'] = nextLinkAt(skip + pageSize);
    return { status: 200, body };
  }

  private followUp(ctx: GraphRequestContext, route: FollowUpRoute, ids: string[]): GraphAnswer {
    const refused = this.refusal(ctx, [route.type]);
    if (refused) return refused;
    const [objectId, itemId] = ids;
    const object = this.findInSharedList(ctx.tenantId, route.type, objectId ?? '');
    if (!object) {
      return graphError(
        400,
        'BadRequest',
        intuneMessage(`ResourceNotFound: ${route.type.label} ${objectId ?? ''} was not found.`),
      );
    }
    let holder: GraphObject | undefined = object;
    if (route.parent) {
      const parentItems = object[route.parent.property];
      const wanted = itemId ?? objectId;
      holder = Array.isArray(parentItems)
        ? (parentItems.find((i) => (i as GraphObject | null)?.id === wanted) as GraphObject | undefined)
        : undefined;
      if (!holder)
        return graphError(404, 'ResourceNotFound', `No item ${wanted ?? ''} under ${route.parent.property}.`);
    }
    const collection = holder[route.followUp.property];
    const values = Array.isArray(collection) ? collection : [];
    const size = route.followUp.paged
      ? this.pageSizeOf(route.type.key, route.followUp.property)
      : Number.MAX_SAFE_INTEGER;
    // Nested collections are served whole inside their parent item; the reader keeps them as read.
    return this.page(ctx, values, size, [route.type.key]);
  }

  private findInSharedList(
    tenantId: string,
    type: PolicyTypeDefinition,
    id: string,
  ): GraphObject | undefined {
    for (const t of this.lists.get(type.path) ?? [type]) {
      const found = this.data.find(tenantId, t.key, id);
      if (found) return found;
    }
    return undefined;
  }

  private entity(ctx: GraphRequestContext): GraphAnswer | undefined {
    const slash = ctx.path.lastIndexOf('/');
    const sharing = this.lists.get(ctx.path.slice(0, slash));
    if (!sharing || !sharing[0]) return undefined;
    const refused = this.refusal(ctx, sharing);
    if (refused) return refused;
    const id = decodeURIComponent(ctx.path.slice(slash + 1));
    const object = this.findInSharedList(ctx.tenantId, sharing[0], id);
    if (!object) return graphError(404, 'ResourceNotFound', `Resource '${id}' does not exist.`);
    return { status: 200, body: this.shape(object, sharing, ctx.query) };
  }
}
