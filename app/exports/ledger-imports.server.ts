import { listImports } from '~/models/ledger-import.server'
import { formatDateTime } from '~/rules/dates'
import { LEDGER_IMPORT_STATUS } from '~/rules/ledger-import'
import type { Actor } from '~/rules/permissions'
import { maskNumbersInText } from '~/rules/personal-numbers'
import { defineExport } from '~/utils/xlsx.server'

// The county's ledger imports (台账导入记录, /west/imports) as xlsx (issue 15 §3), newest first as the list: when,
// who, which file, its new / changed / unchanged rows and problems, and what became of it. No personal data; a
// file name is as the county named it, so a number typed into it (a phone in "王五13800001234.xlsx") is masked.

type LedgerImport = ReturnType<typeof listImports>[number]

/** The columns of the ledger imports export. */
export const LEDGER_IMPORTS_EXPORT = defineExport<LedgerImport>({
  sheet: '台账导入记录',
  columns: [
    { header: '上传时间', width: 17, value: (r) => formatDateTime(r.createdAt) },
    { header: '上传人', width: 10, value: (r) => r.uploadedBy },
    { header: '文件', width: 34, value: (r) => maskNumbersInText(r.fileName) },
    { header: '新增', width: 8, value: (r) => r.newRows, numFmt: '0' },
    { header: '有变动', width: 8, value: (r) => r.changedRows, numFmt: '0' },
    { header: '无变动', width: 8, value: (r) => r.unchangedRows, numFmt: '0' },
    { header: '问题', width: 8, value: (r) => r.problems, numFmt: '0' },
    { header: '状态', width: 12, value: (r) => LEDGER_IMPORT_STATUS[r.status].label },
    { header: '导入时间', width: 17, value: (r) => (r.appliedAt ? formatDateTime(r.appliedAt) : null) },
    { header: '撤销时间', width: 17, value: (r) => (r.undoneAt ? formatDateTime(r.undoneAt) : null) },
  ],
})

/** How many imports one read takes (the list's query, a page at a time). */
const PAGE = 200

/** The county's imports in the list's order (newest first), read a page at a time through the list's own query. */
export function* listImportsForExport(actor: Actor) {
  for (let offset = 0; ; offset += PAGE) {
    const page = listImports(actor, { limit: PAGE, offset })
    yield* page
    if (page.length < PAGE) return
  }
}
