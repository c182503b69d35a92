// Top-level keys of the OpenDev meeting tracker: who the meeting bot is, when a meeting is over.
import { z } from 'zod';

export const meetingsConfigShape = {
  /**
   * Who the OpenDev meeting bot is, by identity as in `permissions`: "irc:<services account>", a
   * Matrix user id "@opendevmeet:server", or a plain IRC nick (spoofable: networks without services).
   * A single string is one entry.
   */
  meetingBots: z
    .union([z.string().min(1).max(255), z.array(z.string().min(1).max(255)).max(20)])
    .transform((v) => (typeof v === 'string' ? [v] : v))
    .default(['opendevmeet']),
  /** An OpenDev meeting whose "Meeting ended" was missed counts as over this long after it started or after its last line. */
  meetings: z
    .strictObject({
      maxHours: z.number().min(0.5).max(6).default(3),
      idleMinutes: z.number().min(10).max(180).default(60),
    })
    .default({ maxHours: 3, idleMinutes: 60 }),
};
