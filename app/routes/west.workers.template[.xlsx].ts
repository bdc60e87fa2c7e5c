import type { LoaderFunctionArgs } from '@remix-run/node'
import { registryTemplateBytes } from '~/exports/registry-template.server'
import { getAreaName, listTownships } from '~/models/area.server'
import { shortAreaName } from '~/rules/areas'
import { requireActor } from '~/utils/auth.server'
import { downloadHeaders } from '~/utils/xlsx.server'

/** The county's import template: its own townships in the drop-down and on the 填写说明 sheet. */
export async function loader(args: LoaderFunctionArgs) {
  const { user, actor } = await requireActor(args, { role: 'west' })
  const countyName = shortAreaName(getAreaName(actor.areaCode) ?? user.organisation.shortName)
  const bytes = await registryTemplateBytes(countyName, listTownships(actor.areaCode))
  return new Response(bytes, { headers: downloadHeaders(`${countyName}务工人员台账模板.xlsx`, 'registry-template.xlsx') })
}
