/** The header's notifications: not built yet (issue #11). */
export function NotificationBell() {
  return null;
}
