import type { ActivityService } from '../activity/activity-service';
import type { Handlers } from './dispatch';

type ActivityHandlers = Pick<
  Handlers,
  | 'activity.query'
  | 'activity.facets'
  | 'activity.exportCsv'
  | 'activity.searchArchive'
  | 'activity.exportArchiveCsv'
>;

/** The Activity page's methods: reads over the whole journal. */
export function activityHandlers(activity: () => ActivityService): ActivityHandlers {
  return {
    'activity.query': (request) => activity().query(request),
    'activity.facets': () => activity().facets(),
    'activity.exportCsv': ({ filter, cursor }) => activity().exportCsv(filter, cursor),
    'activity.searchArchive': (request) => activity().searchArchive(request),
    'activity.exportArchiveCsv': ({ filter, cursor }) => activity().exportArchiveCsv(filter, cursor),
  };
}
