import { countOfficePeople, EXPORT_CAP, listOfficePeopleForExport, type OfficePerson } from '~/models/office-people.server'
import type { Actor } from '~/rules/permissions'
import { shortAreaName } from '~/rules/areas'
import { formatDate, formatDateTime } from '~/rules/dates'
import { PEOPLE_LISTS, readPeopleKind, type PeopleKind } from '~/rules/office-people'
import { readPeriodParam } from '~/utils/month-filters.server'
import { defineExport, xlsxResponse, type XlsxColumn } from '~/utils/xlsx.server'
import { ALL_DATES, exportNames, monthRange } from './file-name.server'

// The people behind a dashboard's figures that count each person once (issue 15 §1, §3, §5) as xlsx, one row per
// person as /east/people and /west/people list them. A bureau's carries the name, the masked ID number and the
// county, no phone; a county's the name, the masked ID number and the township. Text cells ('@'), so Excel turns nothing into a number.

const text = (header: string, width: number, value: (r: OfficePerson) => string | null): XlsxColumn<OfficePerson> => ({ header, width, value, numFmt: '@' })

const PERSON = {
  east: [text('姓名', 10, (r) => r.name), text('身份证号码', 20, (r) => r.idNumberMasked), text('来源区县', 10, (r) => shortAreaName(r.place))],
  west: [text('姓名', 10, (r) => r.name), text('身份证号码', 20, (r) => r.idNumberMasked), text('乡镇（街道）', 14, (r) => r.place)],
}

const WHAT: Record<PeopleKind, XlsxColumn<OfficePerson>[]> = {
  hired: [text('首次录用日期', 12, (r) => (r.hiredAt == null ? null : formatDate(r.hiredAt))), text('用人单位', 28, (r) => r.employerName)],
  boarded: [
    text('发车时间', 18, (r) => (r.departureDate ? `${r.departureDate} ${r.departureTime}` : null)),
    text('线路', 24, (r) => r.route),
    text('上车登记时间', 18, (r) => (r.at == null ? null : formatDateTime(r.at))),
  ],
  arrived: [
    text('发车时间', 18, (r) => (r.departureDate ? `${r.departureDate} ${r.departureTime}` : null)),
    text('线路', 24, (r) => r.route),
    text('到岗确认时间', 18, (r) => (r.at == null ? null : formatDateTime(r.at))),
  ],
}

/** The export of one side's list of one kind. */
export function officePeopleExport(side: 'east' | 'west', kind: PeopleKind) {
  return defineExport<OfficePerson>({ sheet: '人员名单', columns: [...PERSON[side], ...WHAT[kind]] })
}

/**
 * The download of the actor's people list for the URL's search (?kind=, ?month= as the page reads them; without a
 * period all months, titled 全部日期), titled by `organisation` (the city or the county). Past EXPORT_CAP people the
 * file holds the first EXPORT_CAP in the list's order, and its title says so.
 */
export function officePeopleDownload(actor: Actor, side: 'east' | 'west', organisation: string, search: URLSearchParams) {
  const kind = readPeopleKind(search.get('kind'))
  const month = readPeriodParam(search)
  const { list, ascii } = PEOPLE_LISTS[kind]
  const names = exportNames({ organisation, list, filters: [], range: month ? monthRange(month) : ALL_DATES, ascii })
  const cut = countOfficePeople(actor, kind, month) > EXPORT_CAP
  const title = cut ? `${names.title}（最多导出前 ${EXPORT_CAP.toLocaleString('en-US')} 人）` : names.title
  return xlsxResponse(officePeopleExport(side, kind), listOfficePeopleForExport(actor, kind, month), { ...names, title })
}
