// Every CLI command, in the order `help` lists them. Add a command: one file (its `run`), one
// entry here. What `help` and the dispatcher need is written here so that listing the
// commands loads none of their code (exceljs, docx, pdf.js, better-sqlite3 each cost a tenth
// of a second or more to load); a command's module is imported only when it runs.
import type { Command } from '../registry';

export const commands: Command[] = [
  {
    name: ['parse'],
    boolFlags: ['json'],
    summary: '解析方案文件（PDF/OFD/DOCX/TXT，扫描件自动文字识别），输出任务清单',
    usage: 'parse 文件 [--json]',
    load: async () => (await import('./parse')).parseCommand,
  },
  {
    name: ['template'],
    boolFlags: ['all', 'json'],
    summary: '生成县区报送表（每个县区一个工作簿：填报说明 + 每个方案一张表）',
    usage:
      'template (--county 县区 | --all) --period 2025-09 [-o 文件或文件夹] [--due 2025-10-05] [--template 模板.json] [--json]',
    valueFlags: ['county', 'period', 'o', 'out', 'due', 'template'],
    load: async () => (await import('./template')).templateCommand,
  },
  {
    name: ['submission', 'import'],
    boolFlags: ['dry-run', 'json', 'force-period'],
    summary:
      '导入县区报回的报送表（自动识别县区和期次；--dry-run 只显示将要发生的变化；文件写的月份与 --period 不同时须加 --force-period 确认）',
    usage:
      'submission import 文件... [--period 2025-09 [--force-period]] [--county 县区] [--dry-run] [--json] [--operator 姓名]',
    valueFlags: ['period', 'county', 'operator'],
    load: async () => (await import('./submission')).submissionImportCommand,
  },
  {
    name: ['submission', 'resolve'],
    boolFlags: ['yes', 'json'],
    summary:
      '手工处理导入时标记的行（找不到任务、重复、冲突等）：指定任务和进展；不带参数列出待处理的行；已有本期进展时须加 --yes 覆盖',
    usage:
      'submission resolve [编号 行 --task 大气-3 --status 序时推进 [--percent 50] [--text 进展情况] [--yes]] [--period 2025-09] [--json] [--operator 姓名]',
    valueFlags: ['task', 'status', 'percent', 'text', 'period', 'operator'],
    load: async () => (await import('./submission-resolve')).submissionResolveCommand,
  },
  {
    name: ['plan', 'import'],
    boolFlags: ['yes', 'dry-run', 'json'],
    summary:
      '导入方案文件到台账（同一文件或其他格式的同一文件不会重复导入；新版方案先显示差异，加 --yes 应用）',
    usage: 'plan import 文件... [--yes] [--dry-run] [--json] [--operator 姓名]',
    valueFlags: ['operator'],
    load: async () => (await import('./plan-import')).planImportCommand,
  },
  {
    name: ['plan', 'list'],
    boolFlags: ['json'],
    summary: '列出台账中的方案',
    usage: 'plan list [--json]',
    load: async () => (await import('./plan-list')).planListCommand,
  },
  {
    name: ['task', 'list'],
    boolFlags: ['overdue', 'all', 'json'],
    summary: '按条件列出任务（方案、类别、单位、职责、县区、状态、时限、逾期、报送期）',
    usage:
      'task list [--plan 大气] [--group 类别] [--unit 单位] [--role 牵头] [--county 杞县] [--status 滞后] [--due-from 日期] [--due-to 日期] [--overdue] [--warning 红] [--period 2025-09] [--as-of 日期] [--all] [--json]',
    valueFlags: [
      'plan',
      'group',
      'unit',
      'role',
      'county',
      'status',
      'due-from',
      'due-to',
      'period',
      'as-of',
      'warning',
    ],
    load: async () => (await import('./task-list')).taskListCommand,
  },
  {
    name: ['task', 'show'],
    boolFlags: ['json'],
    summary: '查看一项任务的全部信息和历史（职责、时限、指标、延期、修正、进展、操作记录）',
    usage: 'task show 大气-12 [--json]',
    load: async () => (await import('./task-show')).taskShowCommand,
  },
  {
    name: ['task', 'correct'],
    boolFlags: ['list', 'json'],
    summary: '人工修正任务的责任单位、职责、时限或指标（重新导入后仍保留）',
    usage:
      'task correct 大气-12 (--unit 旧 --to 新 | --role 单位=牵头 | --add-unit 单位=落实 | --remove-unit 单位 | --deadline 2025-10-31 [--from 2025-09-30] | --remove-deadline 日期 | --target 指标=数值 | --remove-target 指标 | --list | --revoke 编号) [--note 说明] [--operator 姓名]',
    valueFlags: [
      'unit',
      'to',
      'role',
      'add-unit',
      'remove-unit',
      'deadline',
      'from',
      'text',
      'remove-deadline',
      'target',
      'target-unit',
      'remove-target',
      'note',
      'operator',
      'revoke',
    ],
    load: async () => (await import('./task-correct')).taskCorrectCommand,
  },
  {
    name: ['task', 'extend'],
    boolFlags: ['json'],
    summary: '任务延期（记录新时限、原因和批准人，原时限保留）',
    usage:
      'task extend 大气-12 --to 2025-12-31 --reason 原因 --approved-by 批准人 [--requested 申请日期] [--operator 姓名] [--json]',
    valueFlags: ['to', 'reason', 'approved-by', 'requested', 'operator'],
    load: async () => (await import('./task-extend')).taskExtendCommand,
  },
  {
    name: ['task', 'close'],
    boolFlags: ['json'],
    summary: '办结销号（记录日期、确认人、佐证材料；--unit 只为一个县区销号）',
    usage:
      'task close 大气-12 --evidence 佐证说明 [--attach 验收报告.pdf]… [--confirmed-by 确认人] [--unit 杞县] [--date 2025-09-30] [--operator 姓名] [--json]',
    valueFlags: ['evidence', 'attach', 'confirmed-by', 'unit', 'date', 'operator'],
    load: async () => (await import('./task-close')).taskCloseCommand,
  },
  {
    name: ['task', 'withdraw'],
    boolFlags: ['json'],
    summary: '撤销任务（记录原因，和依据文件的文号）',
    usage: 'task withdraw 大气-12 --reason 原因 [--by 文号] [--date 2025-10-10] [--operator 姓名] [--json]',
    valueFlags: ['by', 'reason', 'date', 'operator'],
    load: async () => (await import('./task-withdraw')).taskWithdrawCommand,
  },
  {
    name: ['task', 'reopen'],
    summary: '重新打开误销号或误撤销的任务',
    usage: 'task reopen 大气-12 --reason 原因 [--unit 杞县] [--operator 姓名]',
    valueFlags: ['reason', 'unit', 'operator'],
    load: async () => (await import('./task-reopen')).taskReopenCommand,
  },
  {
    name: ['unit', 'alias'],
    boolFlags: ['new', 'list', 'json'],
    summary:
      '单位别名：添加（单位须已在台账中，否则列出最接近的单位；--new 确认新建）、--list 列出、--remove 删除',
    usage:
      'unit alias 别名 规范名称 [--new] [--operator 姓名] | unit alias --list [--json] | unit alias --remove 别名',
    valueFlags: ['remove', 'operator'],
    load: async () => (await import('./unit-alias')).unitAliasCommand,
  },
  {
    name: ['ledger', 'export'],
    boolFlags: ['json', 'matrix'],
    summary:
      '导出台账：--json 输出到屏幕，-o 文件.xlsx 生成台账表格（--matrix 另加各方案的任务×县区横表），-o 文件.json 写入文件',
    usage: 'ledger export (--json | -o 文件.xlsx|文件.json) [--period 2025-09] [--as-of 日期] [--matrix]',
    valueFlags: ['o', 'out', 'period', 'as-of'],
    load: async () => (await import('./ledger-export')).ledgerExportCommand,
  },
  {
    name: ['backup'],
    boolFlags: ['list', 'json'],
    summary: '备份台账（默认存到台账旁的 backups 文件夹）；--list 列出已有备份',
    usage: 'backup [备份文件] [--list] [--json]',
    load: async () => (await import('./backup')).backupCommand,
  },
  {
    name: ['restore'],
    boolFlags: ['latest', 'json'],
    summary: '从备份恢复台账（恢复前自动备份当前台账）',
    usage: 'restore 备份文件 | restore --latest',
    load: async () => (await import('./restore')).restoreCommand,
  },
  {
    name: ['bulletin'],
    boolFlags: ['json'],
    summary: '生成工作进展通报（.docx，GB/T 9704 公文格式，按模板填充）',
    usage:
      'bulletin --period 2025-09 -o 通报.docx [--as-of 日期] [--date 成文日期] [--number 序号] [--doc-prefix 机关代字] [--issue 期号] [--template 模板.docx] [--requirements 下步工作要求.txt] [--json]',
    valueFlags: [
      'period',
      'o',
      'out',
      'as-of',
      'date',
      'number',
      'doc-prefix',
      'issue',
      'template',
      'requirements',
      'operator',
    ],
    load: async () => (await import('./bulletin')).bulletinCommand,
  },
  {
    name: ['remind'],
    boolFlags: ['json'],
    summary: '为滞后或超期的责任单位逐一生成催办单（.docx）',
    usage:
      'remind --period 2025-09 -o 输出目录 [--as-of 日期] [--date 成文日期] [--template 模板.docx] [--json]',
    valueFlags: ['period', 'o', 'out', 'as-of', 'date', 'template'],
    load: async () => (await import('./remind')).remindCommand,
  },
  {
    name: ['supervise'],
    boolFlags: ['json'],
    summary: '生成三色督办单（.docx）：每个责任单位每种预警颜色（红、黄、蓝）一份',
    usage:
      'supervise --period 2025-09 -o 输出目录 [--as-of 日期] [--date 成文日期] [--template 模板.docx] [--json]',
    valueFlags: ['period', 'o', 'out', 'as-of', 'date', 'template'],
    load: async () => (await import('./supervise')).superviseCommand,
  },
];
