import type { FastifyRequest } from 'fastify';
import { writeAs, type RequestWrite } from '../../platform/http/service-call';

/** The live topic of a meeting: its live view and the minutes pages follow it. */
export const meetingTopic = (meetingId: string): string => `meeting:${meetingId}`;

/** A write as the signed-in actor that the meeting's live viewers hear of once it has committed. */
export function writeToMeeting<T>(
  request: FastifyRequest,
  meetingId: string,
  work: (ctx: RequestWrite) => Promise<T>,
): Promise<T> {
  return writeAs(request, (ctx) => {
    ctx.announce(meetingTopic(meetingId));
    return work(ctx);
  });
}
