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
  // Clear-Site-Data: the phone forgets what it kept for offline use (the boarding list's copy and queued
  // ticks, decision 022), so the next person on a shared phone sees none of it. Browsers honour it on HTTPS
  // and localhost; the header's sign-out button does the same in script (forgetOfflineBoarding).
  return redirectWithNotice('/', { text: '您已安全退出登录。' }, { headers: { 'Set-Cookie': setCookie, 'Clear-Site-Data': '"cache", "storage"' } })
}
