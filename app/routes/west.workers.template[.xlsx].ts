import type { LoaderFunctionArgs } from '@remix-run/node'
import { getAreaName, listTownships } from '~/models/area.server'
import { buildTemplateWorkbook } from '~/models/worker-import.server'
import { downloadHeaders } from '~/utils/xlsx.server'
import { shortAreaName } from '~/rules/areas'
import { requireUser } from '~/utils/auth.server'

/** The county's import template: its own townships in the drop-down and on the 填写说明 sheet. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: 'west' })
  const countyCode = user.organisation.areaCode
  const countyName = shortAreaName(getAreaName(countyCode) ?? user.organisation.shortName)
  const bytes = await buildTemplateWorkbook(countyName, listTownships(countyCode))
  return new Response(bytes, { headers: downloadHeaders(`${countyName}务工人员台账模板.xlsx`, 'registry-template.xlsx') })
}
