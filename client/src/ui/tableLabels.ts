/**
 * On a phone `.firm-table` hides its header row and shows each row as a block (styles.css), so a body cell
 * would be a bare value ("3", "12 500 kr."). Each data cell gets its column's header as `data-label`, which
 * the phone layout shows before the value. Row headers (`th`) name the row themselves and get none.
 * Done once for the whole document, so no area has to remember it.
 */
export function labelTableCells(root: ParentNode = document): void {
  for (const table of root.querySelectorAll<HTMLTableElement>('table.firm-table')) {
    const headerRow = table.tHead?.rows[0];
    if (!headerRow) continue;
    const headers: string[] = [];
    for (const h of headerRow.cells) for (let i = 0; i < h.colSpan; i++) headers.push(h.colSpan === 1 ? (h.textContent ?? '').trim() : '');
    for (const body of table.tBodies) {
      for (const row of body.rows) {
        let column = 0;
        for (const cell of row.cells) {
          const label = cell.colSpan === 1 && cell.tagName === 'TD' ? headers[column] : '';
          if (label && cell.dataset.label !== label) cell.dataset.label = label;
          else if (!label && cell.dataset.label) delete cell.dataset.label;
          column += cell.colSpan;
        }
      }
    }
  }
}

/** Keeps the labels current as pages render (once per animation frame at most); returns the stop function. */
export function watchTableLabels(doc: Document = document): () => void {
  let scheduled = false;
  const run = () => {
    scheduled = false;
    labelTableCells(doc);
  };
  // Attributes are not observed: setting data-label does not wake the observer again.
  const observer = new MutationObserver(() => {
    if (!scheduled) {
      scheduled = true;
      requestAnimationFrame(run);
    }
  });
  observer.observe(doc.body, { childList: true, subtree: true, characterData: true });
  run();
  return () => observer.disconnect();
}
