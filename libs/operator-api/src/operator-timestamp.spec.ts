import { formatOperatorTimestamp, isOperatorDate, isOperatorTimestamp } from './operator-timestamp';

describe('operator timestamps', () => {
  describe('given Y-m-d H:i:s texts', () => {
    it.each(['2020-12-01 13:44:54', '2024-02-29 00:00:00', '2000-02-29 23:59:59', '1999-12-31 23:59:59'])('when %p is checked then it is a real time', (text) => {
      expect(isOperatorTimestamp(text)).toBe(true);
    });

    it.each([
      '2021-02-29 00:00:00',
      '1900-02-29 00:00:00',
      '2020-11-31 00:00:00',
      '2020-13-01 00:00:00',
      '2020-00-01 00:00:00',
      '2020-12-00 00:00:00',
      '2020-12-01 24:00:00',
      '2020-12-01 23:60:00',
      '2020-12-01 23:59:60',
      '2020-12-01T13:44:54',
      '2020-12-01 13:44:54Z',
      '2020-12-01 13:44',
      '2020-12-1 13:44:54',
      ' 2020-12-01 13:44:54',
    ])('when %p is checked then it is refused', (text) => {
      expect(isOperatorTimestamp(text)).toBe(false);
    });
  });

  describe('given YYYY-MM-DD dates (status and finishround hints)', () => {
    it('when the vendor example "2020-11-31" is checked then it is accepted: shape and ranges only', () => {
      expect(isOperatorDate('2020-11-31')).toBe(true);
    });

    it.each(['2020-13-01', '2020-00-10', '2020-11-32', '2020-11-00', '20201131', '2020-11-3', '2020-11-31 00:00:00'])('when %p is checked then it is refused', (text) => {
      expect(isOperatorDate(text)).toBe(false);
    });
  });

  describe('given a moment to print as response_timestamp', () => {
    it('when 2020-12-01T13:44:55.999Z is formatted then it is UTC with seconds truncated', () => {
      expect(formatOperatorTimestamp(new Date('2020-12-01T13:44:55.999Z'))).toBe('2020-12-01 13:44:55');
    });

    it('when a moment given in another zone is formatted then it is converted to UTC', () => {
      expect(formatOperatorTimestamp(new Date('2020-12-01T01:02:03+05:00'))).toBe('2020-11-30 20:02:03');
    });

    it('when an invalid Date is formatted then it throws', () => {
      expect(() => formatOperatorTimestamp(new Date('not a date'))).toThrow(RangeError);
    });
  });
});
