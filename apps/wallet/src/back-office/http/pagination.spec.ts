import { BadRequestException } from '@nestjs/common';
import { decodeCursor, encodeCursor } from './pagination';

const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

describe('back-office page cursors', () => {
  it('reads back exactly what it wrote', () => {
    const cursor = { createdAt: '2026-12-01T12:00:00.123456Z', id: '5f0c6a52-8a4e-4d9e-9d1f-0b6f5a8f2c11' };
    expect(decodeCursor(encodeCursor(cursor), 'uuid')).toEqual(cursor);
    expect(decodeCursor(encodeCursor({ createdAt: '2026-12-01T12:00:00.000000Z', id: 'platform-a|12345678901234567890' }))).toEqual({
      createdAt: '2026-12-01T12:00:00.000000Z',
      id: 'platform-a|12345678901234567890',
    });
  });

  // Each of these passed the old check and then failed inside PostgreSQL: a 500.
  it.each([
    ['an id that is not a uuid where the column is one', ['2026-12-01T12:00:00.000000Z', 'not-a-uuid'], 'uuid'],
    ['a time JavaScript reads but PostgreSQL does not', ['Tue Dec 01 2026', '5f0c6a52-8a4e-4d9e-9d1f-0b6f5a8f2c11'], 'uuid'],
    ['a date that does not exist', ['2026-02-30T00:00:00.000000Z', 'x'], 'text'],
    ['a NUL in a text id', ['2026-12-01T12:00:00.000000Z', 'a\u0000b'], 'text'],
    ['a year PostgreSQL cannot hold', ['+275760-09-13T00:00:00.000Z', 'x'], 'text'],
    ['three members', ['2026-12-01T12:00:00.000000Z', 'x', 'y'], 'text'],
    ['numbers', [1, 2], 'text'],
  ] as const)('refuses %s with a 400', (_case, value, kind) => {
    expect(() => decodeCursor(cursorOf(value), kind)).toThrow(BadRequestException);
  });

  it('refuses text that is not base64url JSON with a 400', () => {
    expect(() => decodeCursor('garbage')).toThrow(BadRequestException);
    expect(() => decodeCursor('x'.repeat(201))).toThrow(BadRequestException);
  });
});
