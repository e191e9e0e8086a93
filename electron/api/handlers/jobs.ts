// 取消: the clerk stops long work (OCR of a scan) by the job id the call was made with.
import type { Handlers } from '../handler-types';

export const jobHandlers: Pick<Handlers, 'job.cancel'> = {
  'job.cancel': ({ job }, ctx) => ({ cancelled: ctx.cancel(job) }),
};
