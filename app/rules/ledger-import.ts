import type { LedgerImportStatus } from './ledger-import-enums'
import type { LedgerValues } from './registry'
import type { RegistryField } from './registry-sheet'
import { defineStatuses } from './status'

// A ledger import's life (issue 11 §1): a preview waits for one confirm, a confirmed import may be undone
// while it is the county's last, and a file with problems writes nothing. Which of a matched row's
// columns an import changes is decided here, from the columns the file has.

export { LEDGER_IMPORT_STATUSES, type LedgerImportStatus } from './ledger-import-enums'

/** A preview may be confirmed this long after the upload; then it expires and its kept rows are deleted. */
export const IMPORT_PREVIEW_MINUTES = 30

export const LEDGER_IMPORT_STATUS = defineStatuses<LedgerImportStatus>({
  previewed: { label: '待确认', tone: 'info', next: ['applied', 'expired', 'cancelled'] },
  applied: { label: '已导入', tone: 'ok', next: ['undone'] },
  undone: { label: '已撤销', tone: 'off', next: [] },
  refused: { label: '有问题未导入', tone: 'warn', next: [] },
  expired: { label: '未确认', tone: 'draft', next: [] },
  cancelled: { label: '已取消', tone: 'off', next: [] },
})

/** The stored columns an import may change on a matched row, in the template's order, with their headers. */
export const CHANGE_COLUMNS = [
  ['name', '姓名'],
  ['phone', '手机号码'],
  ['townshipCode', '乡镇（街道）'],
  ['villageCode', '村（社区）'],
  ['householdStatus', '户类型'],
  ['employmentStatus', '就业状态'],
  ['employmentNeed', '就业需求'],
  ['skillLevel', '技能水平'],
  ['skills', '技能特长'],
  ['difficulties', '困难问题'],
  ['assistanceMeasures', '帮扶措施'],
  ['notes', '备注'],
] as const satisfies readonly (readonly [keyof LedgerValues, string])[]

export type ChangeColumn = (typeof CHANGE_COLUMNS)[number][0]

/** The file column each stored column is read from. */
const SOURCE_FIELD: Record<ChangeColumn, RegistryField> = {
  name: 'name',
  phone: 'phone',
  townshipCode: 'township',
  villageCode: 'village',
  householdStatus: 'householdStatus',
  employmentStatus: 'employmentStatus',
  employmentNeed: 'employmentNeed',
  skillLevel: 'skillLevel',
  skills: 'skills',
  difficulties: 'difficulties',
  assistanceMeasures: 'assistanceMeasures',
  notes: 'notes',
}

/**
 * The columns of a ledger row (`current`) that a file row (`next`) changes. Only columns the file has
 * (`fields`) are compared: a sheet without 备注 leaves every row's 备注 as it is. A file that moves a
 * person to another township without a 村（社区） column clears the village, which lay in the old one.
 * Empty and missing are the same. Returns the changed columns in CHANGE_COLUMNS order.
 */
export function changeColumnsFor(current: Partial<Record<ChangeColumn, unknown>>, next: LedgerValues, fields: ReadonlySet<RegistryField>): ChangeColumn[] {
  const changed: ChangeColumn[] = []
  const differs = (c: ChangeColumn) => (current[c] ?? null) !== (next[c] ?? null)
  for (const [column] of CHANGE_COLUMNS) {
    if (column === 'villageCode' && !fields.has('village')) {
      if (changed.includes('townshipCode') && current.villageCode != null) {
        changed.push('villageCode')
      }
      continue
    }
    if (fields.has(SOURCE_FIELD[column]) && differs(column)) changed.push(column)
  }
  return changed
}
