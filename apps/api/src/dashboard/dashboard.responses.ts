import { arrayOf, instant, int, nullable, num, obj, str, uuid } from '../common/response-schemas';

/** The response schemas of the supervisor's dashboard, written from its controller. */
const timelinessProps = {
  met: int,
  missed: int,
  pending: int,
  excluded: int,
  medianHours: nullable(num),
  p90Hours: nullable(num),
  hoursHistogram: arrayOf(int),
  ratePercent: nullable(num),
};
export const RESPONSE_TIMES = obj({
  year: int,
  areaCode: str,
  areaName: nullable(str),
  groupBy: arrayOf(str),
  asOf: instant,
  hoursBucketEdges: arrayOf(num),
  totals: obj(timelinessProps),
  groups: arrayOf(
    obj({ ...timelinessProps, area: str, category: str, agency: str, month: str, areaName: nullable(str) }, [
      'area',
      'category',
      'agency',
      'month',
      'areaName',
    ]),
  ),
});

export const OVERDUE = obj({
  asOf: instant,
  total: int,
  items: arrayOf(
    obj({
      caseId: uuid,
      kind: str,
      referralId: nullable(uuid),
      dueAt: instant,
      hoursOverdue: num,
      agency: nullable(str),
      urgency: nullable(str),
      category: str,
      areaCode: str,
      reportedAt: instant,
      areaName: nullable(str),
    }),
  ),
  nextCursor: nullable(str),
});
