import { workers } from '../../db/schema'
import type { Actor } from '~/rules/permissions'
import type { LedgerValues } from '~/rules/registry'
import { writeActorAudit } from '~/utils/audit.server'
import { isUniqueViolation, writeTransaction } from '~/utils/db.server'
import { failure, type Failure } from '~/utils/mutation.server'
import { FOREIGN_LEDGER_HAS_ID, findIdNumberHolders, OWN_LEDGER_HAS_ID, recordForeignIdHits } from './ledger-id-check.server'

// Writing a checked ledger spreadsheet (product brief §1): a clean file goes in as one transaction —
// never half a file. Reading is ./worker-import-read.server.ts, checking ./worker-import-validate.server.ts.

/**
 * The rows written (`count`), or the rows refused under the write lock (`conflicts`, by index into the
 * values), or a Failure (409) when the unique index refused the file after all.
 */
export type ImportResult = { ok: true; count: number } | { ok: false; conflicts: { index: number; message: string }[] } | Failure

const INSERT_CHUNK = 500

/**
 * Inserts the validated rows in one BEGIN IMMEDIATE transaction with one audit row. ID numbers are
 * checked again under the write lock: another import may have landed since validation.
 */
export function importRegistryRows(actor: Actor, values: LedgerValues[]): ImportResult {
  try {
    return writeTransaction((tx): ImportResult => {
      const holders = findIdNumberHolders(
        tx,
        values.map((v) => v.idNumber),
      )
      const seen = new Set<string>()
      // At most one short message per row: bounded by IMPORT_MAX_ROWS whatever the rows hold.
      const conflicts: { index: number; message: string }[] = []
      let foreign = 0
      values.forEach((v, index) => {
        const holder = holders.get(v.idNumber)
        if (holder && holder.organisationId !== actor.organisationId) foreign += 1
        if (holder) conflicts.push({ index, message: holder.organisationId === actor.organisationId ? OWN_LEDGER_HAS_ID : FOREIGN_LEDGER_HAS_ID })
        else if (seen.has(v.idNumber)) conflicts.push({ index, message: '文件中有重复的身份证号码' })
        seen.add(v.idNumber)
      })
      // Hits registered elsewhere since validation count towards the daily limit like any other.
      recordForeignIdHits(tx, actor, foreign, 'import')
      if (conflicts.length > 0) return { ok: false, conflicts }
      const stamp = { organisationId: actor.organisationId, createdByUserId: actor.userId, updatedByUserId: actor.userId }
      for (let i = 0; i < values.length; i += INSERT_CHUNK) {
        tx.insert(workers)
          .values(values.slice(i, i + INSERT_CHUNK).map((v) => ({ ...v, ...stamp })))
          .run()
      }
      // The count only: the rows themselves are personal data and stay out of the trail.
      writeActorAudit(tx, actor, {
        action: 'registry.import',
        entity: 'worker',
        detail: { rows: values.length },
      })
      return { ok: true, count: values.length }
    })
  } catch (error) {
    // The unique index is the last word; the transaction has rolled back by the time we get here.
    if (isUniqueViolation(error)) {
      return failure('导入时发现身份证号码已被登记，未导入任何数据，请重新上传', { status: 409 })
    }
    throw error
  }
}
