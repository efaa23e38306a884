/** Two letters for an app without an icon: the first letters of its first two words ("Loyalty Lion" → "LL", "Shopify" → "SH"). */
export function monogramOf(name: string): string {
  const words = name.split(/[\s:._-]+/).filter(Boolean);
  const letters = words.length > 1 ? `${words[0]![0]}${words[1]![0]}` : name.slice(0, 2);
  return letters.toUpperCase();
}
