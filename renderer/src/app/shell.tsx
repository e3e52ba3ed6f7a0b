import { AppShell, Burger, Group, Stack, Title } from '@mantine/core';
import { DemoBadge } from '../features/demo/demo-badge';
import { useDisclosure } from '@mantine/hooks';
import { useConnection } from '../api';
import { ConnectionBanner } from '../components/connection-banner';
import { EmptyState } from '../components/empty-state';
import { MainNav } from '../components/main-nav';
import { LapseBanner } from '../features/control/lapse-banner';
import { JumpPalette } from '../features/jump/jump-palette';
import { NoticesArea } from '../features/notices/notices-area';
import { ErrorBoundary } from './error-boundary';
import type { PageDef } from './pages';
import { hrefOf, useHashRoute } from './use-hash-route';

/**
 * The frame around every page: header, navigation, connection banner, the lapse banner (held
 * installations that fall back to local control while the broker link is down), notices and the page.
 */
export function Shell({ pages }: { pages: readonly PageDef[] }) {
  const route = useHashRoute(pages[0]?.path ?? '');
  const page = pages.find((p) => p.path === route);
  const connection = useConnection();
  const [navOpen, nav] = useDisclosure(false);
  const items = pages
    .filter((p) => p.navParent === undefined)
    .map((p) => ({ path: p.path, label: p.label, href: hrefOf(p.path) }));

  return (
    <AppShell
      header={{ height: 52 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !navOpen } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md">
          <Burger
            opened={navOpen}
            onClick={nav.toggle}
            hiddenFrom="sm"
            size="sm"
            aria-label="Toggle navigation"
          />
          <Title order={1} size="h4">
            Fleetdesk
          </Title>
          <DemoBadge />
          <Group ml="auto">
            <JumpPalette pages={items} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation">
        <MainNav items={items} current={page?.navParent ?? route} onNavigate={nav.close} />
      </AppShell.Navbar>
      <AppShell.Main>
        <Stack gap="md">
          <ConnectionBanner state={connection} />
          <LapseBanner linkToControl={route !== 'control'} />
          <NoticesArea />
          <ErrorBoundary key={route}>
            {page ? (
              <page.Component />
            ) : (
              <EmptyState title="Page not found">
                There is no page at “#/{route}”. Pick a page from the navigation.
              </EmptyState>
            )}
          </ErrorBoundary>
        </Stack>
      </AppShell.Main>
    </AppShell>
  );
}
