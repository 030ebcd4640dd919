/** "1 reflection", "3 reflections": a count with its noun agreeing, so no answer says "1 reflections". */
export const count = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
