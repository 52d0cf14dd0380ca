// The CLI's own user-facing failure: status and healthy name a model the epoch does not know.
// The SDK answers `found: false` with suggestions; only the command line turns that into an error
// (exit NOT_FOUND) with the suggestions as its hint.
import { ExitCode, ObsError, OracleErrorCode } from "@observatory/core";

export function unknownModel(key: string, suggestions: readonly string[]): ObsError {
  return new ObsError(OracleErrorCode.UNKNOWN_MODEL, `unknown model ${key} in this epoch`, {
    hint:
      suggestions.length > 0
        ? `did you mean ${suggestions.join(", ")}?`
        : 'keys look like "provider/model_id"; obs-oracle list shows them',
    exitCode: ExitCode.NOT_FOUND,
  });
}
