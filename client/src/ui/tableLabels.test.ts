import { describe, expect, it } from 'vitest';
import { labelTableCells } from './tableLabels';

describe('phone labels of table cells', () => {
  it("gives each data cell its column's header, skips row headers and spanning cells, and follows a changed header", () => {
    document.body.innerHTML = `<table class="firm-table">
      <thead><tr><th>Medlem</th><th>Møder</th><th>Deltaget</th></tr></thead>
      <tbody><tr><th scope="row">Aalborg ApS</th><td>4</td><td>3</td></tr>
             <tr class="table-footer"><td colspan="3">Ingen flere</td></tr></tbody></table>
      <table class="other"><thead><tr><th>X</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>`;
    labelTableCells();
    const cells = [...document.querySelectorAll('table.firm-table tbody tr:first-child > *')] as HTMLElement[];
    expect(cells.map((c) => c.dataset.label ?? null)).toEqual([null, 'Møder', 'Deltaget']);
    expect((document.querySelector('.table-footer td') as HTMLElement).dataset.label).toBeUndefined();
    expect((document.querySelector('table.other td') as HTMLElement).dataset.label).toBeUndefined();
    document.querySelectorAll('thead th')[2].textContent = 'Närvarande';
    labelTableCells();
    expect(cells[2].dataset.label).toBe('Närvarande');
  });
});
