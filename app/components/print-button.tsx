/**
 * 打印 — opens the browser's print dialog (the print stylesheet in app/styles/app.css leaves out the header,
 * navigation, filters and buttons). Needs JavaScript; without it the browser's own 打印 (Ctrl+P) does the
 * same, which the title says. Takes the words on the button.
 */
export function PrintButton({ children = '打印' }: { children?: string }) {
  return (
    <button type="button" className="button button--secondary no-print" title="也可以用浏览器的打印（Ctrl+P）" onClick={() => window.print()}>
      {children}
    </button>
  )
}
