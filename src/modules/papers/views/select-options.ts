export type Option = { value: string; label: string };

/** A catalogue's labels by value (kinds, addressees, …) as the options of a Select. */
export function options<K extends string>(labels: Record<K, string>): Option[] {
  return Object.entries<string>(labels).map(([value, label]) => ({ value, label }));
}
