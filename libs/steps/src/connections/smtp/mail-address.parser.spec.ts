import { isMailAddress, parseMailAddresses } from './mail-address.parser';

describe('parseMailAddresses', () => {
  it('reads a comma list with display names, a list, objects and groups', () => {
    expect(parseMailAddresses('"Doe, Jane" <jane@example.com>, bob@example.com; team: c@example.com;').addresses).toEqual([
      { name: 'Doe, Jane', address: 'jane@example.com' },
      { name: '', address: 'bob@example.com' },
      { name: '', address: 'c@example.com' },
    ]);
    expect(parseMailAddresses(['a@example.com, b@example.com', { name: 'C', address: 'c@example.com' }, null]).addresses).toHaveLength(3);
    expect(parseMailAddresses({ address: 'd@example.com' }).addresses).toEqual([{ name: '', address: 'd@example.com' }]);
  });

  it('gives nothing for empty values', () => {
    for (const empty of [undefined, null, '', []]) expect(parseMailAddresses(empty)).toEqual({ addresses: [], invalid: [] });
  });

  it('names what is not an address, as written', () => {
    expect(parseMailAddresses(['Ada', 'bob@', 42, { address: 'x' }, { nope: 1 }]).invalid).toEqual(['Ada', 'bob@', '42', 'x', '{"nope":1}']);
  });

  it.each(['ada@example.com', 'ada.l+tag@mail.example.co.uk', 'josé@exämple.de'])('%s is an address', (a) => expect(isMailAddress(a)).toBe(true));
  it.each(['ada', 'ada@localhost', '@example.com', 'a b@example.com', '.a@example.com', 'a..b@example.com', 'a@example..com'])('%s is not', (a) =>
    expect(isMailAddress(a)).toBe(false),
  );
});
