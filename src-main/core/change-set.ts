/**
 * Every data change writes its audit row and its outbox row in the same transaction as the change:
 * a service collects them in a ChangeSet while it writes, and `inChangeTransaction` flushes them
 * before the commit. Nothing reaches the outbox or the audit log that did not happen, and nothing
 * happens without them.
 */
import type { Knex } from 'knex';
import type { HybridLogicalClock } from '../../src-shared/domain/hlc';
import { nowIso } from './clock';
import { withinPeriodLocks } from './period-locks';
import { insertChunked } from './db/chunked-insert';
import type { TableRows } from './db/literal-insert';
import { uuidV7 } from './uuid-v7';
import { personalDataOf, type PersonalDataCipher } from './secrets/personal-data';
import { sealOutboxPayload, type SealedNumbers } from './secrets/outbox-payload';
import { appendAuditRows, type AuditLinker, type PlainAuditRow } from './audit/audit-chain';

export type SyncOp = 'put' | 'patch' | 'delete';
export type SyncedEntity = 'trainee' | 'enrolment' | 'platform' | 'platform_adoption' | 'dispatch_report' | 'correction_request';

export interface Actor {
  operatorId: string | null;
  operatorName: string | null;
}

export interface ChangeRecord {
  entity: string;
  entityId: string;
  action: string;
  /** Audit detail, e.g. {field: [before, after]} for an update. Omitted for a plain create. */
  changes?: Record<string, unknown>;
  /** Present when the change must reach the provincial server. */
  sync?: {
    entity: SyncedEntity;
    op: SyncOp;
    payload: Record<string, unknown>;
    /** A trainee put's numbers as its row stores them, kept in the outbox as they are (secrets/outbox-payload.ts). */
    sealed?: SealedNumbers;
  };
}

/**
 * New records built for a bulk writer (the import): their ids and every row they write, in the order to insert
 * them (the records, their child rows, then audit and outbox).
 */
export interface PreparedCreates {
  ids: string[];
  tables: TableRows[];
}

export class ChangeSet {
  private readonly auditRows: PlainAuditRow[] = [];
  private readonly outboxRows: object[] = [];

  constructor(
    private readonly actor: Actor,
    private readonly clock: HybridLogicalClock,
    /** Seals each outbox payload: an op of a trainee carries the full ID number and phone until it is sent. */
    private readonly cipher: PersonalDataCipher,
    /** The bulk writer's linker (audit/audit-chain.ts): `drain` links the audit rows onto the chain with it. */
    private readonly linker?: AuditLinker,
  ) {}

  /** The HLC stamp for a change being written, also stored on the changed row. */
  stamp(): string {
    return this.clock.tick();
  }

  record(change: ChangeRecord, hlc: string = this.stamp()): void {
    const at = nowIso();
    this.auditRows.push({
      at,
      operator_id: this.actor.operatorId,
      operator_name: this.actor.operatorName,
      entity: change.entity,
      entity_id: change.entityId,
      action: change.action,
      changes: change.changes ? JSON.stringify(change.changes) : null,
    });
    if (change.sync) {
      this.outboxRows.push({
        op_id: uuidV7(),
        entity: change.sync.entity,
        entity_id: change.entityId,
        op: change.sync.op,
        payload: sealOutboxPayload(this.cipher, change.sync.entity, change.sync.op, change.sync.payload, change.sync.sealed),
        hlc,
        operator_id: this.actor.operatorId,
        created_at: at,
      });
    }
  }

  get size(): number {
    return this.auditRows.length;
  }

  /**
   * The collected audit and outbox rows, taken out for a bulk writer that inserts them itself, in the order drained
   * (the audit rows are linked onto the chain here, so chunks must be written in the order they were drained).
   */
  drain(): TableRows[] {
    if (!this.linker) throw new Error('a ChangeSet drained for a bulk writer needs the audit linker of its transaction');
    return [
      { table: 'audit_log', rows: this.linker.link(this.auditRows.splice(0)) },
      { table: 'outbox', rows: this.outboxRows.splice(0) },
    ];
  }

  async flush(trx: Knex.Transaction): Promise<void> {
    await appendAuditRows(trx, this.auditRows.splice(0));
    await insertChunked(trx, 'outbox', this.outboxRows.splice(0));
  }
}

/** An audit row for a change that never goes to the server (settings, operators), in the caller's transaction. */
export async function recordAuditOnly(
  trx: Knex.Transaction,
  actor: Actor,
  change: Omit<ChangeRecord, 'sync'>,
): Promise<void> {
  await appendAuditRows(trx, [
    {
      at: nowIso(),
      operator_id: actor.operatorId,
      operator_name: actor.operatorName,
      entity: change.entity,
      entity_id: change.entityId,
      action: change.action,
      changes: change.changes ? JSON.stringify(change.changes) : null,
    },
  ]);
}

export async function inChangeTransaction<T>(
  db: Knex,
  actor: Actor,
  clock: HybridLogicalClock,
  work: (trx: Knex.Transaction, changes: ChangeSet) => Promise<T>,
): Promise<T> {
  // Every change to records passes the period locks here, in its own transaction (period-locks.ts).
  return db.transaction((trx) =>
    withinPeriodLocks(trx, async () => {
      const changes = new ChangeSet(actor, clock, personalDataOf(db));
      const result = await work(trx, changes);
      await changes.flush(trx);
      return result;
    }),
  );
}
