/** Plain text with blank lines between paragraphs, as the seed's minutes are written. */
export function Paragraphs(props: { text: string | null }) {
  if (!props.text) return null;
  return (
    <>
      {props.text
        .split(/\n\s*\n/)
        .map((paragraph) => paragraph.trim())
        .filter(Boolean)
        .map((paragraph, index) => (
          <p key={index} class="minutes-text">
            {paragraph}
          </p>
        ))}
    </>
  );
}
