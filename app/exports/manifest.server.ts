import type { ManifestRow } from '~/models/manifest.server'
import { BOARDING_LABELS } from '~/rules/batch'
import { defineExport } from '~/utils/xlsx.server'

// The manifest (乘车名单, issue 12 §5) as xlsx: bus by bus in seat order (or the 预排 booking order before
// the plan), the same columns as the printed page, with the escort's 上车 column blank to tick by hand
// unless the boarding was already recorded. Numbers masked unless the export is the audited full one
// (models/manifest.server.ts fullManifestForCounty).

type Row = ManifestRow & { plate: string | null }

/** The columns of the manifest export, in print order. */
export const MANIFEST_EXPORT = defineExport<Row>({
  sheet: '乘车名单',
  columns: [
    { header: '车辆', width: 11, value: (r) => r.plate ?? '预排' },
    { header: '座位号', width: 7, value: (r) => r.seatNo ?? null, numFmt: '0' },
    { header: '报名顺序', width: 9, value: (r) => r.order, numFmt: '0' },
    { header: '姓名', width: 10, value: (r) => r.name },
    { header: '性别', width: 6, value: (r) => r.sex },
    { header: '身份证号码', width: 22, value: (r) => r.idNumber, numFmt: '@' },
    { header: '手机号码', width: 14, value: (r) => r.phone, numFmt: '@' },
    { header: '乡镇（街道）', width: 14, value: (r) => r.township },
    { header: '用人单位', width: 28, value: (r) => r.employer },
    { header: '上车', width: 8, value: (r) => (r.boarding ? BOARDING_LABELS[r.boarding] : '') },
  ],
})

/** Printed copies say what they carry: full numbers are personal information under PIPL. */
export const MANIFEST_EXPORT_FOOTER = {
  full: '含完整身份证号码和手机号码，请妥善保管，用后销毁',
  masked: '身份证号码和手机号码已打码',
}
