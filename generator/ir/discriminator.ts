/**
 * Reading a union's discriminator (`UnionShape['discriminator']`), shared by
 * the normalizer and the emitters.
 */

/** The wire values that select member `index` (its mapping maps value → member index). */
export function valuesSelecting(mapping: Record<string, number>, index: number): string[] {
  return Object.keys(mapping).filter((value) => mapping[value] === index);
}
