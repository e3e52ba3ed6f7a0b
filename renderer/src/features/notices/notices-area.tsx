import { NoticeList } from '../../components/notice-list';
import { useNotices } from './use-notices';

/** The strip at the top of every page where the core's notices appear until dismissed. */
export function NoticesArea() {
  const { notices, error, dismiss } = useNotices();
  return <NoticeList notices={notices} error={error} onDismiss={dismiss} />;
}
