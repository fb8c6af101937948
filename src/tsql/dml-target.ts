import type { Node, ObjectName, TableRef } from './ast';
import { walk } from './visitor';

/**
 * The table a DML statement's target stands for: `UPDATE s … FROM dbo.Stock s` writes dbo.Stock,
 * named by the FROM's alias; a qualified name or a #temp is the table itself. The triggers a write
 * fires are looked up by this name.
 */
export function dmlTargetName(statement: Node, target: TableRef): ObjectName {
  let name = target.name;
  if (name.parts.length === 1 && !target.temp) {
    const alias = name.parts[0]?.name.toLowerCase();
    walk(statement, (x) => {
      if (x.kind === 'TableRef' && x !== target && x.alias?.name.toLowerCase() === alias) name = x.name;
      return undefined;
    });
  }
  return name;
}
