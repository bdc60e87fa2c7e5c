import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'

/**
 * The page a password reset ends on (county staff resetting a worker's, the operator a staff member's): the
 * one-time password shown this once, or — when the same form was sent again — a line saying it was shown
 * before and not made again. Takes the person's name, what happened to their sign-ins (`signedOut`, the
 * sentence after the name), the login as a term and value, the password or null, what the replay line
 * says (`shownBefore`), how to hand the password over (`handOver`) and the account page to return to.
 * Never renders the password anywhere but here; the action that returns it is never cached.
 */
export function OneTimePasswordShown({
  name,
  signedOut,
  login,
  password,
  shownBefore,
  handOver,
  backTo,
}: {
  name: string
  signedOut: string
  login: { term: string; value: ReactNode }
  password: string | null
  shownBefore: string
  handOver: string
  backTo: string
}) {
  return (
    <main className="container page auth">
      <h1>密码已重设</h1>
      <p className="notice notice--ok" role="status">
        已为 <strong>{name}</strong> 重设密码{signedOut}
      </p>
      <section className="card">
        <dl className="facts">
          <dt>{login.term}</dt>
          <dd>{login.value}</dd>
          <dt>临时密码</dt>
          {password ? <dd className="figure__value secret">{password}</dd> : <dd>{shownBefore}</dd>}
        </dl>
      </section>
      <div className="notice">
        临时密码<strong>只显示这一次</strong>，系统不保存明文。{handOver}
      </div>
      <p className="spaced-top">
        <Link to={backTo} className="button">
          返回账号
        </Link>
      </p>
    </main>
  )
}
