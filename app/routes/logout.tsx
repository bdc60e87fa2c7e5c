import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { logout } from '~/models/sign-in.server'
import { redirectWithNotice } from '~/utils/notice.server'

// Signing out changes state, so it is a POST (from the header's form); a GET only goes home.
export function loader() {
  return redirect('/')
}

export async function action({ request, context }: ActionFunctionArgs) {
  const setCookie = await logout(request, context.clientIp ?? null)
  return redirectWithNotice('/', { text: '您已安全退出登录。' }, { headers: { 'Set-Cookie': setCookie } })
}
