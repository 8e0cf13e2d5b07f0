import { arrayOf, day, nullable, obj, str } from '../common/response-schemas';

/** GET /areas: the tree in force on a day (date set), or both trees (date null). */
export const AREAS_RESPONSE = obj({
  date: nullable(day),
  areas: arrayOf(
    obj({
      code: str,
      name: str,
      level: str,
      kind: str,
      parentCode: nullable(str),
      treeId: str,
      validFrom: str,
      validTo: nullable(str),
      successors: arrayOf(str),
    }),
  ),
});
