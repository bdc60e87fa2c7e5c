import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { ProblemTable } from '~/components/import-problems'
import { Field, FormErrors, FormToken } from '~/components/forms'
import { SubmitButton } from '~/components/submit-button'
import { useIsPending } from '~/utils/pending'

type LoaderData = { ownerName: string; maxRows: number; side: 'east' | 'west'; formToken: string }
type ActionData = { error: string | null; problems: { line: number; column: string; message: string; value: string }[] | null; total: number }

/**
 * The sites' xlsx import page (issue 14 §1), the same for a city's bureau and a county's centre: how to
 * fill the template, the upload form (a plain multipart POST, so it works without JavaScript), and a
 * refused import's problems by line and column. Reads its route's loader and action data.
 */
export function SiteImportPage() {
  const { ownerName, maxRows, side, formToken } = useLoaderData<LoaderData>()
  const answer = useActionData<ActionData>()
  // While a file is being checked, the last answer no longer describes the page.
  const pending = useIsPending()
  const shown = pending ? undefined : answer
  const list = `/${side}/sites`
  return (
    <main className="container page">
      <BackLink to={list}>返回服务站点</BackLink>
      <h1>批量导入服务站点</h1>
      <section className="card">
        <h2>怎么导入</h2>
        <ol>
          <li>
            下载<a href={`${list}/template.xlsx`}>{ownerName}服务站点模板（xlsx）</a>，每行填一个站点；“填写说明”工作表列出了站点类型和服务内容的写法。
          </li>
          <li>站点编号与本单位已有站点相同的行会更新该站点，其余的行新增站点。也可以先导出已有站点，在导出的表格上修改后再导入。</li>
          <li>
            最后一列“状态”可以不填：空着表示已有站点不改、新站点为运营中；填“已关闭”会关闭该站点（不再显示在公开地图上），填“运营中”会重新开放。没有“状态”列的表格也可以导入。
          </li>
          <li>纬度、经度填 WGS-84 坐标（手机定位、天地图上的坐标），不要用高德或百度地图上取的坐标。</li>
          <li>站点放在一张工作表里。隐藏的行也会导入（不导入的行请删除，不要只是隐藏）；隐藏的工作表里若也有站点，文件会被退回，请先取消隐藏或删除。</li>
          <li>只收 .xlsx 文件，一次最多 {maxRows.toLocaleString('en-US')} 行、10 MB。只要有一行不合格，就不会导入任何站点，下面会按行列出问题。</li>
        </ol>
      </section>
      <section className="card">
        <Form method="post" encType="multipart/form-data" className="form" aria-describedby={shown?.error ? 'site-import-error' : undefined}>
          <FormToken value={formToken} />
          <Field
            label="站点文件（xlsx）"
            hint="行号与 Excel 左侧的行号一致。"
            name="file"
            type="file"
            required
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          />
          <FormErrors id="site-import-error" errors={shown?.error ? [shown.error] : undefined} />
          <SubmitButton pending={pending} pendingLabel="正在检查并导入…">
            检查并导入
          </SubmitButton>
        </Form>
      </section>
      {shown?.problems ? (
        <section className="card" aria-labelledby="site-problems-heading">
          <h2 id="site-problems-heading">检查结果</h2>
          <p className="form-error" role="alert">
            共 {shown.total.toLocaleString('en-US')} 处问题，没有导入任何站点。请在文件中改正后重新上传。
            {shown.total > shown.problems.length ? `下面列出前 ${shown.problems.length} 处。` : ''}
          </p>
          <ProblemTable problems={shown.problems} />
        </section>
      ) : null}
    </main>
  )
}
