// The severity scale (severity.ts) as a zod schema, for the state and event schemas.
import { z } from "zod";
import { SEVERITIES } from "./severity.js";

export const SeveritySchema = z.enum(SEVERITIES);
