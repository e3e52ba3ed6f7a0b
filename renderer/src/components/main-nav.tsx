import { NavLink } from '@mantine/core';

export interface NavItem {
  path: string;
  label: string;
  href: string;
}

export interface MainNavProps {
  items: readonly NavItem[];
  current: string;
  onNavigate?(): void;
}

/** The list of pages; plain links so they work with the keyboard, middle-click and the address bar. */
export function MainNav({ items, current, onNavigate }: MainNavProps) {
  return items.map((item) => (
    <NavLink
      key={item.path}
      component="a"
      href={item.href}
      label={item.label}
      active={item.path === current}
      aria-current={item.path === current ? 'page' : undefined}
      onClick={() => onNavigate?.()}
    />
  ));
}
