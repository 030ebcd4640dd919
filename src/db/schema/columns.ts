import type { ColumnType, Generated } from 'kysely';

// Column types shared by the tables. int8 and numeric columns arrive as numbers and dates as
// 'YYYY-MM-DD' strings on both drivers (see type-parsers.ts).

export type Id = Generated<number>;
export type CreatedAt = ColumnType<Date, Date | undefined, never>;
/** A column with a default: optional when inserting. */
export type Defaulted<T> = ColumnType<T, T | undefined, T>;
