// The ledger's readable side for the county workbooks: one ordered scan per table, only
// active tasks, counties in the city profile's order.
import { describe, expect, it } from 'vitest';
import { withdrawTask } from '../../../electron/core/ledger/index';
import { scanSubmissionTasks } from '../../../electron/core/ledger/submission-reads';
import { KAIFENG_COUNTIES, KAIFENG_ZONE, memoryLedger } from '../../helpers/ledger';

describe('scanSubmissionTasks', () => {
  it('reads the active tasks in plan order with their units, deadlines, targets and the counties', () => {
    const db = memoryLedger();
    const scan = scanSubmissionTasks(db);
    expect(scan.tasks.map((t) => t.code)).toEqual(['大气-1', '大气-2', '大气-3', '碧水-1', '碧水-2']);
    expect(scan.tasks[0]).toMatchObject({
      no: 1,
      title: '依法依规淘汰落后低效产能',
      short_name: '大气',
      plan_title: '开封市2025年大气污染防治攻坚十大行动方案',
    });
    const id = (code: string) => scan.tasks.find((t) => t.code === code)!.id;
    // the units of a task in the order the plan names them
    expect(scan.units.filter((u) => u.task_id === id('大气-2')).map((u) => [u.name, u.role, u.kind])).toEqual(
      [
        ['市发展改革委', 'responsible', 'department'],
        ['兰考县', 'implement', 'county'],
        ['尉氏县', 'implement', 'county'],
      ],
    );
    expect(scan.deadlines.filter((d) => d.task_id === id('碧水-1')).map((d) => d.date)).toEqual([
      '2025-06-30',
      '2025-12-31',
    ]);
    expect(scan.targets.filter((t) => t.task_id === id('大气-3')).map((t) => t.text)).toEqual([
      '清洁运输比例80%',
    ]);
    expect([...scan.counties].sort()).toEqual([...KAIFENG_COUNTIES, KAIFENG_ZONE].sort());
  });

  it('leaves out a withdrawn (撤销) task', () => {
    const db = memoryLedger();
    withdrawTask(db, '大气-2', { reason: '合并到大气-1', operator: '测试' });
    expect(scanSubmissionTasks(db).tasks.map((t) => t.code)).not.toContain('大气-2');
  });
});
