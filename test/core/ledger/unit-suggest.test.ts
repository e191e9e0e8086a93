// Aliases to a unit the ledger does not know: refused with the closest existing units.
import { describe, expect, it } from 'vitest';
import { addUnitAlias, findUnit } from '../../../electron/core/ledger/index';
import { UnknownUnitError } from '../../../electron/core/ledger/units';
import { closestUnits, unitNameScore } from '../../../electron/core/ledger/unit-suggest';
import { memoryLedger } from '../../helpers/ledger';

describe('unit suggestions', () => {
  it('refuses a unit the ledger does not know, offering the closest ones; createUnit makes it', () => {
    const db = memoryLedger();
    let err: unknown;
    try {
      addUnitAlias(db, '生态局', '开封市生态局');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UnknownUnitError);
    expect((err as UnknownUnitError).suggestions[0]).toBe('市生态环境局');
    expect((err as Error).message).toMatch(/^台账中没有“开封市生态局”这个单位。您要找的是不是：市生态环境局/);
    expect(findUnit(db, '开封市生态局')).toBeNull();
    expect(findUnit(db, '生态局')).toBeNull();
    // nothing near: said so
    expect(() => addUnitAlias(db, '气象', '市气象台')).toThrow(/也没有名称相近的单位/);
    expect(addUnitAlias(db, '气象', '市气象台', '', { createUnit: true }).name).toBe('市气象台');
    expect(findUnit(db, '气象')!.name).toBe('市气象台');
    db.close();
  });

  it('closest units: Dice, and abbreviations by ordered characters; generic words do not count', () => {
    expect(unitNameScore('市交通局', '市公安局')).toBe(0);
    expect(unitNameScore('发改委', '市发展改革委')).toBeGreaterThan(0.6);
    expect(unitNameScore('开封市交通局', '市交通运输局')).toBeGreaterThan(0.6);
    expect(unitNameScore('祀县', '杞县')).toBe(0.5);
    expect(unitNameScore('祀县', '通许县')).toBe(0);
  });

  it('offers at most three, best first, matching aliases too', () => {
    const db = memoryLedger();
    addUnitAlias(db, '交运局', '市交通运输局');
    const near = closestUnits(db, '交运');
    expect(near[0]).toBe('市交通运输局');
    expect(near.length).toBeLessThanOrEqual(3);
    db.close();
  });
});
