import type { ExportRow } from '~/models/worker.server'
import {
  EMPLOYMENT_NEED_LABELS,
  EMPLOYMENT_STATUS_LABELS,
  HOUSEHOLD_LABELS,
  REGISTRY_COLUMNS,
  SEX_LABELS,
  SKILL_LEVEL_LABELS,
  shortVillageName,
} from '~/rules/registry'
import { REQUIRED_FIELDS, type RegistryField } from '~/rules/registry-sheet'
import { defineExport, type XlsxColumn } from '~/utils/xlsx.server'

// The county ledger as xlsx, with the import template's headers so an export can be edited, compared and
// imported elsewhere. The template itself is ./registry-template.server.ts.

/** ID and phone columns are text, or Excel drops the last digits of an 18-digit number. */
const TEXT_FIELDS: ReadonlySet<RegistryField> = new Set(['idNumber', 'phone'])
/** Required columns have red headers, in the template and the export alike. */
const REQUIRED_HEADER = 'FFC62828'

/**
 * The ledger's columns in template order (header, width, text format, red when required), each cell read
 * from a row by `cell`. Takes the function giving a field's cell of a row.
 */
export function ledgerColumns<Row>(cell: (row: Row, field: RegistryField) => string | null): XlsxColumn<Row>[] {
  return REGISTRY_COLUMNS.map((c) => ({
    header: c.header,
    width: c.width + 2,
    value: (row: Row) => cell(row, c.field),
    ...(TEXT_FIELDS.has(c.field) ? { numFmt: '@' } : {}),
    ...(REQUIRED_FIELDS.has(c.field) ? { headerColor: REQUIRED_HEADER } : {}),
  }))
}

const LEDGER_CELL: Record<RegistryField, (r: ExportRow) => string | null> = {
  name: (r) => r.name,
  idNumber: (r) => r.idNumber,
  phone: (r) => r.phone,
  township: (r) => r.townshipName,
  village: (r) => (r.villageName ? shortVillageName(r.villageName) : null),
  householdStatus: (r) => HOUSEHOLD_LABELS[r.householdStatus],
  employmentStatus: (r) => EMPLOYMENT_STATUS_LABELS[r.employmentStatus],
  employmentNeed: (r) => EMPLOYMENT_NEED_LABELS[r.employmentNeed],
  skillLevel: (r) => SKILL_LEVEL_LABELS[r.skillLevel],
  skills: (r) => r.skills,
  difficulties: (r) => r.difficulties,
  assistanceMeasures: (r) => r.assistanceMeasures,
  notes: (r) => r.notes,
}

/** The ledger rows: the template's columns, then sex, birth date and whether an account is linked. */
export const REGISTRY_EXPORT = defineExport<ExportRow>({
  sheet: '务工人员台账',
  columns: [
    ...ledgerColumns<ExportRow>((r, field) => LEDGER_CELL[field](r)),
    { header: '性别', width: 6, value: (r) => SEX_LABELS[r.sex] },
    { header: '出生日期', width: 12, value: (r) => r.birthDate },
    { header: '登录账号', width: 10, value: (r) => (r.userId == null ? '未关联' : '已关联') },
  ],
})

/** Printed copies say what they carry: full numbers are personal information under PIPL. */
export const REGISTRY_EXPORT_FOOTER = {
  full: '含完整身份证号码和手机号码，请妥善保管，用后销毁',
  masked: '身份证号码和手机号码已打码',
}
