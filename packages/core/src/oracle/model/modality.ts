// What a model takes in and gives out, read from the capability flags its provider's listing put
// in the snapshot. Only some providers say: OpenRouter lists input and output modalities
// ("input:image", "output:audio"), Gemini its generation methods ("method:embedContent"), Ollama
// and Mistral what a model completes or embeds. The others (OpenAI, Anthropic, xAI...) list bare
// ids, so their models' modalities are unknown. Pure.

/** The modalities a route can ask for; "any" turns the check off. */
export const MODALITIES = ["text", "image", "audio", "video", "embedding", "any"] as const;
export type Modality = (typeof MODALITIES)[number];

export interface Modalities {
  /** Sorted, e.g. ["image", "text"]. */
  readonly input: readonly string[];
  /** Sorted, e.g. ["text"]; never empty. */
  readonly output: readonly string[];
}

/** A flag that tells what a model completes: what it takes in and what it gives out. */
const FLAGS: Readonly<Record<string, readonly [input: string, output: string]>> = {
  completion: ["text", "text"], // Ollama
  chat: ["text", "text"], // Mistral's completion_chat
  fim: ["text", "text"], // Mistral's completion_fim
  "method:generateContent": ["text", "text"], // Gemini
  embedding: ["text", "embedding"], // Ollama
  "method:embedContent": ["text", "embedding"],
  "method:embedText": ["text", "embedding"],
  "method:batchEmbedContents": ["text", "embedding"],
  "method:predict": ["text", "image"], // Imagen
  "method:predictLongRunning": ["text", "video"], // Veo
};

/**
 * Whether a snapshot's JSON could name a modality: a flag saying what a model gives out appears in
 * it as a string value ("output:...", or a flag above followed by `,` `]` or `}`, not by `:`). A
 * snapshot naming none gives every model null modalities, so the reader need not parse it (most
 * providers list bare ids). Keys are skipped: "completion" is also a key of most price objects.
 */
export function mayNameModality(json: Buffer): boolean {
  // latin1: one pass to a string; a multi-byte character can never decode to a quote or a comma.
  return NAMES_MODALITY.test(json.toString("latin1"));
}

const NAMES_MODALITY = new RegExp(
  `"(?:output:|(?:${Object.keys(FLAGS)
    .map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("|")})"\\s*[,\\]}])`,
);

// Most models of a listing share a handful of flag sets: one answer per set, shared (frozen),
// saves allocating 10,000 copies on open().
const known = new Map<string, Modalities | null>();

/** The listing's modalities; null when the flags say nothing about what the model gives out. */
export function modalitiesOf(capabilities: readonly string[] | undefined): Modalities | null {
  if (capabilities === undefined) return null;
  const key = capabilities.join("\u0000");
  let m = known.get(key);
  if (m === undefined) {
    m = readModalities(capabilities);
    // Bounded: flag sets come from providers, so a hostile listing cannot grow this forever.
    if (known.size < 1024) known.set(key, m);
  }
  return m;
}

function readModalities(capabilities: readonly string[]): Modalities | null {
  const input = new Set<string>();
  const output = new Set<string>();
  for (const c of capabilities) {
    if (c.startsWith("input:")) input.add(c.slice(6));
    else if (c.startsWith("output:")) output.add(c.slice(7));
    else {
      const io = FLAGS[c];
      if (io) {
        input.add(io[0]);
        output.add(io[1]);
      }
    }
  }
  if (output.size === 0) return null;
  if (capabilities.includes("vision")) input.add("image");
  return Object.freeze({
    input: Object.freeze([...input].sort()),
    output: Object.freeze([...output].sort()),
  });
}

// Output modalities as bits of one byte per model (model/table.ts); 0 is unknown.
const BIT: Readonly<Record<string, number>> = {
  text: 1,
  image: 2,
  audio: 4,
  video: 8,
  embedding: 16,
};
const OTHER_OUTPUT = 32;
/** Set when the model is known to take text in. */
const TEXT_IN = 64;
const OUTPUTS = 63;

export function modalityBits(m: Modalities | null): number {
  if (m === null) return 0;
  let bits = m.input.includes("text") ? TEXT_IN : 0;
  for (const o of m.output) bits |= BIT[o] ?? OTHER_OUTPUT;
  return bits;
}

/**
 * Whether a model with these bits serves the modality. "text" is text chat: text in, text and
 * nothing else out (a model that also makes images or audio is a generator, routed with
 * modality=image or audio). A model whose listing says nothing counts as text chat: its
 * reliability comes from chat calls, and those providers list chat models under bare ids.
 * Any other modality needs the listing to say so.
 */
export function servesModality(bits: number, want: Modality): boolean {
  if (want === "any") return true;
  if (want === "text")
    return bits === 0 || ((bits & OUTPUTS) === BIT["text"] && (bits & TEXT_IN) !== 0);
  return (bits & BIT[want]!) !== 0;
}
