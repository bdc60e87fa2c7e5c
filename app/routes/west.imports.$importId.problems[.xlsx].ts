import type { LoaderFunctionArgs } from '@remix-run/node'
import { dayRange, exportNames } from '~/exports/file-name.server'
import { problemWorkbookResponse } from '~/exports/ledger-import-problems.server'
import { openCountyList } from '~/models/county-list.server'
import { listProblemRowsForDownload } from '~/models/ledger-import.server'
import { formatDate } from '~/rules/dates'
import { maskNumbersInText } from '~/rules/personal-numbers'
import { requireRecordId } from '~/utils/params.server'

/**
 * A refused import's full problem list as xlsx, bad cells marked; 404 for another county's import or once its rows
 * have expired. Like every export it opens with a title row (issue 15 §3): the county, 台账导入问题清单, the file it
 * came from, the upload's day as the range and the day made. The rows are the county's own file as uploaded, numbers
 * in full, so that it can be fixed and imported again (the import reads its header below the title). The download
 * keeps the uploaded file's name (numbers in it masked) with 问题清单, which is what staff look for in their downloads.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { actor, countyName } = await openCountyList(args, () => null)
  const found = listProblemRowsForDownload(actor, requireRecordId(args.params.importId))
  if (!found) throw new Response('Not Found', { status: 404 })
  // The uploaded name, numbers in it masked (a file named after a person can carry their ID or phone number).
  const base = maskNumbersInText(found.import.fileName.replace(/\.[^.]*$/, ''))
  const uploaded = formatDate(found.import.createdAt)
  const { title } = exportNames({
    organisation: countyName,
    list: '台账导入问题清单',
    filters: [`原文件 ${base}`],
    range: dayRange(uploaded, uploaded),
    ascii: 'import-problems',
  })
  return problemWorkbookResponse(found.rows, { fileName: `${base}-问题清单.xlsx`, asciiFallback: `import-${found.import.id}-problems.xlsx`, title })
}
