import type { FollowUp, PolicyTypeDefinition } from '../registry';
import type { TypeCoverage } from '../model';
import { batchGet, type BatchDeps } from './batch-get';
import {
  GraphCallError,
  graphMessage,
  type ApiVersion,
  type GraphTransport,
  type SubResponse,
} from './graph-transport';

type GraphObject = Record<string, unknown>;

export interface TypeOutcome {
  coverage: TypeCoverage;
  objects: GraphObject[];
}

export interface ReadTypeDeps extends BatchDeps {
  transport: GraphTransport;
  /** Safety cap on pages per collection: reaching it fails the type loudly instead of truncating. */
  maxPages: number;
}

/** Why a type could not be read completely: thrown inside, turned into coverage at the end. */
class Incomplete extends Error {
  constructor(
    readonly status: 'failed' | 'skipped',
    reason: string,
  ) {
    super(reason);
  }
}

const NOT_APPLICABLE = /not applicable to target tenant/i;

/** 403 names the permission; "not applicable" means not licensed (skipped); the rest fails with Graph's words. */
function classify(
  type: PolicyTypeDefinition,
  status: number,
  code: string | undefined,
  message: string,
  what: string,
): Incomplete {
  if (status === 403) {
    return new Incomplete(
      'failed',
      `403 Forbidden reading ${what}: the app lacks the ${type.permission} application permission in this tenant (grant it and give admin consent)`,
    );
  }
  if (status === 400 && NOT_APPLICABLE.test(message)) {
    return new Incomplete(
      'skipped',
      `not licensed: Graph answered "Request not applicable to target tenant." for ${what}`,
    );
  }
  if (status === 429)
    return new Incomplete('failed', `throttled: still 429 Too Many Requests after retries reading ${what}`);
  if (status === 0) return new Incomplete('failed', `no answer from Graph reading ${what}: ${message}`);
  return new Incomplete('failed', `${status}${code ? ` ${code}` : ''} reading ${what}: ${message}`);
}

function subError(body: unknown): { code?: string; message: string } {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  return {
    code: typeof error?.code === 'string' ? error.code : undefined,
    message: typeof error?.message === 'string' ? graphMessage(error.message) : 'no error text',
  };
}

/** Deleted between the list and the follow-up read (settings catalog: 400 ResourceNotFound). */
function isGone(answer: SubResponse): boolean {
  if (answer.status === 404) return true;
  const { code, message } = subError(answer.body);
  return answer.status === 400 && (code === 'ResourceNotFound' || /ResourceNotFound/i.test(message));
}

async function follow(
  first: GraphObject,
  version: ApiVersion,
  deps: ReadTypeDeps,
  type: PolicyTypeDefinition,
  what: string,
): Promise<GraphObject[]> {
  const values: GraphObject[] = [];
  let page: GraphObject = first;
  for (let pages = 1; ; pages += 1) {
    const value = page.value;
    if (Array.isArray(value)) values.push(...(value as GraphObject[]));
    const next = page['@odata.nextLink'];
    if (typeof next !== 'string') return values;
    if (pages >= deps.maxPages) {
      throw new Incomplete(
        'failed',
        `paging of ${what} did not end after ${deps.maxPages} pages (safety cap): the read is truncated`,
      );
    }
    deps.signal?.throwIfAborted();
    try {
      page = await deps.transport.get(next, version);
    } catch (err) {
      if (err instanceof GraphCallError)
        throw classify(type, err.status, err.graphCode, err.message, `${what} (next page)`);
      throw err;
    }
  }
}

/** Reads one follow-up for every object (batched) and merges the collections in under `followUp.property`. */
async function readFollowUp(
  type: PolicyTypeDefinition,
  followUp: FollowUp,
  holders: { owner: GraphObject; pathId: string; target: GraphObject }[],
  deps: ReadTypeDeps,
  gone: Set<GraphObject>,
): Promise<void> {
  const version = type.api;
  const answers = await batchGet(
    version,
    holders.map((h) => followUp.path(h.pathId)),
    deps,
  );
  for (const [i, holder] of holders.entries()) {
    const answer = answers[i] as SubResponse;
    const what = `${type.label} ${followUp.property} of ${holder.pathId}`;
    if (answer.status >= 200 && answer.status < 300) {
      const body = (answer.body ?? {}) as GraphObject;
      holder.target[followUp.property] = Array.isArray(body.value)
        ? await follow(body, version, deps, type, what)
        : (body[followUp.property] ?? []);
      continue;
    }
    if (isGone(answer)) {
      gone.add(holder.owner);
      continue;
    }
    const { code, message } = subError(answer.body);
    throw classify(type, answer.status, code, message, what);
  }
  if (!followUp.perItem) return;
  const nested = holders.flatMap((h) =>
    gone.has(h.owner)
      ? []
      : ((h.target[followUp.property] as GraphObject[] | undefined) ?? [])
          .filter((item) => typeof item?.id === 'string')
          .map((item) => ({ owner: h.owner, pathId: `${h.pathId}/${String(item.id)}`, target: item })),
  );
  await readFollowUp(type, followUp.perItem, nested, deps, gone);
}

function listUrl(type: PolicyTypeDefinition): string {
  return type.expand?.length ? `${type.path}?$expand=${type.expand.join(',')}` : type.path;
}

function checkCompleteness(type: PolicyTypeDefinition, objects: GraphObject[]): void {
  const rule = type.completeness;
  if (!rule) return;
  for (const object of objects) {
    const expected = object[rule.countProperty];
    if (typeof expected !== 'number') continue;
    const collection = object[rule.collection];
    const got = Array.isArray(collection) ? collection.length : 0;
    if (got !== expected) {
      const name = String(object[type.nameProperty] ?? object.id);
      throw new Incomplete(
        'failed',
        `${rule.collection}.length (${got}) ≠ ${rule.countProperty} (${expected}) for "${name}" (${String(object.id)}): the read is truncated`,
      );
    }
  }
}

/** Reads every object of one policy type: all list pages, follow-ups, completeness guard. Never throws for Graph errors. */
export async function readPolicyType(type: PolicyTypeDefinition, deps: ReadTypeDeps): Promise<TypeOutcome> {
  try {
    let first: GraphObject;
    try {
      first = await deps.transport.get(listUrl(type), type.api);
    } catch (err) {
      if (err instanceof GraphCallError)
        throw classify(type, err.status, err.graphCode, err.message, type.path);
      throw err;
    }
    let objects = await follow(first, type.api, deps, type, type.path);
    if (type.listFilter)
      objects = objects.filter((o) => (type.listFilter as (raw: GraphObject) => boolean)(o));
    const gone = new Set<GraphObject>();
    for (const followUp of type.followUps ?? []) {
      const holders = objects
        .filter((o) => !gone.has(o) && typeof o.id === 'string')
        .map((o) => ({ owner: o, pathId: o.id as string, target: o }));
      await readFollowUp(type, followUp, holders, deps, gone);
    }
    objects = objects.filter((o) => !gone.has(o));
    checkCompleteness(type, objects);
    return { coverage: { status: 'complete', objects: objects.length }, objects };
  } catch (err) {
    if (err instanceof Incomplete)
      return { coverage: { status: err.status, objects: 0, reason: err.message }, objects: [] };
    if (deps.signal?.aborted) throw err;
    const message = err instanceof Error ? err.message : String(err);
    return { coverage: { status: 'failed', objects: 0, reason: `read failed: ${message}` }, objects: [] };
  }
}
