// "Did you mean `start`?" for a first word that is a slip of the keyboard: a letter missing, added,
// changed, or two swapped (`chekin`, `progres`, `strat`, `gaols`). Short words allow one slip, longer
// ones two; anything further is a different word, and gets the plain hint instead of a guess.

/**
 * Edits that turn `a` into `b`: insertions, deletions, substitutions and swaps of two neighbouring
 * letters, each counting one (the optimal string alignment distance).
 */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      const row = rows[i];
      if (row) row[j] = best;
    }
  }
  return at(a.length, b.length);
}

/** How many slips a word of this length may hold and still be recognised. */
const allowedSlips = (length: number) => (length <= 4 ? 1 : 2);

/** The known words nearest to `typed`, closest first (ties in the order given); none when nothing is near. */
export function nearestWords(typed: string, known: readonly string[]): string[] {
  const word = typed.toLowerCase();
  const scored = known
    .map((candidate) => ({ candidate, distance: editDistance(word, candidate) }))
    .filter(({ distance }) => distance > 0 && distance <= allowedSlips(word.length));
  const best = Math.min(...scored.map(({ distance }) => distance));
  return scored.filter(({ distance }) => distance === best).map(({ candidate }) => candidate);
}

/** "`start`", or "`goal` or `goals`": the words to offer, ready for a sentence. */
export function offer(words: readonly string[]): string {
  return words.map((word) => `\`${word}\``).join(' or ');
}
