import { renderKeyValue, renderTable, terminalSafe } from './text-table';

describe('text tables', () => {
  it('aligns columns, amounts on the right, exactly as received', () => {
    const rows = [
      { type: 'DEPOSIT', amount: '100.10' },
      { type: 'BET', amount: '-2.00' },
      { type: 'WIN', amount: '1234567890123456.05' },
    ];
    expect(renderTable(rows, [{ header: 'TYPE', value: (row) => row.type }, { header: 'AMOUNT', value: (row) => row.amount, align: 'right' }])).toBe(
      ['TYPE                  AMOUNT', 'DEPOSIT               100.10', 'BET                    -2.00', 'WIN      1234567890123456.05', ''].join('\n'),
    );
  });

  it('says so when there are no rows', () => {
    expect(renderTable([], [{ header: 'PLAYER', value: () => 'x' }])).toBe('PLAYER\n(none)\n');
  });

  it('cuts only the columns that allow it', () => {
    const table = renderTable([{ title: 'A very long game title indeed', id: '123456' }], [
      { header: 'ID', value: (row) => row.id },
      { header: 'TITLE', value: (row) => row.title, widthMax: 10 },
    ]);
    expect(table.split('\n')[1]).toBe('123456  A very lo…');
  });

  it('shows control characters and direction overrides from a platform as escapes, never raw', () => {
    expect(terminalSafe('Mega\u001b[2JSlots\u202e')).toBe('Mega\\u001b[2JSlots\\u202e');
    expect(renderKeyValue([['title', 'bad\rname']])).toBe('title  bad\\u000dname\n');
  });

  it('lines keys up', () => {
    expect(renderKeyValue([['token', 'abc'], ['launch url', 'https://x']])).toBe('token       abc\nlaunch url  https://x\n');
  });
});
