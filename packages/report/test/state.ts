// Real state directories for the tests, committed through core's writer with a clock the test
// sets, so epoch ids are known days.
import { type EventDraft, type ModelRecord, openStateWriter } from "@observatory/core";

export type Models = Array<Partial<ModelRecord> & { id: string }>;

export interface Poll {
  at: string;
  providers: Record<string, Models>;
  events?: EventDraft[];
}

/** Commits one epoch per poll, oldest first, as obs-poll would; returns the epoch ids. */
export async function buildState(stateDir: string, polls: readonly Poll[]): Promise<string[]> {
  let clock = new Date(0);
  const r = await openStateWriter(stateDir, { tool: "test", version: "0.0.0", now: () => clock });
  if (!r.ok) throw new Error(r.message);
  const ids: string[] = [];
  try {
    for (const poll of polls) {
      clock = new Date(poll.at);
      const providers = Object.fromEntries(
        Object.entries(poll.providers).map(([p, models]) => [
          p,
          {
            snapshot: {
              schema: "observatory.snapshot/1" as const,
              provider: p,
              fingerprint_scheme: "semantic-v1",
              models,
            },
          },
        ]),
      );
      const c = await r.writer.commit({
        fingerprintScheme: "semantic-v1",
        providers,
        events: poll.events ?? [],
      });
      ids.push(c.epochId);
    }
  } finally {
    await r.writer.close();
  }
  return ids;
}

/** A model id a hostile provider could list: it must show as text, never run. */
export const EVIL = "<script>window.__evil=1</script><img src=x onerror=alert(1)>";

const gpt = (prompt: string, context = 128000) => ({
  id: "gpt-4o",
  name: "GPT-4o",
  context_length: context,
  pricing: { prompt, completion: "0.00001" },
});
const claude = (prompt: string) => ({
  id: "claude-3.5-sonnet",
  context_length: 200000,
  pricing: { prompt, completion: "0.000015" },
});

const drift: EventDraft = {
  type: "BEHAVIOR_DRIFT",
  severity: "HIGH",
  provider: "openai",
  model_id: "gpt-4o",
  probe: "json_format",
  tier: 2,
  evidence: {
    old_value: '{"a":1}',
    new_value: '{"a": 1}',
    rule: "streak",
    samples: ['{"a": 1}', '{"a": 1}', '{"a": 1}'],
    streak: 3,
    window_frequency: 1,
    window_size: 3,
  },
};

/** Five days: gpt-4o's price moves twice and its context doubles, claude's price drops, a
 * hostile model id appears, and gpt-4o's JSON answers drift. */
export const WEEK: Poll[] = [
  {
    at: "2026-11-01T06:00:00.000Z",
    providers: { openai: [gpt("0.0000025")], anthropic: [claude("0.000003")] },
  },
  {
    at: "2026-11-02T06:00:00.000Z",
    providers: { openai: [gpt("0.000003")], anthropic: [claude("0.000003")] },
  },
  {
    at: "2026-11-03T06:00:00.000Z",
    providers: {
      openai: [gpt("0.000003", 256000)],
      anthropic: [claude("0.0000024")],
      mistral: [{ id: EVIL, context_length: 32000 }],
    },
  },
  {
    at: "2026-11-04T06:00:00.000Z",
    providers: {
      openai: [gpt("0.0000027", 256000)],
      anthropic: [claude("0.0000024")],
      mistral: [{ id: EVIL, context_length: 32000 }],
    },
    events: [drift],
  },
];
