// @observatory/providers: Provider adapters over undici: every byte on the wire to an LLM provider.
export {};
