// One representation of values on both drivers, so the core never sees a driver's quirks:
// pg returns int8 and numeric as strings and dates as local-midnight Date objects; PGlite differs.

const PG_TYPE = { INT8: 20, NUMERIC: 1700, DATE: 1082 } as const;

export const typeParsers: Record<number, (value: string) => unknown> = {
  // Ids and counts stay far below 2^53.
  [PG_TYPE.INT8]: (value) => Number(value),
  [PG_TYPE.NUMERIC]: (value) => Number(value),
  // A calendar date has no time zone; keep it as the 'YYYY-MM-DD' text.
  [PG_TYPE.DATE]: (value) => value,
};
