import * as z from "zod";
import { CollaborativeDefinition, Team } from "./collaborative";

export const Role = z.enum(["team", "faculty", "admin"]);
export type Role = z.infer<typeof Role>;

/** `GET /api/v1/me`: who the token belongs to and the collaborative it works in. */
export const Me = z.object({
  role: Role,
  tokenLabel: z.string(),
  team: Team.nullable(),
  collaborative: CollaborativeDefinition.nullable(),
});
export type Me = z.infer<typeof Me>;
