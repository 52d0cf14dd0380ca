// Secrets sweep rows: v1 migration.
import { copyV1Tree } from "@observatory/test-fixtures";
import { asideDir, type Invocation } from "./invocation.js";

export const MIGRATE_ROWS: Invocation[] = [
  {
    name: "obs-migrate --dry-run on a v1 tree",
    track: "aside",
    bin: "obs-migrate",
    args: ["--dry-run"],
    setup: async (c) => {
      const dir = asideDir(c, "v1-dry");
      await copyV1Tree("fleet", dir);
      return dir;
    },
    exits: [1],
  },
  {
    name: "obs-migrate on a v1 tree",
    track: "aside",
    bin: "obs-migrate",
    args: [],
    setup: async (c) => {
      const dir = asideDir(c, "v1-migrated");
      await copyV1Tree("fleet", dir);
      return dir;
    },
    exits: [1],
  },
  {
    name: "obs-poll on the migrated tree (the rebaseline)",
    track: "aside",
    bin: "obs-poll",
    args: ["--no-canary"],
    setup: async (c) => asideDir(c, "v1-migrated"),
    exits: [0],
  },
  {
    name: "obs-migrate: no such directory",
    track: "aside",
    bin: "obs-migrate",
    args: [],
    setup: async (c) => asideDir(c, "does-not-exist"),
    exits: [2],
  },
];
