import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import type { Column } from '~/components/data-table'
import { OfficePeopleList, peopleColumns } from '~/components/office-people-list'
import { officePeoplePage, personEvent } from '~/models/office-people.server'
import { shortAreaName } from '~/rules/areas'
import { requireActor } from '~/utils/auth.server'
import { pageTitle } from '~/utils/meta'

// The people behind the bureau dashboard's figures that count each person once (issue 15 §1, §5): 录用 (人),
// 乘车 and 到岗确认, one row per person (app/models/office-people.server.ts), as many as the figure. The name, the
// masked ID number (two people of one name told apart, as on the arrival manifests) and the county; no phone,
// and no ledger row's id (rows are keyed by position).

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'east' })
  const { people, offset, ...page } = officePeoplePage(actor, new URL(args.request.url).searchParams)
  return {
    ...page,
    rows: people.map((r, i) => ({
      id: offset + i,
      name: r.name,
      idNumber: r.idNumberMasked,
      county: shortAreaName(r.place),
      ...personEvent(r),
    })),
  }
}

type PersonRow = Awaited<ReturnType<typeof loader>>['rows'][number]

const PERSON: Column<PersonRow>[] = [
  { header: '姓名', cell: (r) => r.name },
  { header: '身份证号码', cell: (r) => r.idNumber ?? '—', className: 'mono' },
  { header: '来源区县', label: '来源', cell: (r) => r.county },
]

const COLUMNS = peopleColumns(PERSON, (id) => `/east/arrivals/${id}`)

export default function BureauPeoplePage() {
  const data = useLoaderData<typeof loader>()
  return (
    <OfficePeopleList
      base="/east/people"
      intro="工作台上按人统计的数字背后的人员，一人一行（同一人录用或乘车多次只算一次）；包车为开往本市的车次；月份按北京时间计算。"
      data={data}
      columns={COLUMNS}
    />
  )
}

export const meta = pageTitle('人员名单')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
