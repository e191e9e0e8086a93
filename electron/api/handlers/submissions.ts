// 县区报送: county workbooks out, returned workbooks in, the inbox and the board.
import { notAvailable } from '../errors';
import type { Handlers } from '../service';
import { UNAVAILABLE } from './unavailable';

type Ops = 'submission.make' | 'submission.import' | 'submission.inbox' | 'submission.resolve' | 'submission.review' | 'submission.board';
for (const op of ['submission.make', 'submission.import', 'submission.inbox', 'submission.resolve', 'submission.review', 'submission.board'] as const) UNAVAILABLE.add(op);

export const submissionHandlers: Pick<Handlers, Ops> = {
  'submission.make'() { throw notAvailable('生成县区报送表'); },
  'submission.import'() { throw notAvailable('导入县区报送表'); },
  'submission.inbox'() { return []; },
  'submission.resolve'() { throw notAvailable('处理标记行'); },
  'submission.review'() { throw notAvailable('采纳/退回'); },
  'submission.board'() { return []; },
};
