import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import type { Column } from '~/components/data-table'
import { OfficePeopleList, peopleColumns } from '~/components/office-people-list'
import { openCountyList } from '~/models/county-list.server'
import { officePeoplePage, personEvent } from '~/models/office-people.server'
import { pageTitle } from '~/utils/meta'

// The people behind the county dashboard's figures that count each person once (issue 15 §1, §5): 录用 (人),
// 乘车 and 到岗确认, one row per person (app/models/office-people.server.ts), as many as the figure. Named and
// with the masked ID number as /west/hires shows them, and their township; a person who rode the county's bus but
// whose ledger row has since moved to another county is listed as 已转出本县, without the number.

export async function loader(args: LoaderFunctionArgs) {
  const { actor, search } = await openCountyList(args, () => null)
  const { people, offset, ...page } = officePeoplePage(actor, search)
  return {
    ...page,
    rows: people.map((r, i) => ({
      id: offset + i,
      // The ledger row, linked only while it is the county's.
      workerId: r.movedAway ? null : r.workerId,
      name: r.name,
      idNumber: r.idNumberMasked,
      township: r.place,
      ...personEvent(r),
    })),
  }
}

type PersonRow = Awaited<ReturnType<typeof loader>>['rows'][number]

const PERSON: Column<PersonRow>[] = [
  { header: '姓名', cell: (r) => (r.workerId == null ? r.name : <Link to={`/west/workers/${r.workerId}`}>{r.name}</Link>) },
  { header: '身份证号码', cell: (r) => r.idNumber ?? '—', className: 'mono' },
  { header: '乡镇（街道）', label: '乡镇', cell: (r) => r.township },
]

const COLUMNS = peopleColumns(PERSON, (id) => `/west/batches/${id}`)

export default function CountyPeoplePage() {
  const data = useLoaderData<typeof loader>()
  return (
    <OfficePeopleList
      base="/west/people"
      intro="工作台上按人统计的数字背后的本县人员，一人一行（同一人录用或乘车多次只算一次）；包车为本县的车次；月份按北京时间计算。"
      data={data}
      columns={COLUMNS}
    />
  )
}

export const meta = pageTitle('人员名单')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
