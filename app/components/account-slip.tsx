import { MissingOfficePhone } from './office-contact-form'
import { QrCode } from './qr-code'

/**
 * 账号告知单 — the slip handed to a worker whose account the county opened (issue 11 §7): login name, the
 * one-time password when it is shown this once (otherwise a line to write it by hand), where to sign in
 * with a QR code of that address, and what to do first. Prints alone on A5 (or A4) by the print
 * stylesheet. Takes the person's name, login, the password or null, the sign-in URL and its QR SVG,
 * and the county centre's name, phone and address. With no phone, staff see (on screen, not on paper) a
 * warning that links to where it is set.
 */
export function AccountSlip({
  name,
  login,
  password,
  loginUrl,
  qr,
  county,
}: {
  name: string
  login: string
  password: string | null
  loginUrl: string
  qr: string
  county: { name: string; phone: string | null; address?: string | null }
}) {
  return (
    <article className="sheet sheet--a5 slip" aria-label="账号告知单">
      {county.phone ? null : <MissingOfficePhone back="/west/accounts/new" newTab />}
      <p className="notice-sheet__kicker">鲁渝劳务协作平台 · 账号告知单</p>
      <h2>{name}</h2>
      <dl className="facts">
        <dt>登录账号</dt>
        <dd className="mono slip__secret">{login}</dd>
        <dt>初始密码</dt>
        <dd className="mono slip__secret">{password ?? <span className="slip__write" aria-label="由工作人员手写" />}</dd>
      </dl>
      <div className="notice-sheet__foot">
        <div>
          <p>
            用手机扫下面的二维码，或在浏览器输入网址，用上面的账号和密码登录。<strong>第一次登录后请立即修改密码</strong>，不要把密码告诉别人。
          </p>
          <p className="small">
            有问题请找：{county.name}
            {county.phone ? <span className="mono"> {county.phone}</span> : null}
            {county.address ? <span> · {county.address}</span> : null}
          </p>
        </div>
        <QrCode svg={qr} url={loginUrl} label="登录网址二维码" />
      </div>
    </article>
  )
}
