const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Python's `strftime("%d %B %Y")` in UTC: `08 August 2024`. */
export function formatTodayDate(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('The date for "Today Date" is not a valid Date');
  const day = String(date.getUTCDate()).padStart(2, '0');
  return `${day} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}
