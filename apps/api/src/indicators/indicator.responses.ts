import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { anyObject, arrayOf, bool, int, nullable, num, obj, oneOfStrings, str } from '../common/response-schemas';

/** The response schemas of the indicator routes, written from their controllers (indicatorMeta, figureOf). */
const target = obj({
  key: str,
  labelVi: str,
  labelEn: str,
  unit: str,
  direction: str,
  directionByYear: anyObject,
  target2025: nullable(num),
  target2025Max: nullable(num),
  target2030: nullable(num),
  target2030Max: nullable(num),
});
const metaProps: Record<string, SchemaObject> = {
  number: int,
  goal: int,
  nameVi: str,
  nameEn: str,
  leadAgency: str,
  leadAgencyVi: str,
  computed: bool,
  supportAgencies: arrayOf(str),
  dataSuppliers: arrayOf(str),
  targets: arrayOf(target),
};
const figureProps: Record<string, SchemaObject> = {
  value: nullable(num),
  unit: str,
  numerator: nullable(num),
  denominator: nullable(num),
  target: nullable(anyObject),
  targetMet: nullable(bool),
  source: nullable(oneOfStrings('computed', 'entered')),
  noData: nullable(str),
  note: nullable(str),
  enteredAt: nullable(str),
  enteredAgency: nullable(str),
};
const where = { year: int, areaCode: str, areaName: nullable(str) };

/** GET /indicators: every indicator with its targets, each with its figure. */
export const INDICATOR_LIST = obj({
  ...where,
  indicators: arrayOf(
    obj({
      ...metaProps,
      targets: arrayOf({
        ...target,
        properties: { ...target.properties, figure: obj(figureProps) },
        required: [...(target.required ?? []), 'figure'],
      }),
    }),
  ),
});

/** GET /indicators/{number}: 9, 12 and 13 with `result`, the others with their entered figures and history. */
export const INDICATOR = obj(
  {
    ...metaProps,
    ...where,
    result: anyObject,
    figures: arrayOf(obj({ targetKey: str, ...figureProps })),
    history: arrayOf(anyObject),
  },
  ['result', 'figures', 'history'],
);

/** POST /indicators/{number}/figures: the figure now in force. */
export const FIGURE_RECORDED = obj({
  indicator: int,
  targetKey: str,
  year: int,
  areaCode: str,
  value: num,
  note: nullable(str),
  enteredRole: str,
  enteredAgency: nullable(str),
  enteredAt: str,
  areaName: nullable(str),
  unit: str,
});
