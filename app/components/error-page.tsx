import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react'

const MESSAGES: Record<number, { title: string; body: string }> = {
  400: { title: '请求有误', body: '提交的内容无法处理，请返回检查后重试。' },
  403: { title: '无权访问', body: '当前账号无权查看此页面。每一方只能看到本单位的数据。' },
  404: { title: '页面不存在', body: '要找的页面或记录不存在，或者不属于当前账号。' },
  405: { title: '不支持的操作', body: '此页面不支持这种操作。' },
  413: { title: '文件太大', body: '上传的内容超过了大小限制。' },
  429: { title: '操作太频繁', body: '请稍后再试。' },
}

export function ErrorPage() {
  const error = useRouteError()
  const status = isRouteErrorResponse(error) ? error.status : 500
  const known = MESSAGES[status] ?? { title: '系统出错了', body: '服务暂时出现问题，请稍后重试。问题已记录。' }
  // A route may explain a refusal in Chinese (e.g. "账号核验通过后才能报名"); plain English bodies
  // such as "Not Found" stay hidden behind the standard text.
  const explained = isRouteErrorResponse(error) && typeof error.data === 'string' && /\p{Script=Han}/u.test(error.data)
  const message = explained ? { ...known, body: error.data as string } : known
  return (
    <main className="container page error-page">
      <p className="error-page__code">{status}</p>
      <h1>{message.title}</h1>
      <p>{message.body}</p>
      <p>
        <Link to="/" className="button">
          返回首页
        </Link>
      </p>
    </main>
  )
}
