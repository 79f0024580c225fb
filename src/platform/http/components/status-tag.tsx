export type StatusTone = 'neutral' | 'info' | 'success' | 'warning' | 'error';

/**
 * A state shown as a DKFDS badge: the Danish label from the catalogue, coloured by its tone.
 * Each module maps its own statuses to a label and a tone (see statusTag).
 */
export function StatusTag(props: { label: string; tone?: StatusTone }) {
  const tone = props.tone ?? 'neutral';
  return <span class={tone === 'neutral' ? 'badge' : `badge badge-${tone}`}>{props.label}</span>;
}

/** The tag for one value of a status, from a module's table of labels and tones. */
export function statusTag<Status extends string>(
  status: Status,
  labels: Readonly<Record<Status, string>>,
  tones: Partial<Readonly<Record<Status, StatusTone>>> = {},
) {
  return <StatusTag label={labels[status]} tone={tones[status]} />;
}
