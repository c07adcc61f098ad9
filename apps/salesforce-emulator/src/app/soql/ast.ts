/** The syntax tree of a SOQL query, before it meets the org's schema. */

export interface FieldPath {
  /** As written, split on dots: ["Account", "Owner", "Name"]. */
  parts: string[];
  pos: number;
}

export type AggregateFunction = 'COUNT' | 'COUNT_DISTINCT' | 'MIN' | 'MAX' | 'SUM' | 'AVG';

export type SelectItem =
  | { kind: 'field'; path: FieldPath }
  | { kind: 'count'; pos: number }
  | { kind: 'aggregate'; fn: AggregateFunction; path: FieldPath; alias: string | null; pos: number }
  | { kind: 'fields'; which: 'ALL' | 'STANDARD' | 'CUSTOM'; pos: number }
  | { kind: 'subquery'; query: SoqlQuery; pos: number };

export type Literal =
  | { kind: 'string'; value: string; raw: string; pos: number }
  | { kind: 'number'; value: number; pos: number }
  | { kind: 'boolean'; value: boolean; pos: number }
  | { kind: 'null'; pos: number }
  | { kind: 'date'; value: string; pos: number }
  | { kind: 'datetime'; value: number; text: string; pos: number }
  | { kind: 'dateLiteral'; name: string; n: number | null; pos: number };

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE';

export type Condition =
  | { kind: 'and'; items: Condition[] }
  | { kind: 'or'; items: Condition[] }
  | { kind: 'not'; item: Condition }
  | { kind: 'compare'; path: FieldPath; op: ComparisonOperator; value: Literal; pos: number }
  | { kind: 'in'; path: FieldPath; negated: boolean; values: Literal[]; pos: number }
  | { kind: 'semiJoin'; path: FieldPath; negated: boolean; query: SoqlQuery; pos: number };

export interface OrderItem {
  path: FieldPath;
  descending: boolean;
  /** null: Salesforce's default (nulls first ascending, last descending). */
  nullsFirst: boolean | null;
}

export interface SoqlQuery {
  select: SelectItem[];
  from: { name: string; alias: string | null; pos: number };
  scope: string | null;
  where: Condition | null;
  groupBy: FieldPath[];
  orderBy: OrderItem[];
  limit: number | null;
  offset: number | null;
  allRows: boolean;
  /** The whole query text, for error messages. */
  text: string;
}
