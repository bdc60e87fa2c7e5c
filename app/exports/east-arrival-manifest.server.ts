import { MANIFEST_EXPORT, MANIFEST_EXPORT_FOOTER } from './manifest.server'
import type { ManifestRow } from '~/models/manifest.server'
import { ARRIVAL_LABELS } from '~/rules/batch'
import { defineExport } from '~/utils/xlsx.server'

// The receiving bureau's arrival manifest (/east/arrivals/:batchId, issue 12 §7, issue 15 §3) as xlsx: the
// county's manifest columns (bus by bus in seat order, or the 预排 booking order) with the bureau's own 到岗
// mark after the escort's 上车. Numbers are always masked: the bureau sees what its page shows, and there is
// no full-number export on this side.

type Row = ManifestRow & { plate: string | null }

/** The columns of the bureau's arrival manifest export: the manifest's, then 到岗. */
export const EAST_ARRIVAL_MANIFEST_EXPORT = defineExport<Row>({
  sheet: '到岗名单',
  columns: [...MANIFEST_EXPORT.columns, { header: '到岗', width: 8, value: (r) => (r.arrival ? ARRIVAL_LABELS[r.arrival] : '') }],
  footer: MANIFEST_EXPORT_FOOTER.masked,
})
